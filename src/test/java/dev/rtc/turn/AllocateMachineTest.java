package dev.rtc.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.PasswordAlgorithm;
import dev.rtc.stun.PasswordAlgorithms;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.TransactionId;
import dev.rtc.stun.Verification;
import dev.rtc.turn.AllocateMachine.Allocated;
import dev.rtc.turn.AllocateMachine.Failed;
import dev.rtc.turn.AllocateMachine.Redirect;
import dev.rtc.turn.AllocateMachine.Send;
import dev.rtc.turn.AllocateMachine.Step;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Allocate state machine against scripted server replies, built with the codec as a TURN server would. */
class AllocateMachineTest {
    private static final TurnCredentials ALICE = new TurnCredentials("alice", "wonderland");
    private static final String REALM = "rtc.test";
    private static final InetSocketAddress RELAYED = at("198.51.100.2", 49152);
    private static final InetSocketAddress MAPPED = at("203.0.113.5", 61000);

    static InetSocketAddress at(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StunMessage error(StunMessage request, int code, Attribute... extra) {
        StunMessage.Builder b = StunMessage.builder(Method.ALLOCATE, MessageClass.ERROR_RESPONSE)
                .transactionId(request.transactionId()).add(Attributes.errorCode(code));
        for (Attribute a : extra) {
            b.add(a);
        }
        return b.add(Attributes.software("Coturn-4.6.1 'Gorst'")).buildWithFingerprint();
    }

    private static StunMessage challenge(StunMessage request, String nonce, Attribute... extra) {
        List<Attribute> attrs = new ArrayList<>(List.of(Attributes.realm(REALM), Attributes.nonce(nonce)));
        attrs.addAll(List.of(extra));
        return error(request, ErrorCode.UNAUTHENTICATED, attrs.toArray(Attribute[]::new));
    }

    private static StunMessage success(StunMessage request, byte[] key, boolean sha256) {
        return StunMessage.builder(Method.ALLOCATE, MessageClass.SUCCESS_RESPONSE)
                .transactionId(request.transactionId())
                .add(Attributes.xorRelayedAddress(RELAYED))
                .add(Attributes.lifetime(600))
                .add(Attributes.xorMappedAddress(MAPPED))
                .add(Attributes.software("Coturn-4.6.1 'Gorst'"))
                .build(key, sha256, true);
    }

    private static String string(StunMessage m, AttributeType t) {
        return ((StringAttribute) m.first(t).orElseThrow()).value();
    }

    private static byte[] md5Key() {
        return Integrity.longTermKey("alice", REALM, "wonderland");
    }

    @Test
    void firstAllocateCarriesNoCredentials() {
        StunMessage first = AllocateMachine.create(ALICE).start().request();
        assertThat(first.method()).isEqualTo(Method.ALLOCATE);
        assertThat(first.messageClass()).isEqualTo(MessageClass.REQUEST);
        assertThat(first.first(AttributeType.REQUESTED_TRANSPORT)).isPresent();
        assertThat(first.first(AttributeType.USERNAME)).isEmpty();
        assertThat(first.first(AttributeType.MESSAGE_INTEGRITY)).isEmpty();
        assertThat(Fingerprint.verify(first)).isEqualTo(Verification.VALID);
    }

    @Test
    void challengeAnsweredWithLongTermCredentialThenAllocated() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send first = m.start();
        Step step = m.onResponse(challenge(first.request(), "nonce-1"));
        assertThat(step).isInstanceOf(Send.class);
        Send second = (Send) step;
        assertThat(second.authenticated()).isTrue();
        StunMessage req = second.request();
        assertThat(req.transactionId()).isNotEqualTo(first.request().transactionId());
        assertThat(string(req, AttributeType.USERNAME)).isEqualTo("alice");
        assertThat(string(req, AttributeType.REALM)).isEqualTo(REALM);
        assertThat(string(req, AttributeType.NONCE)).isEqualTo("nonce-1");
        assertThat(Integrity.verify(req, md5Key())).isEqualTo(Verification.VALID);
        assertThat(Fingerprint.verify(req)).isEqualTo(Verification.VALID);
        assertThat(req.first(AttributeType.PASSWORD_ALGORITHM)).isEmpty();
        assertThat(req.first(AttributeType.MESSAGE_INTEGRITY_SHA256)).isEmpty();
        assertThat(req.toString()).doesNotContain("wonderland");

        Step done = m.onResponse(success(req, md5Key(), false));
        assertThat(done).isInstanceOf(Allocated.class);
        Allocation a = ((Allocated) done).allocation();
        assertThat(a.relayed()).isEqualTo(RELAYED);
        assertThat(a.mapped()).isEqualTo(MAPPED);
        assertThat(a.lifetimeSeconds()).isEqualTo(600);
        assertThat(a.software()).isEqualTo("Coturn-4.6.1 'Gorst'");
        assertThat(a.realm()).isEqualTo(REALM);
        assertThat(m.auth().ready()).isTrue();
    }

