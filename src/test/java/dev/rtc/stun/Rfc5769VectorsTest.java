package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5769's four vectors and RFC 8489 Appendix B.1: decode, verify, re-encode byte-exact, rebuild. */
class Rfc5769VectorsTest {

    @Test
    void sampleRequest() {
        byte[] wire = TestVectors.load("rfc5769-request");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.method()).isEqualTo(Method.BINDING);
        assertThat(m.messageClass()).isEqualTo(MessageClass.REQUEST);
        assertThat(m.type()).isEqualTo(0x0001);
        assertThat(m.length()).isEqualTo(88);
        assertThat(m.isClassic()).isFalse();
        assertThat(m.transactionId().hex()).isEqualTo("b7e7a701bc34d686fa87dfae");
        assertThat(m.attributes()).extracting(a -> a.type().name()).containsExactly(
                "SOFTWARE", "PRIORITY", "ICE-CONTROLLED", "USERNAME", "MESSAGE-INTEGRITY", "FINGERPRINT");
        assertThat(m.first(AttributeType.SOFTWARE)).contains(Attributes.software("STUN test client"));
        assertThat(m.first(AttributeType.PRIORITY)).contains(Attributes.priority(0x6e0001ffL));
        assertThat(m.first(TieBreaker.class)).contains(Attributes.iceControlled(0x932ff9b151263b36L));
        assertThat(m.first(AttributeType.USERNAME)).contains(Attributes.username("evtj:h6vY"));
        byte[] key = Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD);
        assertThat(Integrity.verify(m, key)).isEqualTo(Verification.VALID);
        assertThat(Integrity.verify(m, Integrity.shortTermKey("wrong"))).isEqualTo(Verification.INVALID);
        assertThat(Integrity.verifySha256(m, key)).isEqualTo(Verification.ABSENT);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        assertThat(m.encode()).isEqualTo(wire);
        assertThat(m.unknownComprehensionRequired()).isEmpty();
    }

    @Test
    void ipv4Response() throws Exception {
        byte[] wire = TestVectors.load("rfc5769-ipv4-response");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.method()).isEqualTo(Method.BINDING);
        assertThat(m.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertThat(m.first(AddressAttribute.class)).contains(Attributes.xorMappedAddress(mapped));
        assertThat(m.first(AttributeType.SOFTWARE)).contains(Attributes.software("test vector"));
        assertThat(Integrity.verify(m, Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD)))
                .isEqualTo(Verification.VALID);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        assertThat(m.encode()).isEqualTo(wire);
    }

    @Test
    void ipv6Response() throws Exception {
        byte[] wire = TestVectors.load("rfc5769-ipv6-response");
        StunMessage m = StunMessage.decode(wire);
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(m.first(AddressAttribute.class)).contains(Attributes.xorMappedAddress(mapped));
        assertThat(Integrity.verify(m, Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD)))
                .isEqualTo(Verification.VALID);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        assertThat(m.encode()).isEqualTo(wire);
    }

    @Test
    void longTermRequest() {
        byte[] wire = TestVectors.load("rfc5769-long-term");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.first(AttributeType.USERNAME)).contains(Attributes.username(TestVectors.USERNAME));
        assertThat(m.first(AttributeType.NONCE)).contains(Attributes.nonce("f//499k954d6OL34oL9FSTvy64sA"));
        assertThat(m.first(AttributeType.REALM)).contains(Attributes.realm("example.org"));
        byte[] key = Integrity.longTermKey(TestVectors.USERNAME, "example.org", TestVectors.PASSWORD);
        assertThat(key).isEqualTo(Integrity.longTermKey(TestVectors.USERNAME, "example.org", "TheMatrIX"));
        assertThat(Integrity.verify(m, key)).isEqualTo(Verification.VALID);
        assertThat(Integrity.verify(m, Integrity.longTermKey(TestVectors.USERNAME, "example.org", "thematrix")))
                .isEqualTo(Verification.INVALID);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.ABSENT);
        assertThat(m.encode()).isEqualTo(wire);
    }

    @Test
    void longTermRequestRebuiltByTheBuilder() {
        byte[] wire = TestVectors.load("rfc5769-long-term");
        StunMessage m = StunMessage.decode(wire);
        byte[] key = Integrity.longTermKey(TestVectors.USERNAME, "example.org", TestVectors.PASSWORD);
        StunMessage rebuilt = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                .transactionId(m.transactionId())
                .add(Attributes.username(TestVectors.USERNAME))
                .add(Attributes.nonce("f//499k954d6OL34oL9FSTvy64sA"))
                .add(Attributes.realm("example.org"))
                .buildWithIntegrity(key);
        assertThat(rebuilt.encode()).isEqualTo(wire);
        assertThat(rebuilt).isEqualTo(m);
    }

    @Test
    void ipv4ResponseRebuiltByTheBuilder() throws Exception {
        byte[] wire = TestVectors.load("rfc5769-ipv4-response");
        StunMessage m = StunMessage.decode(wire);
        StunMessage rebuilt = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .transactionId(m.transactionId())
                .add(Attributes.software("test vector"))
                .add(Attributes.xorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)))
                .build(Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD), false, true);
        // The RFC pads SOFTWARE with a space where rtc pads with zero, so the HMAC and CRC differ; the rest is
        // the same, and the integrity and fingerprint the builder computed over its own bytes verify.
        assertThat(rebuilt.attributes().subList(0, 2)).isEqualTo(m.attributes().subList(0, 2));
        assertThat(rebuilt.length()).isEqualTo(m.length());
        assertThat(Integrity.verify(rebuilt, Integrity.shortTermKey(TestVectors.SHORT_TERM_PASSWORD)))
                .isEqualTo(Verification.VALID);
        assertThat(Fingerprint.verify(rebuilt)).isEqualTo(Verification.VALID);
    }

    @Test
    void rfc8489SampleWithSha256AndUserhash() {
        byte[] wire = TestVectors.load("rfc8489-b1");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.attributes()).extracting(a -> a.type().name()).containsExactly(
                "USERHASH", "NONCE", "REALM", "PASSWORD-ALGORITHM", "MESSAGE-INTEGRITY-SHA256");
        assertThat(m.first(AttributeType.USERHASH)).contains(
                Attributes.userHash(Integrity.userHash(TestVectors.USERNAME, "example.org")));
        assertThat(m.first(PasswordAlgorithm.class)).contains(new PasswordAlgorithm(PasswordAlgorithm.SHA256));
        assertThat(m.first(AttributeType.NONCE))
                .contains(Attributes.nonce("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA"));
        byte[] key = Integrity.longTermKeySha256(TestVectors.USERNAME, "example.org", TestVectors.PASSWORD);
        assertThat(Integrity.verifySha256(m, key)).isEqualTo(Verification.VALID);
        assertThat(Integrity.verifySha256(m, Integrity.longTermKeySha256(TestVectors.USERNAME, "example.org", "x")))
                .isEqualTo(Verification.INVALID);
        assertThat(Integrity.verify(m, key)).isEqualTo(Verification.ABSENT);
        assertThat(m.encode()).isEqualTo(wire);

        StunMessage rebuilt = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                .transactionId(m.transactionId())
                .addAll(List.of(m.attributes().get(0), m.attributes().get(1), m.attributes().get(2),
                        m.attributes().get(3)))
                .build(key, true, false);
        assertThat(rebuilt.encode()).isEqualTo(wire);
    }
}
