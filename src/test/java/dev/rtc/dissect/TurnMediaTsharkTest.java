package dev.rtc.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.capture.CaptureFileReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Media inside TURN, field by field against tshark 4.0 on real relayed calls (media/aiortc-turn-udp.pcap and
 * media/aiortc-turn-tcp.pcap: two aiortc peers whose only candidates are relayed by coturn, see media/README.md):
 * the ICE checks, the DTLS-SRTP handshake and SRTP inside ChannelData, and the same between the relay's ports.
 * rtc dissects what TURN relays by default; tshark does with {@link #TURN_HEURISTICS}. The SRTCP packets are where
 * tshark is blind (its RTCP heuristic refuses their length, not a multiple of 4, and shows them as data): rtc's
 * reading of them is checked against their bytes and RFC 3711's index instead.
 */
class TurnMediaTsharkTest {
    /** tshark's options for what rtc does by default: RTP anywhere, and STUN, DTLS and RTP inside TURN. */
    static final List<String> TURN_HEURISTICS = List.of("--enable-heuristic", "rtp_udp", "--enable-heuristic",
            "rtp_stun", "--enable-heuristic", "dtls_stun", "--enable-heuristic", "stun_turn");

    @Test
    void overTurnUdpEveryFieldButSrtcpMatchesTsharkWithItsTurnHeuristics() throws Exception {
        Path pcap = Path.of("src/test/resources/media/aiortc-turn-udp.pcap");
        Map<Long, Frame> srtcp = srtcpFrames(pcap);
        assertThat(srtcp).as("SRTCP packets").isNotEmpty();
        assertThat(DissectorTsharkTest.mismatches(pcap, TURN_HEURISTICS, DecodeOptions.DEFAULT,
                n -> !srtcp.containsKey(n))).isEmpty();
    }

    /**
     * Over TURN TCP tshark does not tie the DTLS-SRTP handshake inside the TCP connection's ChannelData to the RTP
     * that follows on it (its RTP heuristic sets the stream up instead), so it shows SRTP's payload
     * as plain rtp.payload: every other field is compared, and rtc's encrypted payload and tag must be exactly the
     * bytes tshark calls the payload.
     */
    @Test
    void overTurnTcpEveryFieldButSrtcpAndSrtpsPayloadMatchesTshark() throws Exception {
        Path pcap = Path.of("src/test/resources/media/aiortc-turn-tcp.pcap");
        Map<Long, Frame> srtcp = srtcpFrames(pcap);
        assertThat(srtcp).as("SRTCP packets").isNotEmpty();
        Set<Field> payload = Set.of(Fields.RTP_PAYLOAD, Fields.SRTP_ENC_PAYLOAD, Fields.SRTP_MKI,
                Fields.SRTP_AUTH_TAG);
        Map<Long, Frame> frames = frames(pcap);
        List<String> mismatches = DissectorTsharkTest.mismatches(pcap, TURN_HEURISTICS, DecodeOptions.DEFAULT,
                n -> !srtcp.containsKey(n), f -> !payload.contains(f));
        // a segment with two ChannelData messages of RTP: tshark gives the second the first one's extended sequence
        // number (it keeps one per frame); rtc extends each packet's own
        List<String> secondExtseq = mismatches.stream().filter(m -> m.contains(" rtp.extseq: ")).toList();
        assertThat(secondExtseq).hasSize(2);
        for (String m : secondExtseq) {
            Frame f = frames.get(Long.parseLong(m.split(" ")[1]));
            assertThat(f.count(Fields.RTP_SEQ.id())).isEqualTo(2);
            String[] tsharks = m.replaceAll(".*tshark '([^']*)'.*", "$1").split(",");
            assertThat(tsharks[0]).isEqualTo(tsharks[1]).isEqualTo(f.getString(Fields.RTP_EXTSEQ.id(), 0));
            assertThat(f.getLong(Fields.RTP_EXTSEQ.id(), 1) & 0xFFFF).isEqualTo(f.getLong(Fields.RTP_SEQ.id(), 1));
        }
        assertThat(mismatches).containsExactlyElementsOf(secondExtseq);

        Map<Long, String> tsharkPayload = new HashMap<>();
        for (String line : tshark(pcap, "-e", "frame.number", "-e", "rtp.payload", "-e", "srtp.enc_payload", "-e",
                "srtp.auth_tag")) {
            // tshark reads SRTP as such on the relay's own UDP leg, as plain RTP inside the TCP connection
            String[] cols = line.split("\t", -1);
            String bytes = cols[1].isEmpty() ? cols[2] + cols[3] : cols[1];
            if (!bytes.isEmpty()) {
                tsharkPayload.put(Long.parseLong(cols[0]), bytes.replace(",", ""));
            }
        }
        int srtp = 0;
        for (Map.Entry<Long, Frame> e : frames.entrySet()) {
            Frame f = e.getValue();
            StringBuilder mine = new StringBuilder();
            for (int i = 0; i < f.count(Fields.SRTP_ENC_PAYLOAD.id()); i++) {
                mine.append(f.getString(Fields.SRTP_ENC_PAYLOAD.id(), i))
                        .append(f.getString(Fields.SRTP_AUTH_TAG.id(), i));
            }
            if (mine.length() > 0) {
                srtp++;
                assertThat(mine.toString()).as("frame " + e.getKey()).isEqualTo(tsharkPayload.get(e.getKey()));
            }
        }
        assertThat(srtp).as("SRTP packets").isGreaterThan(300);
    }

    private static List<String> tshark(Path pcap, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-E",
                "occurrence=a", "-E", "aggregator=,"));
        cmd.addAll(TURN_HEURISTICS);
        cmd.addAll(List.of(fields));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aiortc-turn-udp.pcap", "aiortc-turn-tcp.pcap"})
    void mediaInsideTheRelayIsFoundByDefault(String name) throws Exception {
        Path pcap = Path.of("src/test/resources/media", name);
        int relayedRtp = 0;
        int relayedDtls = 0;
        int relayedStun = 0;
        for (Frame f : frames(pcap).values()) {
            String chain = f.getString(Fields.FRAME_PROTOCOLS.id(), 0);
            relayedRtp += chain.contains("stun:rtp") ? 1 : 0;
            relayedDtls += chain.contains("stun:dtls") ? 1 : 0;
            relayedStun += chain.contains("stun:stun") ? 1 : 0;
        }
        assertThat(relayedRtp).as("SRTP in ChannelData").isGreaterThan(200);
        assertThat(relayedDtls).as("DTLS in ChannelData").isGreaterThanOrEqualTo(8);
        assertThat(relayedStun).as("ICE checks in ChannelData").isGreaterThanOrEqualTo(4);
    }

    /**
     * SRTCP as RFC 3711 lays it out, read from the bytes: the sender SSRC in clear after the first header, the E flag
     * and 31-bit index in the four bytes before the 10-byte tag of the AES_CM_128_HMAC_SHA1_80 profile the handshake
     * chose, and each sender's index counting up by one from packet to packet in each direction of each leg.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aiortc-turn-udp.pcap", "aiortc-turn-tcp.pcap", "aiortc-call.pcap"})
    void srtcpIsReadAsRfc3711LaysItOut(String name) throws Exception {
        Path pcap = Path.of("src/test/resources/media", name);
        Map<Long, Frame> srtcp = srtcpFrames(pcap);
        assertThat(srtcp).hasSizeGreaterThanOrEqualTo(4);
        Map<String, Long> lastIndex = new HashMap<>();
        int consecutive = 0;
        for (Frame f : srtcp.values()) {
            byte[] d = f.data();
            int tag = f.offsetAt(f.occurrence(Fields.SRTCP_AUTH_TAG.id(), 0));
            assertThat(f.length(Fields.SRTCP_AUTH_TAG.id(), 0)).isEqualTo(10);
            int rtcp = f.offsetAt(f.occurrence(Fields.RTCP.id(), 0));
            long index = Dissector.u32(d, tag - 4);
            assertThat(f.getLong(Fields.SRTCP_E.id(), 0)).isEqualTo(index >>> 31);
            assertThat(f.getLong(Fields.SRTCP_INDEX.id(), 0)).isEqualTo(index & 0x7FFF_FFFFL);
            assertThat(f.getLong(Fields.RTCP_SENDERSSRC.id(), 0)).isEqualTo(Dissector.u32(d, rtcp + 4));
            assertThat(f.getLong(Fields.RTCP_VERSION.id(), 0)).isEqualTo(2);
            assertThat(tag + 10).as("the tag ends the relayed bytes").isEqualTo(endOfRtcp(f));
            String key = f.getString(Fields.RTCP_SENDERSSRC.id(), 0) + " " + ports(f);
            Long previous = lastIndex.put(key, f.getLong(Fields.SRTCP_INDEX.id(), 0));
            if (previous != null) {
                assertThat(f.getLong(Fields.SRTCP_INDEX.id(), 0)).as("index after " + previous).isEqualTo(previous + 1);
                consecutive++;
            }
        }
        assertThat(consecutive).isPositive();
    }

    private static String ports(Frame f) {
        Field src = f.count(Fields.UDP_SRCPORT.id()) > 0 ? Fields.UDP_SRCPORT : Fields.TCP_SRCPORT;
        Field dst = f.count(Fields.UDP_DSTPORT.id()) > 0 ? Fields.UDP_DSTPORT : Fields.TCP_DSTPORT;
        return f.getLong(src.id(), 0) + ">" + f.getLong(dst.id(), 0);
    }

    /** Where the rtcp layer's data ends (the datagram, or the ChannelData's data inside it). */
    private static int endOfRtcp(Frame f) {
        int i = f.occurrence(Fields.RTCP.id(), 0);
        return (int) f.rawLong(i);
    }

    /** The frames in which rtc read SRTCP, each dissected in a frame of its own. */
    static Map<Long, Frame> srtcpFrames(Path pcap) throws Exception {
        Map<Long, Frame> out = new java.util.TreeMap<>();
        frames(pcap).forEach((n, f) -> {
            if (f.count(Fields.SRTCP_AUTH_TAG.id()) > 0) {
                out.put(n, f);
            }
        });
        return out;
    }

    static Map<Long, Frame> frames(Path pcap) throws Exception {
        Map<Long, Frame> out = new java.util.TreeMap<>();
        Dissector dissector = new Dissector();
        long n = 0;
        try (CaptureFileReader reader = CaptureFileReader.open("-",
                new ByteArrayInputStream(Files.readAllBytes(pcap)))) {
            while (true) {
                Frame frame = new Frame(Fields.registry());
                if (!reader.next(frame, n + 1)) {
                    break;
                }
                n++;
                dissector.dissect(frame);
                out.put(n, frame);
            }
        }
        return out;
    }
}