    @Test
    void withoutCredentialsA401SaysCredentialsAreNeeded() {
        AllocateMachine m = AllocateMachine.create(null);
        Step step = m.onResponse(challenge(m.start().request(), "n"));
        assertThat(step).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(TurnFailure.AUTH_MISSING);
            assertThat(f.code()).isEqualTo(401);
            assertThat(f.realm()).isEqualTo(REALM);
        });
    }

    @Test
    void serverWithoutAuthenticationAllocatesAtOnce() {
        AllocateMachine m = AllocateMachine.create(null);
        Step step = m.onResponse(success(m.start().request(), null, false));
        assertThat(step).isInstanceOf(Allocated.class);
    }

    @Test
    void a401AfterCredentialsIsAuthenticationRejected() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send second = (Send) m.onResponse(challenge(m.start().request(), "n1"));
        Step step = m.onResponse(challenge(second.request(), "n2"));
        assertThat(step).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(TurnFailure.AUTH_REJECTED);
            assertThat(f.detail()).contains("401").contains("alice").doesNotContain("wonderland");
        });
    }

    @Test
    void wrongCredentials441IsRejectedToo() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send second = (Send) m.onResponse(challenge(m.start().request(), "n1"));
        Step step = m.onResponse(error(second.request(), ErrorCode.WRONG_CREDENTIALS));
        assertThat(((Failed) step).failure()).isEqualTo(TurnFailure.AUTH_REJECTED);
    }

    @Test
    void a401WithoutRealmIsABadResponse() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Step step = m.onResponse(error(m.start().request(), ErrorCode.UNAUTHENTICATED, Attributes.nonce("n")));
        assertThat(step).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(TurnFailure.BAD_RESPONSE);
            assertThat(f.detail()).contains("without REALM");
        });
    }

    @Test
    void staleNonceIsRetriedWithTheNewNonce() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send second = (Send) m.onResponse(challenge(m.start().request(), "n1"));
        Step step = m.onResponse(error(second.request(), ErrorCode.STALE_NONCE, Attributes.realm(REALM),
                Attributes.nonce("n2")));
        Send third = (Send) step;
        assertThat(string(third.request(), AttributeType.NONCE)).isEqualTo("n2");
        assertThat(Integrity.verify(third.request(), md5Key())).isEqualTo(Verification.VALID);
        assertThat(m.onResponse(success(third.request(), md5Key(), false))).isInstanceOf(Allocated.class);
    }

    @Test
    void staleNonceAgainAndAgainIsALoop() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Step step = m.onResponse(challenge(m.start().request(), "n0"));
        for (int i = 1; i <= AllocateMachine.MAX_STALE_NONCE; i++) {
            assertThat(step).isInstanceOf(Send.class);
            step = m.onResponse(error(((Send) step).request(), ErrorCode.STALE_NONCE, Attributes.realm(REALM),
                    Attributes.nonce("n" + i)));
        }
        assertThat(step).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.failure()).isEqualTo(TurnFailure.STALE_NONCE_LOOP));
    }

    @Test
    void tryAlternateIsFollowedOnce() {
        InetSocketAddress alternate = at("198.51.100.3", 3478);
        AllocateMachine m = AllocateMachine.create(ALICE);
        Step step = m.onResponse(error(m.start().request(), ErrorCode.TRY_ALTERNATE,
                Attributes.alternateServer(alternate)));
        assertThat(step).isInstanceOfSatisfying(Redirect.class, r -> assertThat(r.alternate()).isEqualTo(alternate));

        AllocateMachine again = AllocateMachine.redirected(ALICE);
        Step second = again.onResponse(error(again.start().request(), ErrorCode.TRY_ALTERNATE,
                Attributes.alternateServer(at("198.51.100.4", 3478))));
        assertThat(second).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.failure()).isEqualTo(TurnFailure.REDIRECTED));

        AllocateMachine bare = AllocateMachine.create(ALICE);
        assertThat(bare.onResponse(error(bare.start().request(), ErrorCode.TRY_ALTERNATE)))
                .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.failure()).isEqualTo(TurnFailure.BAD_RESPONSE));
    }

    @Test
    void namedErrorsAfterAuthentication() {
        int[] codes = {437, 486, 508, 403, 442, 500};
        TurnFailure[] expected = {TurnFailure.ALLOCATION_MISMATCH, TurnFailure.QUOTA_OR_CAPACITY,
            TurnFailure.QUOTA_OR_CAPACITY, TurnFailure.FORBIDDEN, TurnFailure.ERROR, TurnFailure.ERROR};
        for (int i = 0; i < codes.length; i++) {
            AllocateMachine m = AllocateMachine.create(ALICE);
            Send second = (Send) m.onResponse(challenge(m.start().request(), "n1"));
            Failed f = (Failed) m.onResponse(error(second.request(), codes[i]));
            assertThat(f.failure()).as("code %d", codes[i]).isEqualTo(expected[i]);
            assertThat(f.code()).isEqualTo(codes[i]);
            assertThat(f.detail()).startsWith(Integer.toString(codes[i]));
            assertThat(f.software()).isEqualTo("Coturn-4.6.1 'Gorst'");
        }
    }

    @Test
    void successSignedWithAnotherKeyIsABadResponse() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send second = (Send) m.onResponse(challenge(m.start().request(), "n1"));
        Step step = m.onResponse(success(second.request(), Integrity.longTermKey("alice", REALM, "other"), false));
        assertThat(((Failed) step).failure()).isEqualTo(TurnFailure.BAD_RESPONSE);
    }

    @Test
    void successWithoutRelayedAddressIsABadResponse() {
        AllocateMachine m = AllocateMachine.create(null);
        StunMessage req = m.start().request();
        StunMessage bare = StunMessage.builder(Method.ALLOCATE, MessageClass.SUCCESS_RESPONSE)
                .transactionId(req.transactionId()).build();
        assertThat(((Failed) m.onResponse(bare)).detail()).contains("XOR-RELAYED-ADDRESS");
    }

    @Test
    void sha256OnlyWhenTheServerOffersIt() {
        // security feature bit 0 (password algorithms) set: "gAAA" is base64 of 0x800000
        PasswordAlgorithms offered = new PasswordAlgorithms(List.of(new PasswordAlgorithm(PasswordAlgorithm.MD5),
                new PasswordAlgorithm(PasswordAlgorithm.SHA256)));
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send second = (Send) m.onResponse(challenge(m.start().request(), "obMatJos2gAAAxyz", offered));
        StunMessage req = second.request();
        byte[] key = Integrity.longTermKeySha256("alice", REALM, "wonderland");
        assertThat(Integrity.verifySha256(req, key)).isEqualTo(Verification.VALID);
        assertThat(req.first(AttributeType.MESSAGE_INTEGRITY)).isEmpty();
        assertThat(req.first(PasswordAlgorithm.class).orElseThrow().algorithm()).isEqualTo(PasswordAlgorithm.SHA256);
        assertThat(req.first(PasswordAlgorithms.class)).contains(offered);
        assertThat(m.auth().usesSha256()).isTrue();
        assertThat(m.onResponse(success(req, key, true))).isInstanceOf(Allocated.class);

        // the same PASSWORD-ALGORITHMS without the nonce cookie: plain MD5 and MESSAGE-INTEGRITY
        AllocateMachine plain = AllocateMachine.create(ALICE);
        Send md5 = (Send) plain.onResponse(challenge(plain.start().request(), "ordinary-nonce", offered));
        assertThat(md5.request().first(AttributeType.PASSWORD_ALGORITHM)).isEmpty();
        assertThat(Integrity.verify(md5.request(), md5Key())).isEqualTo(Verification.VALID);
    }

    @Test
    void userHashOnlyWhenTheServerOffersAnonymity() {
        // security feature bit 1 (username anonymity): "QAAA" is base64 of 0x400000
        AllocateMachine m = AllocateMachine.create(ALICE);
        Send second = (Send) m.onResponse(challenge(m.start().request(), "obMatJos2QAAAabc"));
        assertThat(second.request().first(AttributeType.USERNAME)).isEmpty();
        assertThat(second.request().first(AttributeType.USERHASH)).isPresent();
        assertThat(m.auth().usesUserHash()).isTrue();
        assertThat(Integrity.verify(second.request(), md5Key())).isEqualTo(Verification.VALID);
    }

    @Test
    void featureBitsOfTheNonceCookie() {
        assertThat(LongTermAuth.features("obMatJos2gAAA")).isEqualTo(0x800000);
        assertThat(LongTermAuth.features("obMatJos2wAAArest")).isEqualTo(0xC00000);
        assertThat(LongTermAuth.features("obMatJos2")).isZero();
        assertThat(LongTermAuth.features("plain")).isZero();
        assertThat(LongTermAuth.features("obMatJos2!!!!")).isZero();
    }

    @Test
    void aResponseToAnotherTransactionIsRefused() {
        AllocateMachine m = AllocateMachine.create(ALICE);
        m.start();
        StunMessage stray = StunMessage.builder(Method.ALLOCATE, MessageClass.ERROR_RESPONSE)
                .transactionId(TransactionId.random()).add(Attributes.errorCode(401)).build();
        assertThatThrownBy(() -> m.onResponse(stray)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonPhrasesLoseTheirPadding() {
        assertThat(AllocateMachine.describe(new ErrorCode(300, "Try Alternate\0\0\0"))).isEqualTo("300 Try Alternate");
        assertThat(AllocateMachine.describe(new ErrorCode(486, "Allocation Quota Reached  ")))
                .isEqualTo("486 Allocation Quota Reached");
        assertThat(AllocateMachine.describe(new ErrorCode(599, ""))).isEqualTo("599");
    }
}
