package dev.rtc.turn;

import dev.rtc.net.Addresses;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.UIntAttribute;
import dev.rtc.stun.UnknownAttributes;
import dev.rtc.stun.Verification;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The client side of a TURN Allocate (RFC 8656 section 7) as a pure state machine: it says which request to send
 * and turns each response into the next step. First an unauthenticated Allocate; a 401 with REALM and NONCE is
 * answered once with the long-term credential; 438 Stale Nonce is retried with the new nonce (a few times, then
 * it is a loop); 300 Try Alternate is followed once; 437, 486, 508, 403 and other errors end it with a named
 * cause. It never touches a socket, so tests drive it with scripted replies.
 */
public final class AllocateMachine {
    /** Consecutive 438 answers accepted before calling it a loop. */
    public static final int MAX_STALE_NONCE = 3;
    private static final int UDP = 17;

    /** What to do next. */
    public sealed interface Step permits Send, Allocated, Redirect, Failed {
    }

    /** Send this request (a retransmission-managed transaction). {@code authenticated} tells the 401 apart. */
    public record Send(StunMessage request, boolean authenticated) implements Step {
    }

    /** The allocation was granted. */
    public record Allocated(Allocation allocation) implements Step {
    }

    /** 300 Try Alternate: start again with a new machine (see {@link #redirected}) against this server. */
    public record Redirect(InetSocketAddress alternate, String software) implements Step {
    }

    /** The allocation failed; {@code code} is the STUN error code, 0 when there was none. */
    public record Failed(TurnFailure failure, String detail, int code, String software, String realm)
            implements Step {
    }

    private final TurnCredentials credentials;
    private final boolean alreadyRedirected;
    private final LongTermAuth auth;
    private StunMessage pending;
    private boolean sentCredentials;
    private int staleNonces;
    private String software;
    private String realm;

    private AllocateMachine(TurnCredentials credentials, boolean alreadyRedirected) {
        this.credentials = credentials;
        this.alreadyRedirected = alreadyRedirected;
        this.auth = credentials == null ? null : new LongTermAuth(credentials);
    }

    /** A machine for a first attempt; {@code credentials} may be null (servers without authentication). */
    public static AllocateMachine create(TurnCredentials credentials) {
        return new AllocateMachine(credentials, false);
    }

    /** A machine for the alternate server after one 300: another 300 is then reported, not followed. */
    public static AllocateMachine redirected(TurnCredentials credentials) {
        return new AllocateMachine(credentials, true);
    }

    /** The first request: Allocate with REQUESTED-TRANSPORT UDP and no credentials. */
    public Send start() {
        pending = StunMessage.builder(Method.ALLOCATE, MessageClass.REQUEST)
                .add(Attributes.requestedTransport(UDP))
                .buildWithFingerprint();
        return new Send(pending, false);
    }

    /** The request last handed out, to match responses against. */
    public StunMessage pending() {
        return pending;
    }

    /** The session's credential state, for the Refresh, CreatePermission and ChannelBind that follow. */
    public LongTermAuth auth() {
        return auth;
    }

    /** The next step for a response to the pending request. */
    public Step onResponse(StunMessage response) {
        if (pending == null || !response.transactionId().equals(pending.transactionId())
                || response.method().code() != Method.ALLOCATE.code()) {
            throw new IllegalArgumentException("response does not belong to the pending Allocate");
        }
        LongTermAuth.string(response, AttributeType.SOFTWARE).ifPresent(s -> software = s);
        LongTermAuth.string(response, AttributeType.REALM).ifPresent(r -> realm = r);
        if (response.messageClass() == MessageClass.SUCCESS_RESPONSE) {
            return success(response);
        }
        if (response.messageClass() != MessageClass.ERROR_RESPONSE) {
            return failed(TurnFailure.BAD_RESPONSE, "answer of class " + response.messageClass(), 0);
        }
        Optional<ErrorCode> error = response.first(ErrorCode.class);
        if (error.isEmpty()) {
            return failed(TurnFailure.BAD_RESPONSE, "error response without ERROR-CODE", 0);
        }
        int code = error.get().code();
        String what = describe(error.get());
        return switch (code) {
            case ErrorCode.UNAUTHENTICATED -> unauthenticated(response, what);
            case ErrorCode.STALE_NONCE -> staleNonce(response, what);
            case ErrorCode.TRY_ALTERNATE -> tryAlternate(response, what);
            case ErrorCode.WRONG_CREDENTIALS -> failed(TurnFailure.AUTH_REJECTED, what, code);
            case ErrorCode.FORBIDDEN -> failed(TurnFailure.FORBIDDEN, what, code);
            case ErrorCode.ALLOCATION_MISMATCH -> failed(TurnFailure.ALLOCATION_MISMATCH, what
                    + " (an allocation already exists for this 5-tuple)", code);
            case ErrorCode.ALLOCATION_QUOTA_REACHED, ErrorCode.INSUFFICIENT_CAPACITY ->
                    failed(TurnFailure.QUOTA_OR_CAPACITY, what, code);
            case ErrorCode.UNKNOWN_ATTRIBUTE -> failed(TurnFailure.ERROR, what + unknownList(response), code);
            default -> failed(TurnFailure.ERROR, what, code);
        };
    }

