package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every attribute of RFC 3489, 5389/8489, 5780, 6062, 6156, 6679, 7635, 7982, 8016, 8445 and 8656: its value bytes
 * as the RFC lays them out, decoded into the typed value and encoded back byte for byte.
 */
class AttributeCodecTest {
    /** The transaction id every case uses; XOR addresses depend on it. */
    static final TransactionId ID = TransactionId.fromHex("b7e7a701bc34d686fa87dfae");

    static Stream<Arguments> cases() throws UnknownHostException {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        InetSocketAddress v6 = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        byte[] twenty = new byte[20];
        Arrays.fill(twenty, (byte) 0xab);
        byte[] thirtyTwo = new byte[32];
        Arrays.fill(thirtyTwo, (byte) 0xcd);
        return Stream.of(
                // RFC 3489 / 5389 / 8489
                of(Attributes.mappedAddress(v4), "0001 8055 c0000201"),
                of(Attributes.mappedAddress(v6), "0002 8055 20010db8123456780011223344556677"),
                of(Attributes.responseAddress(v4), "0001 8055 c0000201"),
                of(Attributes.changeRequest(true, false), "00000004"),
                of(Attributes.changeRequest(false, true), "00000002"),
                of(Attributes.changeRequest(true, true), "00000006"),
                of(Attributes.sourceAddress(v4), "0001 8055 c0000201"),
                of(Attributes.changedAddress(v4), "0001 8055 c0000201"),
                of(Attributes.username("alice"), "616c696365"),
                of(new BytesAttribute(AttributeType.PASSWORD, HexFormat.of().parseHex("70617373")), "70617373"),
                of(new MessageIntegrity(twenty), HexFormat.of().formatHex(twenty)),
                of(new ErrorCode(438, "Stale Nonce"), "00000426 5374616c65204e6f6e6365"),
                of(ErrorCode.of(300), "00000300 54727920416c7465726e617465"),
                of(new UnknownAttributes(List.of(0x0031, 0x0032)), "0031 0032"),
                of(new UnknownAttributes(List.of(0x0031)), "0031"),
                of(new AddressAttribute(AttributeType.REFLECTED_FROM, v4), "0001 8055 c0000201"),
                // RFC 8656 (TURN)
                of(Attributes.channelNumber(0x4001), "4001 0000"),
                of(Attributes.lifetime(600), "00000258"),
                of(Attributes.xorPeerAddress(v4), "0001 a147 e112a643"),
                of(Attributes.data(new byte[] {1, 2, 3, 4, 5}), "0102030405"),
                of(Attributes.realm("example.org"), "6578616d706c652e6f7267"),
                of(Attributes.nonce("f//499k9"), "662f2f3439396b39"),
                of(Attributes.xorRelayedAddress(v6), "0002 a147 0113a9faa5d3f179bc25f4b5bed2b9d9"),
                of(Attributes.requestedAddressFamily(AddressAttribute.FAMILY_IPV6), "02 000000"),
                of(new EvenPort(true), "80"),
                of(new EvenPort(false), "00"),
                of(Attributes.requestedTransport(RequestedTransport.UDP), "11 000000"),
                of(Attributes.dontFragment(), ""),
                // RFC 7635
                of(new AccessToken(new byte[] {1, 2}, new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc}),
                        "0002 0102 aabbcc"),
                // RFC 8489
                of(new MessageIntegritySha256(thirtyTwo), HexFormat.of().formatHex(thirtyTwo)),
                of(new MessageIntegritySha256(Arrays.copyOf(thirtyTwo, 16)),
                        HexFormat.of().formatHex(Arrays.copyOf(thirtyTwo, 16))),
                of(new PasswordAlgorithm(PasswordAlgorithm.SHA256), "0002 0000"),
                of(new PasswordAlgorithm(0x7777, new byte[] {9}), "7777 0001 09000000"),
                of(Attributes.userHash(thirtyTwo), HexFormat.of().formatHex(thirtyTwo)),
                of(Attributes.xorMappedAddress(v4), "0001 a147 e112a643"),
                of(Attributes.xorMappedAddress(v6), "0002 a147 0113a9faa5d3f179bc25f4b5bed2b9d9"),
                of(Attributes.reservationToken(HexFormat.of().parseHex("15666396c73ac42c")), "15666396c73ac42c"),
                // RFC 8445 (ICE)
                of(Attributes.priority(0x6e0001ffL), "6e0001ff"),
                of(Attributes.useCandidate(), ""),
                // RFC 5780
                of(Attributes.padding(8), "0000000000000000"),
                of(Attributes.responsePort(36113), "8d11 0000"),
                // RFC 6062
                of(Attributes.connectionId(0x01020304L), "01020304"),
                // RFC 8656
                of(Attributes.additionalAddressFamily(AddressAttribute.FAMILY_IPV6), "02 000000"),
                of(new AddressErrorCode(AddressAttribute.FAMILY_IPV6, 440, "Address Family not Supported"),
                        "02 00 04 28 41646472657373204661"
                                + "6d696c79206e6f7420537570706f72746564"),
                of(new PasswordAlgorithms(List.of(new PasswordAlgorithm(PasswordAlgorithm.MD5),
                        new PasswordAlgorithm(PasswordAlgorithm.SHA256))), "0001 0000 0002 0000"),
                of(new StringAttribute(AttributeType.ALTERNATE_DOMAIN, "example.org"), "6578616d706c652e6f7267"),
                of(new Icmp(3, 4, 1400), "0000 03 04 00000578"),
                of(Attributes.software("rtc 0.1"), "72746320302e31"),
                of(Attributes.alternateServer(v4), "0001 8055 c0000201"),
                // RFC 7982
                of(new TransactionTransmitCounter(2, 1), "0000 02 01"),
                // RFC 5780
                of(Attributes.cacheTimeout(60), "0000003c"),
                of(new Fingerprint(0xe57a3bcfL), "e57a3bcf"),
                // RFC 8445
                of(Attributes.iceControlled(0x932ff9b151263b36L), "932ff9b151263b36"),
                of(Attributes.iceControlling(-1L), "ffffffffffffffff"),
                // RFC 5780
                of(Attributes.responseOrigin(v4), "0001 8055 c0000201"),
                of(Attributes.otherAddress(v6), "0002 8055 20010db8123456780011223344556677"),
                // RFC 6679
                of(new EcnCheck(true, 2), "00000005"),
                of(new EcnCheck(false, 0), "00000000"),
                // RFC 7635
                of(new StringAttribute(AttributeType.THIRD_PARTY_AUTHORIZATION, "auth.example.org"),
                        "617574682e6578616d706c652e6f7267"),
                // RFC 8016
                of(new BytesAttribute(AttributeType.MOBILITY_TICKET, new byte[] {7, 7, 7}), "070707"),
                // unknown attributes keep their bytes
                of(new BytesAttribute(AttributeType.valueOf(0x0031), new byte[] {1, 2, 3, 4}), "01020304"),
                of(new BytesAttribute(AttributeType.valueOf(0xc057), new byte[] {0, 1, 0, 10}), "0001000a"));
    }

    private static Arguments of(Attribute a, String hex) {
        return Arguments.of(a.type().name() + " " + a, a, hex.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesAsTheRfcSaysAndDecodesBack(String name, Attribute attribute, String valueHex) {
        StunMessage m = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .transactionId(ID).add(attribute).build();
        byte[] wire = m.encode();
        int length = valueHex.length() / 2;
        assertThat(Bytes.u16(wire, 20)).as("type").isEqualTo(attribute.type().code());
        assertThat(Bytes.u16(wire, 22)).as("length").isEqualTo(length);
        assertThat(HexFormat.of().formatHex(wire, 24, 24 + length)).as("value").isEqualTo(valueHex);
        assertThat(wire.length).as("padded to 4").isEqualTo(24 + Bytes.pad4(length));
        StunMessage decoded = StunMessage.decode(wire);
        assertThat(decoded.attributes()).containsExactly(attribute);
        assertThat(decoded.encode()).isEqualTo(wire);
        assertThat(attribute.type().isKnown()).isEqualTo(!attribute.type().name().startsWith("0x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyNamedTypeHasACase(String name, Attribute attribute, String valueHex) {
        assertThat(AttributeType.valueOf(attribute.type().code())).isEqualTo(attribute.type());
    }
}
