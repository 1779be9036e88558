package dev.rtc.turn;

import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.StunClient;
import dev.rtc.net.StunResponse;
import dev.rtc.net.StunTransactionException;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.BytesAttribute;
import dev.rtc.stun.ChannelData;
import dev.rtc.stun.Demux;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.UIntAttribute;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A TURN client for one allocation on one server, over a {@link StunClient} (UDP, TCP or TLS): runs the
 * {@link AllocateMachine} with real transactions and measures the first response and the authenticated Allocate,
 * then CreatePermission, ChannelBind, ChannelData and the Refresh with LIFETIME 0 that releases the allocation.
 * Calls block; the retransmission policy (asked for anew before every transaction, so it can shrink with a global
 * deadline) bounds each of them.
 */
public final class TurnClient {
    private final StunClient client;
    private final TurnCredentials credentials;
    private final Supplier<RetransmitPolicy> policy;
    private final boolean stream;
    private InetSocketAddress server;
    private AllocateMachine machine;
    private Allocation allocation;
    private StunResponse firstAnswer;
    private Integer firstResponseCode;
    private int staleNonceRetries;
    private StunResponse authenticatedAnswer;
    /** Channels bound by {@link #channelBind}, to their peers. */
    private final Map<Integer, InetSocketAddress> channels = new ConcurrentHashMap<>();

    /** Data from a peer through the relay: the payload of a ChannelData message or of a Data indication. */
    @FunctionalInterface
    public interface PeerData {
        void received(InetSocketAddress peer, byte[] data);
    }

    public TurnClient(StunClient client, InetSocketAddress server, TurnCredentials credentials,
                      Supplier<RetransmitPolicy> policy) {
        this.client = client;
        this.server = server;
        this.credentials = credentials;
        this.policy = policy;
        this.stream = client.transport().reliable();
    }

    /**
     * Runs the Allocate exchange to its end: {@link AllocateMachine.Allocated}, {@link AllocateMachine.Failed} or
     * {@link AllocateMachine.Redirect} (the caller connects to the alternate and uses a new client with
     * {@code redirected} true).
     */
    public AllocateMachine.Step allocate(boolean redirected) throws StunTransactionException, InterruptedException {
        machine = redirected ? AllocateMachine.redirected(credentials) : AllocateMachine.create(credentials);
        AllocateMachine.Step step = machine.start();
        while (step instanceof AllocateMachine.Send send) {
            StunResponse response = exchange(send.request(), policy.get());
            if (firstAnswer == null) {
                firstAnswer = response;
                firstResponseCode = response.message().first(ErrorCode.class).map(ErrorCode::code).orElse(0);
            }
            if (send.authenticated()) {
                authenticatedAnswer = response;
            }
            step = machine.onResponse(response.message());
        }
        if (step instanceof AllocateMachine.Allocated a) {
            allocation = a.allocation();
        }
        return step;
    }

    /** The answer to the first Allocate (usually the 401), or null before any answer. */
    public StunResponse firstAnswer() {
        return firstAnswer;
    }

    /** The round-trip time of the first Allocate, or null before any answer or when it is ambiguous. */
    public Duration firstResponse() {
        return firstAnswer == null ? null : firstAnswer.rtt().orElse(null);
    }

    /** The error code of the first answer (401 when the server asks for credentials), 0 for a success. */
    public Integer firstResponseCode() {
        return firstResponseCode;
    }

    /** How many requests after the Allocate were sent again with a fresh nonce after 438 Stale Nonce. */
    public int staleNonceRetries() {
        return staleNonceRetries;
    }

    /** The answer to the authenticated Allocate, or null when none was sent or answered. */
    public StunResponse authenticatedAnswer() {
        return authenticatedAnswer;
    }

    /** The round-trip time of the authenticated Allocate; null when none was answered or it is ambiguous. */
    public Duration authenticatedAllocate() {
        return authenticatedAnswer == null ? null : authenticatedAnswer.rtt().orElse(null);
    }

    public Optional<Allocation> allocation() {
        return Optional.ofNullable(allocation);
    }

    public InetSocketAddress server() {
        return server;
    }

    /** Installs a permission for the peer's IP address (RFC 8656 section 9). */
    public void createPermission(InetSocketAddress peer) throws TurnRequestException, InterruptedException {
        signedRequest(Method.CREATE_PERMISSION, List.of(Attributes.xorPeerAddress(peer)), policy.get());
    }

    /** Binds a channel (0x4000-0x7FFF) to the peer (RFC 8656 section 11), which also installs a permission. */
    public void channelBind(int channel, InetSocketAddress peer) throws TurnRequestException, InterruptedException {
        signedRequest(Method.CHANNEL_BIND, List.of(Attributes.channelNumber(channel), Attributes.xorPeerAddress(peer)),
                policy.get());
        channels.put(channel, peer);
    }

    /**
     * Refreshes the allocation for {@code lifetimeSeconds} (RFC 8656 section 7); returns the lifetime the server
     * granted.
     */
    public long refresh(long lifetimeSeconds) throws TurnRequestException, InterruptedException {
        StunMessage m = signedRequest(Method.REFRESH, List.of(Attributes.lifetime(lifetimeSeconds)), policy.get());
        return m.first(AttributeType.LIFETIME)
                .filter(a -> a instanceof UIntAttribute)
                .map(a -> ((UIntAttribute) a).value()).orElse(lifetimeSeconds);
    }

