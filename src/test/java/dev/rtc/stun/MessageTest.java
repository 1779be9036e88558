package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message-level behaviour: classic messages, ignored attributes, unknown ones, lookups, ChannelData, demux. */
class MessageTest {

    @Test
    void classicMessageWith128BitId() throws Exception {
        TransactionId id = TransactionId.fromHex("0102030405060708090a0b0c0d0e0f10");
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 40000);
        StunMessage m = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .classic().transactionId(id)
                .add(Attributes.mappedAddress(mapped))
                .add(Attributes.sourceAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 3478)))
                .add(Attributes.changedAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 3479)))
                .build();
        byte[] wire = m.encode();
        assertThat(TestVectors.hex("0101 0024 0102030405060708090a0b0c0d0e0f10")).isEqualTo(
                java.util.Arrays.copyOf(wire, 20));
        StunMessage d = StunMessage.decode(wire);
        assertThat(d.isClassic()).isTrue();
        assertThat(d.transactionId()).isEqualTo(id);
        assertThat(d.first(AttributeType.MAPPED_ADDRESS)).contains(Attributes.mappedAddress(mapped));
        assertThat(d).isEqualTo(m);
        assertThat(StunMessage.looksLikeStun(wire, 0, wire.length)).isFalse();
    }

    @Test
    void randomClassicIdsNeverLookLikeTheCookie() {
        for (int i = 0; i < 100; i++) {
            StunMessage m = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).classic().build();
            assertThat(m.isClassic()).isTrue();
            assertThat(m.transactionId().length()).isEqualTo(16);
        }
    }

    @Test
    void classicBuilderRefusesA96BitId() {
        assertThatThrownBy(() -> StunMessage.builder(Method.BINDING, MessageClass.REQUEST).classic()
                .transactionId(TransactionId.random()).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesAfterIntegrityAreIgnoredExceptFingerprint() {
        byte[] key = Integrity.shortTermKey("secret");
        StunMessage signed = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                .add(Attributes.software("before")).buildWithIntegrity(key);
        // Append SOFTWARE, MESSAGE-INTEGRITY-SHA256-less FINGERPRINT manually: software after MI, then FINGERPRINT.
        byte[] tail = TestVectors.hex("8022 0005 6166746572 000000");
        byte[] raw = signed.encode();
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + tail.length + 8);
        System.arraycopy(tail, 0, longer, raw.length, tail.length);
        Bytes.put16(longer, 2, longer.length - 20);
        int fpAt = raw.length + tail.length;
        Bytes.put16(longer, fpAt, 0x8028);
        Bytes.put16(longer, fpAt + 2, 4);
        Bytes.put32(longer, fpAt + 4, Fingerprint.compute(longer, fpAt));
        StunMessage m = StunMessage.decode(longer);
        assertThat(m.attributes()).extracting(a -> a.type().name())
                .containsExactly("SOFTWARE", "MESSAGE-INTEGRITY", "SOFTWARE", "FINGERPRINT");
        assertThat(m.ignored(0)).isFalse();
        assertThat(m.ignored(1)).isFalse();
        assertThat(m.ignored(2)).isTrue();
        assertThat(m.ignored(3)).isFalse();
        assertThat(m.all(AttributeType.SOFTWARE)).containsExactly(Attributes.software("before"));
        assertThat(m.attributesInEffect()).hasSize(3);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        // MESSAGE-INTEGRITY covers what precedes it, so the appended attribute does not break it.
        assertThat(Integrity.verify(m, key)).isEqualTo(Verification.VALID);
        assertThat(m.encode()).isEqualTo(longer);
    }

    @Test
    void everythingAfterFingerprintIsIgnored() {
        StunMessage fp = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint();
        byte[] raw = fp.encode();
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 8);
        System.arraycopy(TestVectors.hex("0024 0004 00000001"), 0, longer, raw.length, 8);
        Bytes.put16(longer, 2, longer.length - 20);
        StunMessage m = StunMessage.decode(longer);
        assertThat(m.ignored(1)).isTrue();
        assertThat(m.first(AttributeType.PRIORITY)).isEmpty();
        assertThat(m.attributes()).hasSize(2);
    }

    @Test
    void sha256IntegrityAfterSha1IntegrityCounts() {
        byte[] key = Integrity.shortTermKey("k");
        StunMessage withMi = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithIntegrity(key);
        StunMessage both = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                .transactionId(withMi.transactionId()).add(withMi.attributes().get(0)).build(key, true, true);
        assertThat(both.attributes()).extracting(a -> a.type().name())
                .containsExactly("MESSAGE-INTEGRITY", "MESSAGE-INTEGRITY-SHA256", "FINGERPRINT");
        assertThat(both.ignored(1)).isFalse();
        assertThat(Integrity.verifySha256(both, key)).isEqualTo(Verification.VALID);
        assertThat(Integrity.verify(both, key)).isEqualTo(Verification.VALID);
        assertThat(Fingerprint.verify(both)).isEqualTo(Verification.VALID);
    }

    @Test
    void truncatedSha256IntegrityVerifies() {
        byte[] key = Integrity.shortTermKey("k");
        StunMessage plain = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                .add(Attributes.software("x")).build();
        byte[] raw = plain.encode();
        byte[] out = java.util.Arrays.copyOf(raw, raw.length + 4 + 16);
        Bytes.put16(out, 2, out.length - 20);
        // The HMAC covers the header with the length counting the 16-byte (truncated) attribute.
        byte[] forHmac = out.clone();
        Bytes.put16(forHmac, 2, raw.length + 4 + 16 - 20);
        javax.crypto.Mac mac;
        try {
            mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        mac.update(forHmac, 0, raw.length);
        byte[] full = mac.doFinal();
        StunMessage.putAttribute(out, raw.length, 0x001C, java.util.Arrays.copyOf(full, 16));
        StunMessage m = StunMessage.decode(out);
        assertThat(m.first(MessageIntegritySha256.class).orElseThrow().hmac()).hasSize(16);
        assertThat(Integrity.verifySha256(m, key)).isEqualTo(Verification.VALID);
        out[24] ^= 1; // the SOFTWARE text
        assertThat(Integrity.verifySha256(StunMessage.decode(out), key)).isEqualTo(Verification.INVALID);
    }

    @Test
    void unknownComprehensionRequiredAttributesAreReported() {
        StunMessage m = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                .add(new BytesAttribute(AttributeType.valueOf(0x0031), new byte[4]))
                .add(new BytesAttribute(AttributeType.valueOf(0xc057), new byte[4]))
                .add(new BytesAttribute(AttributeType.valueOf(0x0031), new byte[0]))
                .add(new BytesAttribute(AttributeType.valueOf(0x7fff), new byte[1]))
                .add(Attributes.software("x"))
                .build();
        StunMessage d = StunMessage.decode(m.encode());
        assertThat(d.unknownComprehensionRequired()).containsExactly(0x0031, 0x7fff);
        assertThat(d.all(AttributeType.valueOf(0x0031))).hasSize(2);
    }

    @Test
    void duplicatesStayInWireOrder() throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("203.0.113.1"), 1);
        InetSocketAddress b = new InetSocketAddress(InetAddress.getByName("203.0.113.2"), 2);
        StunMessage m = StunMessage.builder(Method.CREATE_PERMISSION, MessageClass.REQUEST)
                .add(Attributes.xorPeerAddress(a)).add(Attributes.xorPeerAddress(b)).build();
        StunMessage d = StunMessage.decode(m.encode());
        assertThat(d.all(AddressAttribute.class)).extracting(AddressAttribute::address).containsExactly(a, b);
        assertThat(d.first(AttributeType.XOR_PEER_ADDRESS)).contains(Attributes.xorPeerAddress(a));
        assertThat(d.attributeOffset(1)).isEqualTo(32);
        assertThat(d.attributeLength(1)).isEqualTo(8);
    }

    @Test
    void ipv4MappedIpv6AddressStaysIpv6() {
        byte[] wire = TestVectors.hex("0101 0018 2112a442 b7e7a701bc34d686fa87dfae"
                + "0001 0014 0002 0d96 00000000000000000000ffffc0000201");
        StunMessage m = StunMessage.decode(wire);
        AddressAttribute a = m.first(AddressAttribute.class).orElseThrow();
        assertThat(a.family()).isEqualTo(AddressAttribute.FAMILY_IPV6);
        assertThat(m.encode()).isEqualTo(wire);
    }

    @Test
    void invalidUtf8TextIsKeptAsBytes() {
        byte[] wire = TestVectors.hex("0001 0008 2112a442 b7e7a701bc34d686fa87dfae 8022 0002 c328 0000");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.attributes().get(0)).isEqualTo(new BytesAttribute(AttributeType.SOFTWARE,
                new byte[] {(byte) 0xc3, 0x28}));
        assertThat(m.encode()).isEqualTo(wire);
    }

    @Test
    void responsePortAsCoturnSendsIt() {
        // From stun-binding.pcap frame 5: RESPONSE-PORT 36113 and CHANGE-REQUEST change IP and port.
        StunMessage m = StunMessage.decode(TestVectors.hex("0001 0010 2112a442 7f70ea5c2ee341d6329c0cb0"
                + "0027 0004 8d11 0000 0003 0004 00000006"));
        assertThat(m.attributes()).containsExactly(new ResponsePort(36113), new ChangeRequest(true, true));
    }

    @Test
    void looksLikeStun() {
        byte[] wire = TestVectors.load("rfc5769-request");
        assertThat(StunMessage.looksLikeStun(wire, 0, wire.length)).isTrue();
        assertThat(StunMessage.looksLikeStun(wire, 0, wire.length - 4)).isFalse();
        byte[] shifted = new byte[wire.length + 3];
        System.arraycopy(wire, 0, shifted, 3, wire.length);
        assertThat(StunMessage.looksLikeStun(shifted, 3, wire.length)).isTrue();
        wire[4] ^= 1;
        assertThat(StunMessage.looksLikeStun(wire, 0, wire.length)).isFalse();
        assertThat(StunMessage.looksLikeStun(new byte[10], 0, 10)).isFalse();
    }

    @Test
    void channelData() {
        ChannelData cd = new ChannelData(0x4001, new byte[] {1, 2, 3, 4, 5});
        byte[] udp = cd.encode(false);
        byte[] tcp = cd.encode(true);
        assertThat(udp).isEqualTo(TestVectors.hex("4001 0005 0102030405"));
        assertThat(tcp).isEqualTo(TestVectors.hex("4001 0005 0102030405 000000"));
        assertThat(ChannelData.decode(udp)).isEqualTo(cd);
        assertThat(ChannelData.decode(tcp)).isEqualTo(cd);
        assertThat(ChannelData.decode(new ChannelData(0x7fff, new byte[0]).encode(true)).channel()).isEqualTo(0x7fff);
        assertThat(Demux.streamFrameLength(tcp, 0, tcp.length)).isEqualTo(12);
        assertThat(Demux.streamFrameLength(udp, 0, 3)).isEqualTo(-1);
        assertThatThrownBy(() -> new ChannelData(0x3fff, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChannelData.looksLikeChannelData(udp, 0, udp.length)).isTrue();
        assertThat(ChannelData.looksLikeChannelData(tcp, 0, tcp.length)).isTrue();
        assertThat(ChannelData.looksLikeChannelData(tcp, 0, tcp.length - 1)).isFalse();
        assertThat(ChannelData.looksLikeChannelData(tcp, 0, 3)).isFalse();
        assertThat(ChannelData.looksLikeChannelData(TestVectors.hex("3fff 0000"), 0, 4)).isFalse();
        assertThat(ChannelData.looksLikeChannelData(TestVectors.hex("8000 0000"), 0, 4)).isFalse();
    }

    @Test
    void demuxByFirstByte() {
        assertThat(Demux.classify(0)).isEqualTo(Demux.Kind.STUN);
        assertThat(Demux.classify(3)).isEqualTo(Demux.Kind.STUN);
        assertThat(Demux.classify(4)).isEqualTo(Demux.Kind.UNKNOWN);
        assertThat(Demux.classify(16)).isEqualTo(Demux.Kind.ZRTP);
        assertThat(Demux.classify(19)).isEqualTo(Demux.Kind.ZRTP);
        assertThat(Demux.classify(20)).isEqualTo(Demux.Kind.DTLS);
        assertThat(Demux.classify(63)).isEqualTo(Demux.Kind.DTLS);
        assertThat(Demux.classify(64)).isEqualTo(Demux.Kind.TURN_CHANNEL);
        assertThat(Demux.classify(79)).isEqualTo(Demux.Kind.TURN_CHANNEL);
        assertThat(Demux.classify(0x7a)).isEqualTo(Demux.Kind.TURN_CHANNEL);
        assertThat(Demux.classify(128)).isEqualTo(Demux.Kind.RTP_RTCP);
        assertThat(Demux.classify(191)).isEqualTo(Demux.Kind.RTP_RTCP);
        assertThat(Demux.classify(192)).isEqualTo(Demux.Kind.UNKNOWN);
        assertThat(Demux.classify((byte) 0x80)).isEqualTo(Demux.Kind.RTP_RTCP);
    }

    @Test
    void opaqueStringPreparation() {
        assertThat(OpaqueString.prepare(TestVectors.PASSWORD)).isEqualTo("TheMatrIX");
        assertThat(OpaqueString.prepare("a\u00A0b")).isEqualTo("a b");
        assertThat(OpaqueString.prepare("wonderland")).isEqualTo("wonderland");
        assertThat(OpaqueString.prepare(TestVectors.USERNAME)).isEqualTo(TestVectors.USERNAME);
    }

    @Test
    void corpusCredentialsVerify() {
        // turn-udp-session.pcap frame 3: alice / wonderland / rtc.test, an authenticated Allocate.
        byte[] wire = TestVectors.hex("000300642112a4423d4487439424a50bf34175e10019000411000000000d000400000309"
                + "001800018000000000060005616c6963650000000015001063383366653939666666373038373964001400087274632e"
                + "7465737400080014e4c02e467989d8662b2d175d6fffe6fd1b6ed3c280280004d5f5c404");
        StunMessage m = StunMessage.decode(wire);
        assertThat(Integrity.verify(m, Integrity.longTermKey("alice", "rtc.test", "wonderland")))
                .isEqualTo(Verification.VALID);
        assertThat(Fingerprint.verify(m)).isEqualTo(Verification.VALID);
        assertThat(m.first(EvenPort.class)).contains(new EvenPort(true));
    }

    @Test
    void emptyKeyIsAllowed() {
        StunMessage m = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithIntegrity(new byte[0]);
        assertThat(Integrity.verify(m, new byte[0])).isEqualTo(Verification.VALID);
        assertThat(Integrity.verify(m, new byte[] {1})).isEqualTo(Verification.INVALID);
    }

    @Test
    void userHashAndKeysByAlgorithm() {
        assertThat(Integrity.longTermKey(PasswordAlgorithm.MD5, "a", "b", "c"))
                .isEqualTo(Integrity.longTermKey("a", "b", "c"));
        assertThat(Integrity.longTermKey(PasswordAlgorithm.SHA256, "a", "b", "c"))
                .isEqualTo(Integrity.longTermKeySha256("a", "b", "c")).hasSize(32);
        assertThatThrownBy(() -> Integrity.longTermKey(9, "a", "b", "c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Integrity.userHash("a", "b")).hasSize(32);
    }

    @Test
    void transactionIds() {
        TransactionId a = TransactionId.random();
        assertThat(a.length()).isEqualTo(12);
        assertThat(a).isNotEqualTo(TransactionId.random());
        assertThat(TransactionId.of(a.bytes())).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.hex()).hasSize(24);
        assertThatThrownBy(() -> TransactionId.of(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convenienceLookupsAndByteBuffer() throws Exception {
        byte[] wire = TestVectors.load("stund-rfc5389-response");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(wire.length + 4);
        buf.putInt(0xdeadbeef).put(wire).flip().position(4);
        StunMessage m = StunMessage.decode(buf);
        assertThat(buf.position()).isEqualTo(4);
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 37048);
        assertThat(m.address(AttributeType.XOR_MAPPED_ADDRESS)).contains(client);
        assertThat(m.address(AttributeType.SOFTWARE)).isEmpty();
        assertThat(m.address(AttributeType.OTHER_ADDRESS)).isEmpty();
        assertThat(m.text(AttributeType.SOFTWARE)).contains("Vovida.org 0.97\0");
        assertThat(m.errorCode()).isEmpty();
        StunMessage error = StunMessage.builder(Method.BINDING, MessageClass.ERROR_RESPONSE)
                .add(ErrorCode.of(420)).add(new UnknownAttributes(List.of(0x0031))).build();
        assertThat(error.errorCode()).contains(new ErrorCode(420, "Unknown Attribute"));
    }

    @Test
    void builderRejectsWhatCannotBeEncoded() {
        assertThatThrownBy(() -> StunMessage.builder(Method.SEND, MessageClass.INDICATION)
                .add(Attributes.data(new byte[70000])).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(StunMessage.builder(Method.SEND, MessageClass.INDICATION).build().type()))
                .containsExactly(0x0016);
    }
}