    private Step unauthenticated(StunMessage response, String what) {
        if (sentCredentials) {
            return failed(TurnFailure.AUTH_REJECTED, what + " after credentials were sent for user '"
                    + credentials.username() + "'", ErrorCode.UNAUTHENTICATED);
        }
        if (credentials == null) {
            return failed(TurnFailure.AUTH_MISSING, what + ": the server wants credentials (give -u and"
                    + " --credential, or --secret)", ErrorCode.UNAUTHENTICATED);
        }
        if (!auth.challenge(response)) {
            return failed(TurnFailure.BAD_RESPONSE, what + " without "
                    + (LongTermAuth.string(response, AttributeType.REALM).isEmpty() ? "REALM" : "NONCE"),
                    ErrorCode.UNAUTHENTICATED);
        }
        return authenticatedAllocate();
    }

    private Step staleNonce(StunMessage response, String what) {
        if (auth == null || !sentCredentials) {
            return failed(TurnFailure.ERROR, what + " to a request without credentials", ErrorCode.STALE_NONCE);
        }
        staleNonces++;
        if (staleNonces >= MAX_STALE_NONCE) {
            return failed(TurnFailure.STALE_NONCE_LOOP, what + " " + staleNonces + " times in a row",
                    ErrorCode.STALE_NONCE);
        }
        if (!auth.challenge(response)) {
            return failed(TurnFailure.BAD_RESPONSE, what + " without NONCE", ErrorCode.STALE_NONCE);
        }
        return authenticatedAllocate();
    }

    private Step tryAlternate(StunMessage response, String what) {
        Optional<InetSocketAddress> alternate = response.all(AddressAttribute.class).stream()
                .filter(a -> a.type().equals(AttributeType.ALTERNATE_SERVER))
                .map(AddressAttribute::address).findFirst();
        if (alternate.isEmpty()) {
            return failed(TurnFailure.BAD_RESPONSE, what + " without ALTERNATE-SERVER", ErrorCode.TRY_ALTERNATE);
        }
        if (alreadyRedirected) {
            return failed(TurnFailure.REDIRECTED, what + " to " + Addresses.format(alternate.get())
                    + " again after one redirect",
                    ErrorCode.TRY_ALTERNATE);
        }
        return new Redirect(alternate.get(), software);
    }

    private Step authenticatedAllocate() {
        sentCredentials = true;
        pending = auth.sign(Method.ALLOCATE, List.of(Attributes.requestedTransport(UDP)));
        return new Send(pending, true);
    }

    private Step success(StunMessage response) {
        if (sentCredentials && auth.verify(response) == Verification.INVALID) {
            return failed(TurnFailure.BAD_RESPONSE, "the success response's MESSAGE-INTEGRITY does not match"
                    + " the credentials", 0);
        }
        InetSocketAddress relayed = address(response, AttributeType.XOR_RELAYED_ADDRESS);
        if (relayed == null) {
            return failed(TurnFailure.BAD_RESPONSE, "success response without XOR-RELAYED-ADDRESS", 0);
        }
        InetSocketAddress mapped = address(response, AttributeType.XOR_MAPPED_ADDRESS);
        long lifetime = response.first(AttributeType.LIFETIME)
                .map(a -> ((UIntAttribute) a).value()).orElse(600L);
        return new Allocated(new Allocation(relayed, mapped, lifetime, software,
                realm != null ? realm : auth == null ? null : auth.realm()));
    }

    /**
     * "code reason" for messages: the reason phrase without the NUL or space padding some servers send
     * (coturn pads "Try Alternate" to a multiple of four with NULs).
     */
    public static String describe(ErrorCode error) {
        String reason = error.reason().replaceAll("[\\p{Cntrl}]", "").strip();
        return error.code() + (reason.isEmpty() ? "" : " " + reason);
    }

    private Failed failed(TurnFailure failure, String detail, int code) {
        return new Failed(failure, detail, code, software, realm);
    }

    static InetSocketAddress address(StunMessage m, AttributeType type) {
        return m.all(AddressAttribute.class).stream().filter(a -> a.type().equals(type))
                .map(AddressAttribute::address).findFirst().orElse(null);
    }

    private static String unknownList(StunMessage response) {
        return response.first(UnknownAttributes.class)
                .map(u -> " (" + u.types().stream().map(t -> AttributeType.valueOf(t).name())
                        .collect(Collectors.joining(", ")) + ")")
                .orElse("");
    }
}
