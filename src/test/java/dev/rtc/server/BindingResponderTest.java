package dev.rtc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.BytesAttribute;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.Padding;
import dev.rtc.stun.ResponsePort;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.TransactionTransmitCounter;
import dev.rtc.stun.UnknownAttributes;
import dev.rtc.stun.Verification;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingResponderTest {
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("203.0.113.1", 3478);
    private static final InetSocketAddress ALTERNATE = new InetSocketAddress("203.0.113.2", 3479);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.51.100.7", 50000);
    private static final ServerAddressSet SET = new ServerAddressSet(PRIMARY, ALTERNATE, null, null);
    private static final BindingResponder RESPONDER = new BindingResponder(SET, true, "rtc test");

    static byte[] request(Attribute... attributes) {
        StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.REQUEST);
        for (Attribute a : attributes) {
            b.add(a);
        }
        return b.buildWithFingerprint().encode();
    }

    static Answer answer(byte[] bytes, int receivedOn) {
        return RESPONDER.answer(bytes, bytes.length, receivedOn, CLIENT, true);
    }

    static InetSocketAddress addr(StunMessage m, AttributeType t) {
        return ((AddressAttribute) m.first(t).orElseThrow()).address();
    }

    @Test
    void theTransmitCounterIsEchoed() {
        Answer a = answer(request(new TransactionTransmitCounter(3, 0)), 0);
        StunMessage m = StunMessage.decode(a.bytes());
        assertThat(m.first(TransactionTransmitCounter.class)).contains(new TransactionTransmitCounter(3, 1));
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        assertThat(StunMessage.decode(answer(request(), 0).bytes()).first(TransactionTransmitCounter.class)).isEmpty();
    }

    @Test
    void socketNumberingFollowsTable1() {
        assertThat(SET.local(0)).isEqualTo(PRIMARY);
        assertThat(SET.local(1)).isEqualTo(new InetSocketAddress("203.0.113.1", 3479));
        assertThat(SET.local(2)).isEqualTo(new InetSocketAddress("203.0.113.2", 3478));
        assertThat(SET.local(3)).isEqualTo(ALTERNATE);
        for (int on = 0; on < 4; on++) {
            assertThat(ServerAddressSet.replySocket(on, false, false)).isEqualTo(on);
            assertThat(ServerAddressSet.replySocket(on, true, true)).isEqualTo(3 - on);
            assertThat(SET.local(ServerAddressSet.replySocket(on, true, false)).getPort())
                    .isEqualTo(SET.local(on).getPort());
            assertThat(SET.local(ServerAddressSet.replySocket(on, false, true)).getAddress())
                    .isEqualTo(SET.local(on).getAddress());
        }
    }

    @Test
    void modernRequestGetsTheRfc5780AttributeSet() {
        byte[] req = request();
        Answer a = answer(req, 0);
        assertThat(a.dropped()).isFalse();
        assertThat(a.fromSocket()).isEqualTo(0);
        assertThat(a.to()).isEqualTo(CLIENT);
        StunMessage m = StunMessage.decode(a.bytes());
        assertThat(m.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
        assertThat(m.transactionId()).isEqualTo(StunMessage.decode(req).transactionId());
        assertThat(addr(m, AttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(CLIENT);
        assertThat(addr(m, AttributeType.RESPONSE_ORIGIN)).isEqualTo(PRIMARY);
        assertThat(addr(m, AttributeType.OTHER_ADDRESS)).isEqualTo(ALTERNATE);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        // a 28-byte request leaves no room for what the RFCs leave optional
        assertThat(m.first(AttributeType.MAPPED_ADDRESS)).isEmpty();
        assertThat(m.first(AttributeType.SOFTWARE)).isEmpty();
        assertThat(a.bytes()).hasSize(20 + 3 * 12 + 8);
    }

    @Test
    void optionalAttributesOnlyWhileTheAnswerStaysWithinTheRequest() {
        byte[] big = request(new StringAttribute(AttributeType.SOFTWARE, "a client that names itself at length, version and build included"));
        StunMessage m = StunMessage.decode(answer(big, 0).bytes());
        assertThat(addr(m, AttributeType.MAPPED_ADDRESS)).isEqualTo(CLIENT);
        assertThat(m.first(AttributeType.SOFTWARE)).isPresent();
        assertThat(m.raw().length).isLessThanOrEqualTo(big.length);
        // without FINGERPRINT in the request, none in the answer; 20 bytes in, the required 56 out (factor 2.8)
        byte[] bare = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build().encode();
        StunMessage plain = StunMessage.decode(answer(bare, 0).bytes());
        assertThat(plain.first(AttributeType.FINGERPRINT)).isEmpty();
        assertThat(plain.raw()).hasSize(56);
    }

    @Test
    void classicRequestGetsTheRfc3489AttributeSet() {
        byte[] req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).classic()
                .add(new ChangeRequest(false, true)).build().encode();
        Answer a = answer(req, 0);
        StunMessage m = StunMessage.decode(a.bytes());
        assertThat(m.isClassic()).isTrue();
        assertThat(a.fromSocket()).isEqualTo(1);
        assertThat(addr(m, AttributeType.MAPPED_ADDRESS)).isEqualTo(CLIENT);
        assertThat(addr(m, AttributeType.SOURCE_ADDRESS)).isEqualTo(new InetSocketAddress("203.0.113.1", 3479));
        assertThat(addr(m, AttributeType.CHANGED_ADDRESS)).isEqualTo(ALTERNATE);
        assertThat(m.first(AttributeType.XOR_MAPPED_ADDRESS)).isEmpty();
        assertThat(m.first(AttributeType.FINGERPRINT)).isEmpty();
    }

    @Test
    void changeRequestPicksTheSocketTable1Names() {
        assertThat(answer(request(new ChangeRequest(true, true)), 0).fromSocket()).isEqualTo(3);
        assertThat(answer(request(new ChangeRequest(true, false)), 0).fromSocket()).isEqualTo(2);
        assertThat(answer(request(new ChangeRequest(false, true)), 0).fromSocket()).isEqualTo(1);
        assertThat(answer(request(new ChangeRequest(true, true)), 3).fromSocket()).isEqualTo(0);
        StunMessage m = StunMessage.decode(answer(request(new ChangeRequest(true, true)), 0).bytes());
        assertThat(addr(m, AttributeType.RESPONSE_ORIGIN)).isEqualTo(ALTERNATE);
        assertThat(addr(m, AttributeType.OTHER_ADDRESS)).isEqualTo(ALTERNATE);
    }

    @Test
    void aServerIgnoringChangeRequestAnswersFromTheReceivingSocket() {
        BindingResponder plain = new BindingResponder(SET, false, "rtc test");
        byte[] req = request(new ChangeRequest(true, true));
        Answer a = plain.answer(req, req.length, 0, CLIENT, true);
        assertThat(a.fromSocket()).isEqualTo(0);
        assertThat(a.summary()).contains("ignored");
    }

    @Test
    void advertisedAddressesAreWhatClientsAreTold() {
        InetSocketAddress pubP = new InetSocketAddress("192.0.2.5", 3478);
        InetSocketAddress pubA = new InetSocketAddress("192.0.2.6", 3479);
        BindingResponder r = new BindingResponder(new ServerAddressSet(PRIMARY, ALTERNATE, pubP, pubA), true, "x");
        byte[] req = request();
        StunMessage m = StunMessage.decode(r.answer(req, req.length, 0, CLIENT, true).bytes());
        assertThat(addr(m, AttributeType.RESPONSE_ORIGIN)).isEqualTo(pubP);
        assertThat(addr(m, AttributeType.OTHER_ADDRESS)).isEqualTo(pubA);
    }

    @Test
    void responsePortRedirectsTheAnswer() {
        Answer a = answer(request(new ResponsePort(40000)), 0);
        assertThat(a.to()).isEqualTo(new InetSocketAddress(CLIENT.getAddress(), 40000));
    }

    // RFC 5780 section 13: CHANGE-REQUEST and RESPONSE-PORT must not make the server a tool to send traffic to
    // others: one changes only the socket the answer leaves from, the other only the port it goes to.
    @Test
    void changeRequestNeverChangesWhereTheAnswerGoes() {
        for (int on = 0; on < 4; on++) {
            for (int flags = 0; flags < 4; flags++) {
                Answer a = answer(request(new ChangeRequest((flags & 2) != 0, (flags & 1) != 0)), on);
                assertThat(a.to()).isEqualTo(CLIENT);
            }
        }
    }

    @Test
    void responsePortChangesOnlyThePortNeverTheAddress() {
        for (int port : new int[] {1, 53, 3478, 65535}) {
            Answer a = answer(request(new ResponsePort(port)), 0);
            assertThat(a.to().getAddress()).isEqualTo(CLIENT.getAddress());
            assertThat(a.to().getPort()).isEqualTo(port);
            assertThat(a.fromSocket()).isEqualTo(0);
        }
    }

    @Test
    void paddingIsEchoedButNeverAmplifies() {
        byte[] req = request(new Padding(400));
        Answer a = answer(req, 0);
        StunMessage m = StunMessage.decode(a.bytes());
        assertThat(m.first(Padding.class).orElseThrow().length()).isEqualTo(400);
        assertThat(a.bytes().length).isLessThanOrEqualTo(req.length + 120);
        byte[] huge = request(new Padding(4000));
        Answer capped = answer(huge, 0);
        assertThat(capped.bytes().length).isLessThanOrEqualTo(BindingResponder.MAX_RESPONSE);
    }

    @Test
    void responsePortWithPaddingIs400() {
        Answer a = answer(request(new ResponsePort(40000), new Padding(8)), 0);
        StunMessage m = StunMessage.decode(a.bytes());
        assertThat(m.messageClass()).isEqualTo(MessageClass.ERROR_RESPONSE);
        assertThat(m.first(ErrorCode.class).orElseThrow().code()).isEqualTo(400);
        assertThat(a.to()).isEqualTo(CLIENT);
    }

    @Test
    void unknownComprehensionRequiredAttributesGet420() {
        Answer a = answer(request(new BytesAttribute(dev.rtc.stun.AttributeType.valueOf(0x0077), new byte[4])), 0);
        StunMessage m = StunMessage.decode(a.bytes());
        assertThat(m.first(ErrorCode.class).orElseThrow().code()).isEqualTo(420);
        assertThat(m.first(UnknownAttributes.class).orElseThrow().types()).isEqualTo(List.of(0x0077));
    }

    @Test
    void unknownOptionalAttributesAreIgnored() {
        Answer a = answer(request(new BytesAttribute(dev.rtc.stun.AttributeType.valueOf(0x8077), new byte[4])), 0);
        assertThat(StunMessage.decode(a.bytes()).messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
    }

    @Test
    void changeRequestOverTcpIs400() {
        byte[] req = request(new ChangeRequest(true, true));
        Answer a = RESPONDER.answer(req, req.length, 0, CLIENT, false);
        assertThat(StunMessage.decode(a.bytes()).first(ErrorCode.class).orElseThrow().code()).isEqualTo(400);
        byte[] plain = request();
        assertThat(RESPONDER.answer(plain, plain.length, 0, CLIENT, false).dropped()).isFalse();
    }

    @Test
    void neverAnswersWhatIsNotAWellFormedBindingRequest() {
        assertThat(answer(new byte[] {1, 2, 3}, 0).dropped()).isTrue();
        byte[] req = request();
        assertThat(RESPONDER.answer(req, req.length - 4, 0, CLIENT, true).dropped()).isTrue();
        byte[] indication = StunMessage.builder(Method.BINDING, MessageClass.INDICATION).build().encode();
        assertThat(answer(indication, 0).dropped()).isTrue();
        byte[] response = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE).build().encode();
        assertThat(answer(response, 0).dropped()).isTrue();
        byte[] allocate = StunMessage.builder(Method.ALLOCATE, MessageClass.REQUEST).build().encode();
        assertThat(answer(allocate, 0).summary()).contains("Binding only");
        byte[] badFingerprint = request();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        assertThat(answer(badFingerprint, 0).summary()).contains("FINGERPRINT");
    }

    @Test
    void rateLimiterAllowsBurstThenRate() {
        RateLimiter limiter = new RateLimiter(10);
        var ip = CLIENT.getAddress();
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.allow(ip, 0)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(20);
        assertThat(limiter.allow(ip, 50_000_000L)).isFalse();
        assertThat(limiter.allow(ip, 150_000_000L)).isTrue();
        assertThat(limiter.allow(PRIMARY.getAddress(), 0)).isTrue();
        RateLimiter none = new RateLimiter(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(none.allow(ip, 0)).isTrue();
        }
    }
}
