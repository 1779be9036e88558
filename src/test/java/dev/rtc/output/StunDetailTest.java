package dev.rtc.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.stun.AccessToken;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AddressErrorCode;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.BytesAttribute;
import dev.rtc.stun.ChannelData;
import dev.rtc.stun.EcnCheck;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.EvenPort;
import dev.rtc.stun.Icmp;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.PasswordAlgorithm;
import dev.rtc.stun.PasswordAlgorithms;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.TransactionId;
import dev.rtc.stun.TransactionTransmitCounter;
import dev.rtc.stun.UnknownAttributes;
import dev.rtc.stun.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden-file tests of the text tree and the JSON object for the RFC vectors, a real coturn message and a
 * message with every attribute type. Regenerate on purpose only:
 * {@code mvn test -Dtest=StunDetailTest -Drtc.golden.update=true}, then review the diff.
 */
class StunDetailTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/stun");
    private static final String SHORT_TERM = "VOkJxbRl1RmTxUk/WvJxBt";

    @ParameterizedTest
    @ValueSource(strings = {"rfc5769-request", "rfc5769-ipv4-response", "rfc5769-ipv6-response",
            "rfc5769-long-term", "rfc8489-b1", "coturn-allocate-success", "every-attribute", "ignored-after-integrity",
            "classic-binding-response", "wrong-key"})
    void matchesGoldenFiles(String name) throws Exception {
        StunMessage m = message(name);
        byte[] key = key(name);
        String text = String.join("\n", StunDetail.lines(m, key)) + "\n";
        String json = Json.pretty(StunDetail.json(m, key)) + "\n";
        golden(name + ".txt", text);
        golden(name + ".json", json);
    }

    @Test
    void channelData() throws Exception {
        ChannelData cd = new ChannelData(0x4001, new byte[] {1, 2, 3});
        assertThat(StunDetail.lines(cd)).containsExactly("Channel Number: 0x4001", "Length: 3", "Data: 010203");
        assertThat(Json.line(StunDetail.json(cd))).isEqualTo("{\"channel\":\"0x4001\",\"length\":3,\"data\":\"010203\"}");
    }

    @Test
    void fingerprintAndIntegrityChecksShow() throws Exception {
        StunMessage m = message("rfc5769-ipv4-response");
        assertThat(StunDetail.lines(m)).contains("    FINGERPRINT: 0xc07d4c96 [correct]",
                "        CRC-32: 0xc07d4c96 [correct]", "    XOR-MAPPED-ADDRESS: 192.0.2.1:32853");
        assertThat(StunDetail.lines(m, Integrity.shortTermKey("nope")))
                .contains("    MESSAGE-INTEGRITY: 2b91f599fd9e90c38c7489f92af9ba53f06be7d7 [incorrect]");
        JsonNode j = StunDetail.json(m);
        assertThat(j.get("attributes").get(1).get("address").asText()).isEqualTo("192.0.2.1");
        assertThat(j.get("attributes").get(1).get("port").asInt()).isEqualTo(32853);
        assertThat(j.get("attributes").get(3).get("check").asText()).isEqualTo("correct");
        assertThat(j.get("attributes").get(2).get("check").isNull()).isTrue();
    }

    @Test
    void verdictsAreWiresharkWords() {
        assertThat(StunDetail.verdict(Verification.VALID)).isEqualTo("correct");
        assertThat(StunDetail.verdict(Verification.INVALID)).isEqualTo("incorrect");
        assertThat(StunDetail.verdict(Verification.ABSENT)).isEqualTo("absent");
    }

    @Test
    void rendersEveryRandomMessageWithoutFailing() {
        Random r = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[20 + 4 * r.nextInt(10)];
            r.nextBytes(bytes);
            bytes[0] &= 0x3f;
            bytes[2] = 0;
            bytes[3] = (byte) (bytes.length - 20);
            try {
                StunMessage m = StunMessage.decode(bytes);
                assertThat(StunDetail.lines(m)).isNotEmpty();
                assertThat(StunDetail.json(m).get("attributes").size()).isEqualTo(m.attributes().size());
            } catch (dev.rtc.stun.StunParseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    static StunMessage message(String name) throws Exception {
        TransactionId id = TransactionId.fromHex("b7e7a701bc34d686fa87dfae");
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 3478);
        switch (name) {
            case "coturn-allocate-success":
                // turn-udp-session.pcap frame 4
                return StunMessage.decode(HexFormat.of().parseHex("010300642112a4423d4487439424a50bf34175e1"
                        + "001600080001e4e45e12a443002000080001bd715e12a4430022000815666396c73ac42c000d000400000309"
                        + "80220014436f7475726e2d342e362e312027476f72737427000800146ca44641d3acdc0b94b599f406a21a9f"
                        + "c96a284b8028000486cf5032"));
            case "every-attribute":
                return StunMessage.builder(Method.ALLOCATE, MessageClass.ERROR_RESPONSE).transactionId(id)
                        .add(Attributes.mappedAddress(v4)).add(Attributes.responseAddress(v4))
                        .add(Attributes.changeRequest(true, false)).add(Attributes.sourceAddress(v4))
                        .add(Attributes.changedAddress(v6)).add(Attributes.username("alice"))
                        .add(new BytesAttribute(AttributeType.PASSWORD, new byte[] {1, 2, 3, 4}))
                        .add(new ErrorCode(438, "Stale nonce\0"))
                        .add(new UnknownAttributes(List.of(0x0031, 0x0020)))
                        .add(new AddressAttribute(AttributeType.REFLECTED_FROM, v4))
                        .add(Attributes.channelNumber(0x4001)).add(Attributes.lifetime(600))
                        .add(Attributes.xorPeerAddress(v6)).add(Attributes.data(new byte[] {9, 8, 7}))
                        .add(Attributes.realm("rtc.test")).add(Attributes.nonce("c83fe99fff70879d"))
                        .add(Attributes.xorRelayedAddress(v4)).add(Attributes.requestedAddressFamily(2))
                        .add(new EvenPort(true)).add(Attributes.requestedTransport(17)).add(Attributes.dontFragment())
                        .add(new AccessToken(new byte[] {1, 2}, new byte[] {3, 4, 5}))
                        .add(new PasswordAlgorithm(PasswordAlgorithm.SHA256))
                        .add(Attributes.userHash(new byte[32])).add(Attributes.xorMappedAddress(v6))
                        .add(Attributes.reservationToken(HexFormat.of().parseHex("15666396c73ac42c")))
                        .add(Attributes.priority(1845494271L)).add(Attributes.useCandidate())
                        .add(Attributes.padding(12)).add(Attributes.responsePort(36113))
                        .add(Attributes.connectionId(42)).add(Attributes.additionalAddressFamily(2))
                        .add(new AddressErrorCode(2, 440, "Address Family not Supported"))
                        .add(new PasswordAlgorithms(List.of(new PasswordAlgorithm(PasswordAlgorithm.MD5),
                                new PasswordAlgorithm(PasswordAlgorithm.SHA256))))
                        .add(new StringAttribute(AttributeType.ALTERNATE_DOMAIN, "example.org"))
                        .add(new Icmp(3, 4, 1400)).add(Attributes.software("rtc \u00e9t\u00e9"))
                        .add(Attributes.alternateServer(v6)).add(new TransactionTransmitCounter(2, 1))
                        .add(Attributes.cacheTimeout(60)).add(Attributes.iceControlled(0x932ff9b151263b36L))
                        .add(Attributes.iceControlling(1)).add(Attributes.responseOrigin(v4))
                        .add(Attributes.otherAddress(v4)).add(new EcnCheck(true, 2))
                        .add(new StringAttribute(AttributeType.THIRD_PARTY_AUTHORIZATION, "auth.example.org"))
                        .add(new BytesAttribute(AttributeType.MOBILITY_TICKET, new byte[] {7, 7}))
                        .add(new BytesAttribute(AttributeType.valueOf(0x0031), new byte[] {1, 2, 3, 4}))
                        .add(new BytesAttribute(AttributeType.valueOf(0xc057), new byte[] {0, 1, 0, 10}))
                        .build(Integrity.shortTermKey("pw"), false, true);
            case "ignored-after-integrity": {
                StunMessage signed = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).transactionId(id)
                        .add(Attributes.username("a:b")).buildWithIntegrity(Integrity.shortTermKey("pw"));
                byte[] raw = signed.encode();
                byte[] tail = HexFormat.of().parseHex("80220003727463000024000400000001");
                byte[] all = java.util.Arrays.copyOf(raw, raw.length + tail.length);
                System.arraycopy(tail, 0, all, raw.length, tail.length);
                all[3] = (byte) (all.length - 20);
                return StunMessage.decode(all);
            }
            case "classic-binding-response":
                return StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                        .transactionId(TransactionId.fromHex("0102030405060708090a0b0c0d0e0f10"))
                        .add(Attributes.mappedAddress(v4))
                        .add(Attributes.sourceAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 3478)))
                        .add(Attributes.changedAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 3479)))
                        .build();
            case "wrong-key":
                return vector("rfc5769-request");
            default:
                return vector(name);
        }
    }

    static byte[] key(String name) {
        return switch (name) {
            case "rfc5769-request", "rfc5769-ipv4-response", "rfc5769-ipv6-response" ->
                    Integrity.shortTermKey(SHORT_TERM);
            case "rfc5769-long-term" -> Integrity.longTermKey("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", "example.org",
                    "TheMatrIX");
            case "rfc8489-b1" -> Integrity.longTermKeySha256("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", "example.org",
                    "TheMatrIX");
            case "coturn-allocate-success" -> Integrity.longTermKey("alice", "rtc.test", "wonderland");
            case "every-attribute", "ignored-after-integrity" -> Integrity.shortTermKey("pw");
            case "wrong-key" -> Integrity.shortTermKey("not the password");
            default -> null;
        };
    }

    private static StunMessage vector(String name) throws IOException {
        try (InputStream in = StunDetailTest.class.getResourceAsStream("/stun/" + name + ".hex")) {
            StringBuilder digits = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
            }
            return StunMessage.decode(HexFormat.of().parseHex(digits));
        }
    }

    private static void golden(String file, String actual) throws IOException {
        Path p = GOLDEN.resolve(file);
        if (Boolean.getBoolean("rtc.golden.update")) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        assertThat(p).as("golden file %s (create it with -Drtc.golden.update=true)", p).exists();
        assertThat(actual).as("output against %s", p).isEqualTo(Files.readString(p));
    }

}
