package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.Requires;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every STUN and ChannelData message in the real captures decodes, and what rtc decodes equals what tshark
 * reports for the same frame: type, length, transaction id, attribute types and the values of the attributes
 * both understand. tshark gives the UDP and TCP payloads; TCP streams are framed as RFC 8489 / RFC 8656 say,
 * each message counted in the frame that completes it (where tshark's reassembly reports it).
 */
class CorpusTest {
    private static final char AGGREGATOR = '\u001f';
    /** The corpus README: user alice, password wonderland, realm rtc.test. */
    private static final byte[] LONG_TERM_KEY = Integrity.longTermKey("alice", "rtc.test", "wonderland");
    private static final List<String> PAYLOAD_FIELDS = List.of(
            "frame.number", "udp.payload", "tcp.payload", "tcp.stream", "tcp.srcport");
    /** The fields compared, in tshark's names. */
    private static final List<String> COMPARED = List.of(
            "stun.type", "stun.length", "stun.id", "stun.channel", "stun.att.type",
            "stun.att.family", "stun.att.ipv4", "stun.att.ipv6", "stun.att.port",
            "stun.att.username", "stun.att.realm", "stun.att.nonce", "stun.att.software",
            "stun.att.lifetime", "stun.att.priority", "stun.att.error.class", "stun.att.error",
            "stun.att.error.reason", "stun.att.crc32", "stun.att.hmac", "stun.att.transp",
            "stun.att.channelnum", "stun.att.change-ip", "stun.att.change-port",
            "stun.att.even-port.reserve-next", "stun.att.token", "stun.att.unknown", "stun.value");

    @ParameterizedTest
    @ValueSource(strings = {"stun-binding.pcap", "turn-udp-session.pcap", "turn-tcp-session.pcap",
            "turn-errors.pcap", "chrome-gather.pcap"})
    void everyMessageMatchesTshark(String file) throws Exception {
        Requires.commands("tshark");
        List<String[]> rows = tshark(corpus(file));
        Map<String, ByteStream> streams = new HashMap<>();
        int stunFrames = 0;
        int messages = 0;
        int validIntegrity = 0;
        for (String[] row : rows) {
            String frame = row[0];
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (int i = 0; i < COMPARED.size(); i++) {
                String cell = row[PAYLOAD_FIELDS.size() + i];
                expected.put(COMPARED.get(i), cell.isEmpty() ? List.of() : Arrays.asList(cell.split(
                        String.valueOf(AGGREGATOR), -1)));
            }
            boolean tsharkSawStun = !expected.get("stun.type").isEmpty() || !expected.get("stun.channel").isEmpty();
            List<Object> decoded = new ArrayList<>();
            if (!row[2].isEmpty()) {
                ByteStream s = streams.computeIfAbsent(row[3] + "/" + row[4], k -> new ByteStream());
                decoded.addAll(s.append(HexFormat.of().parseHex(row[2])));
            } else if (!row[1].isEmpty()) {
                byte[] payload = HexFormat.of().parseHex(row[1].split(String.valueOf(AGGREGATOR))[0]);
                if (tsharkSawStun) {
                    decoded.add(decodeDatagram(payload));
                } else {
                    assertThat(StunMessage.looksLikeStun(payload, 0, payload.length))
                            .as("%s frame %s: rtc sees STUN where tshark does not", file, frame).isFalse();
                }
            }
            if (!tsharkSawStun) {
                assertThat(decoded).as("%s frame %s: rtc decoded messages tshark did not see", file, frame)
                        .isEmpty();
                continue;
            }
            stunFrames++;
            messages += decoded.size();
            for (Object o : decoded) {
                if (o instanceof StunMessage m) {
                    assertThat(Fingerprint.verify(m)).as("%s frame %s FINGERPRINT", file, frame)
                            .isNotEqualTo(Verification.INVALID);
                    Verification integrity = Integrity.verify(m, LONG_TERM_KEY);
                    validIntegrity += integrity == Verification.VALID ? 1 : 0;
                    if (!file.equals("turn-errors.pcap")) { // that capture sends wrong passwords on purpose
                        assertThat(integrity).as("%s frame %s MESSAGE-INTEGRITY", file, frame)
                                .isNotEqualTo(Verification.INVALID);
                    }
                    assertThat(m.encode()).as("%s frame %s re-encoded", file, frame).isEqualTo(m.raw());
                }
            }
            Map<String, List<String>> actual = fields(decoded);
            for (String field : COMPARED) {
                assertThat(actual.getOrDefault(field, List.of()))
                        .as("%s frame %s field %s", file, frame, field)
                        .isEqualTo(expected.get(field));
            }
        }
        assertThat(stunFrames).as("%s holds STUN frames", file).isPositive();
        assertThat(messages).isGreaterThanOrEqualTo(stunFrames);
        if (!file.equals("stun-binding.pcap")) {
            assertThat(validIntegrity).as("%s: messages whose MESSAGE-INTEGRITY verifies with alice's key", file)
                    .isPositive();
        }
    }

    private static Object decodeDatagram(byte[] payload) {
        if (Demux.classify(payload[0]) == Demux.Kind.TURN_CHANNEL) {
            return ChannelData.decode(payload);
        }
        return StunMessage.decode(payload);
    }

    /** One direction of a TCP connection: bytes in, whole STUN messages and ChannelData frames out. */
    private static final class ByteStream {
        private byte[] buffered = new byte[0];

        List<Object> append(byte[] bytes) {
            byte[] all = Arrays.copyOf(buffered, buffered.length + bytes.length);
            System.arraycopy(bytes, 0, all, buffered.length, bytes.length);
            List<Object> out = new ArrayList<>();
            int pos = 0;
            while (true) {
                int n = Demux.streamFrameLength(all, pos, all.length - pos);
                if (n < 0 || n > all.length - pos) {
                    break;
                }
                if (Demux.classify(all[pos]) == Demux.Kind.TURN_CHANNEL) {
                    out.add(ChannelData.decode(all, pos, n));
                } else {
                    out.add(StunMessage.decode(all, pos, n));
                }
                pos += n;
            }
            buffered = Arrays.copyOfRange(all, pos, all.length);
            return out;
        }
    }

    /** rtc's decode expressed in tshark's field names and formats. */
    private static Map<String, List<String>> fields(List<Object> decoded) {
        Map<String, List<String>> f = new LinkedHashMap<>();
        for (Object o : decoded) {
            if (o instanceof ChannelData cd) {
                add(f, "stun.channel", String.format("0x%04x", cd.channel()));
                add(f, "stun.length", String.valueOf(cd.data().length));
                continue;
            }
            StunMessage m = (StunMessage) o;
            add(f, "stun.type", String.format("0x%04x", m.type()));
            add(f, "stun.length", String.valueOf(m.length()));
            add(f, "stun.id", m.transactionId().hex());
            for (Attribute a : m.attributes()) {
                if (a.type().isKnown()) {
                    add(f, "stun.att.type", String.format("0x%04x", a.type().code()));
                    attributeFields(f, a);
                } else {
                    // tshark lists an attribute it does not know only by its raw value.
                    add(f, "stun.value", HexFormat.of().formatHex(((BytesAttribute) a).value()));
                }
            }
        }
        return f;
    }

    private static void attributeFields(Map<String, List<String>> f, Attribute a) {
        if (a instanceof AddressAttribute x) {
            add(f, "stun.att.family", String.format("0x%02x", x.family()));
            add(f, x.address().getAddress() instanceof Inet4Address ? "stun.att.ipv4" : "stun.att.ipv6",
                    x.address().getAddress().getHostAddress());
            add(f, "stun.att.port", String.valueOf(x.address().getPort()));
        } else if (a instanceof ResponsePort p) {
            // tshark 4.0 reads 0x0027 as the draft XOR-RESPONSE-TARGET: the port's low byte as a "family", the
            // zero reserved half XOR 0x2112 as the "port". rtc decodes RFC 5780's RESPONSE-PORT (checked in
            // AttributeCodecTest); here it states what tshark will show so every other field is still compared.
            add(f, "stun.att.family", String.format("0x%02x", p.port() & 0xFF));
            add(f, "stun.att.port", String.valueOf(0x2112));
        } else if (a instanceof StringAttribute s) {
            String field = switch (s.type().name()) {
                case "USERNAME" -> "stun.att.username";
                case "REALM" -> "stun.att.realm";
                case "NONCE" -> "stun.att.nonce";
                case "SOFTWARE" -> "stun.att.software";
                default -> null;
            };
            if (field != null) {
                add(f, field, upToNul(s.value()));
            }
        } else if (a instanceof UIntAttribute u) {
            if (u.type().equals(AttributeType.LIFETIME)) {
                add(f, "stun.att.lifetime", String.valueOf(u.value()));
            } else if (u.type().equals(AttributeType.PRIORITY)) {
                add(f, "stun.att.priority", String.valueOf(u.value()));
            }
        } else if (a instanceof ErrorCode e) {
            add(f, "stun.att.error.class", String.valueOf(e.code() / 100));
            add(f, "stun.att.error", String.valueOf(e.code() % 100));
            add(f, "stun.att.error.reason", upToNul(e.reason()));
        } else if (a instanceof Fingerprint fp) {
            add(f, "stun.att.crc32", String.format("0x%08x", fp.crc()));
        } else if (a instanceof MessageIntegrity mi) {
            add(f, "stun.att.hmac", HexFormat.of().formatHex(mi.hmac()));
        } else if (a instanceof RequestedTransport t) {
            add(f, "stun.att.transp", String.format("0x%02x", t.protocol()));
        } else if (a instanceof ChannelNumber c) {
            add(f, "stun.att.channelnum", String.format("0x%04x", c.channel()));
        } else if (a instanceof ChangeRequest c) {
            add(f, "stun.att.change-ip", c.changeIp() ? "1" : "0");
            add(f, "stun.att.change-port", c.changePort() ? "1" : "0");
        } else if (a instanceof EvenPort e) {
            add(f, "stun.att.even-port.reserve-next", e.reserveNext() ? "1" : "0");
        } else if (a instanceof BytesAttribute b && b.type().equals(AttributeType.RESERVATION_TOKEN)) {
            add(f, "stun.att.token", HexFormat.of().formatHex(b.value()));
        } else if (a instanceof UnknownAttributes u) {
            for (int t : u.types()) {
                add(f, "stun.att.unknown", String.format("0x%04x", t));
            }
        }
    }

    /** tshark shows text as a C string: coturn ends its reason phrases with a NUL byte, which rtc keeps. */
    private static String upToNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static void add(Map<String, List<String>> f, String field, String value) {
        f.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
    }

    private static Path corpus(String file) throws URISyntaxException {
        URL url = CorpusTest.class.getResource("/corpus/" + file);
        assertThat(url).as("test resource corpus/%s", file).isNotNull();
        return Path.of(url.toURI());
    }

    private static List<String[]> tshark(Path pcap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields",
                "-E", "aggregator=" + AGGREGATOR, "-E", "occurrence=a"));
        for (String field : PAYLOAD_FIELDS) {
            cmd.add("-e");
            cmd.add(field);
        }
        for (String field : COMPARED) {
            cmd.add("-e");
            cmd.add(field);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(p.exitValue()).as("tshark exit code").isZero();
        List<String[]> rows = new ArrayList<>();
        int columns = PAYLOAD_FIELDS.size() + COMPARED.size();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                String[] cells = line.split("\t", -1);
                assertThat(cells).as("tshark line %s", line).hasSize(columns);
                rows.add(cells);
            }
        }
        assertThat(rows).as("frames in %s", pcap).isNotEmpty();
        return rows;
    }
}