    /** Sends data to a peer in a Send indication (RFC 8656 section 11.1): needs a permission for its address. */
    public void sendIndication(InetSocketAddress peer, byte[] data) throws IOException {
        StunMessage m = StunMessage.builder(Method.SEND, MessageClass.INDICATION)
                .add(Attributes.xorPeerAddress(peer)).add(Attributes.data(data)).build();
        client.transport().send(m.raw(), server);
    }

    /**
     * Where data from peers goes (on the transport's receive thread): ChannelData on a channel this client bound,
     * and Data indications. Replaces {@link #onChannelData}.
     */
    public void onPeerData(PeerData handler) {
        client.onOther((bytes, source) -> {
            if (bytes.length == 0) {
                return;
            }
            Demux.Kind kind = Demux.classify(bytes[0]);
            try {
                if (kind == Demux.Kind.TURN_CHANNEL && bytes.length >= ChannelData.HEADER_LENGTH) {
                    ChannelData cd = ChannelData.decode(bytes);
                    InetSocketAddress peer = channels.get(cd.channel());
                    if (peer != null) {
                        handler.received(peer, cd.data());
                    }
                } else if (kind == Demux.Kind.STUN && StunMessage.looksLikeStun(bytes, 0, bytes.length)) {
                    StunMessage m = StunMessage.decode(bytes);
                    if (m.method().equals(Method.DATA) && m.messageClass() == MessageClass.INDICATION) {
                        InetSocketAddress peer = m.address(AttributeType.XOR_PEER_ADDRESS).orElse(null);
                        byte[] data = m.first(AttributeType.DATA)
                                .filter(a -> a instanceof BytesAttribute)
                                .map(a -> ((BytesAttribute) a).value()).orElse(null);
                        if (peer != null && data != null) {
                            handler.received(peer, data);
                        }
                    }
                }
            } catch (StunParseException ignored) {
                // a damaged frame counts as lost, like any other lost packet
            }
        });
    }

    /** Sends application data on a bound channel. */
    public void sendChannelData(int channel, byte[] data) throws IOException {
        client.transport().send(new ChannelData(channel, data).encode(stream), server);
    }

    /** Where ChannelData from the server goes (on the transport's receive thread). */
    public void onChannelData(Consumer<ChannelData> handler) {
        client.onOther((bytes, source) -> {
            if (bytes.length >= ChannelData.HEADER_LENGTH && Demux.classify(bytes[0]) == Demux.Kind.TURN_CHANNEL) {
                try {
                    handler.accept(ChannelData.decode(bytes));
                } catch (StunParseException ignored) {
                    // a damaged frame counts as lost, like any other lost packet
                }
            }
        });
    }

    /**
     * Releases the allocation with a Refresh of LIFETIME 0 (RFC 8656 section 7.2). Returns false when the server
     * did not confirm within {@code limit}; the allocation then expires by itself.
     */
    public boolean release(RetransmitPolicy limit) throws InterruptedException {
        if (allocation == null) {
            return true;
        }
        try {
            signedRequest(Method.REFRESH, List.of(Attributes.lifetime(0)), limit);
            allocation = null;
            return true;
        } catch (TurnRequestException e) {
            return false;
        }
    }

    private StunMessage signedRequest(Method method, List<? extends Attribute> attributes, RetransmitPolicy limit)
            throws TurnRequestException, InterruptedException {
        LongTermAuth auth = machine == null ? null : machine.auth();
        boolean signed = auth != null && auth.ready();
        for (int attempt = 0; attempt < 2; attempt++) {
            StunMessage request = signed ? auth.sign(method, attributes)
                    : StunMessage.builder(method, MessageClass.REQUEST).addAll(attributes).buildWithFingerprint();
            StunResponse response;
            try {
                response = exchange(request, limit);
            } catch (StunTransactionException e) {
                throw new TurnRequestException(method + ": " + e.getMessage(), 0);
            }
            StunMessage m = response.message();
            if (m.messageClass() == MessageClass.SUCCESS_RESPONSE) {
                return m;
            }
            int code = m.first(ErrorCode.class).map(ErrorCode::code).orElse(0);
            String what = m.first(ErrorCode.class).map(AllocateMachine::describe).orElse("error without ERROR-CODE");
            if (code == ErrorCode.STALE_NONCE && signed && attempt == 0 && auth.challenge(m)) {
                staleNonceRetries++;
                continue;
            }
            throw new TurnRequestException(method + " answered " + what, code);
        }
        throw new TurnRequestException(method + ": stale nonce twice in a row", ErrorCode.STALE_NONCE);
    }

    private StunResponse exchange(StunMessage request, RetransmitPolicy limit)
            throws StunTransactionException, InterruptedException {
        CompletableFuture<StunResponse> f = client.request(request, server, limit);
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StunTransactionException s) {
                throw s;
            }
            throw new IllegalStateException("transaction failed unexpectedly", e.getCause());
        }
    }
}
