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
    static final List<String> TURN_HEURISTICS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("--enable-heuristic", "rtp_udp"), DissectorTsharkTest.INSIDE_TURN.stream())
            .toList();

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

    /**
     * What coturn and aioice never send in the calls above (aioice binds a channel before sending): Send and Data
     * indications whose DATA is a STUN Binding check, the call's two-fragment ClientHello, RTP and RTCP; plain RTCP
     * and cut-short RTP in ChannelData; ChannelData in ChannelData (tshark's turnchannel, its data not dissected
     * further), also padded and with a channel number below the range.
     * Field by field against tshark with its TURN heuristics.
     */
    @Test
    void indicationsAndMalformedRelayedPayloadsMatchTshark(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path call = Path.of("src/test/resources/media/aiortc-turn-udp.pcap");
        Frame hello = frames(call).get(34L);
        int udp = hello.offsetAt(hello.occurrence(Fields.UDP.id(), 0));
        byte[] clientHello = java.util.Arrays.copyOfRange(hello.data(), udp + 8, hello.capturedLength());
        byte[] server = {127, 14, 0, 1};
        byte[] client = {127, 0, 0, 1};
        byte[] peer = {(byte) 198, 51, 100, 7};
        byte[] t = TestPcaps.txid(9);
        byte[] check = TestPcaps.withFingerprint(TestPcaps.stun(0x0001, TestPcaps.txid(10),
                TestPcaps.text(0x0006, "a:b"), TestPcaps.attr(0x0024, TestPcaps.u32(0x6E7F1EFF))), true);
        byte[] rtp = TestPcaps.cat(new byte[] {(byte) 0x90, 111}, TestPcaps.u16(7), TestPcaps.u32(1000),
                TestPcaps.u32(0xA1B2C3D4L), TestPcaps.u16(0xBEDE), TestPcaps.u16(1), new byte[] {0x10, 0x55, 0, 0},
                "opus".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] receiverReport = TestPcaps.cat(new byte[] {(byte) 0x80, (byte) 201}, TestPcaps.u16(1),
                TestPcaps.u32(0x01020304L));
        byte[] cutShort = java.util.Arrays.copyOf(new byte[] {(byte) 0x83, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3}, 12);
        List<byte[]> frames = new ArrayList<>();
        for (byte[] data : List.of(check, clientHello, rtp, receiverReport)) {
            byte[] peerAddress = TestPcaps.xorAddress(0x0012, peer, 40000, t);
            // each ClientHello on a relay of its own: tshark takes its use_srtp offer as the SRTP of what follows
            // (rtc waits for the ServerHello's choice, RFC 5764 section 4.1.1), and then reads a second DTLS record
            // on the 5-tuple as RTP version 0 (see filter/known-differences.txt)
            int port = data == clientHello ? 50001 : 50000;
            frames.add(TestPcaps.ethernet(0x0800, TestPcaps.ipv4(server, client, 17, TestPcaps.udp(3478, port,
                    TestPcaps.stun(0x0117, t, peerAddress, TestPcaps.attr(0x0013, data))))));
            port = data == clientHello ? 50002 : 50000;
            frames.add(TestPcaps.ethernet(0x0800, TestPcaps.ipv4(client, server, 17, TestPcaps.udp(port, 3478,
                    TestPcaps.stun(0x0016, t, peerAddress, TestPcaps.attr(0x0013, data))))));
        }
        for (byte[] data : List.of(receiverReport, cutShort, rtp, TestPcaps.channelData(0x4001, rtp),
                TestPcaps.cat(TestPcaps.channelData(0x4001, rtp), new byte[2]), TestPcaps.channelData(0x1000, rtp))) {
            frames.add(TestPcaps.ethernet(0x0800, TestPcaps.ipv4(client, server, 17, TestPcaps.udp(50000, 3478,
                    TestPcaps.channelData(0x4000, data)))));
        }
        Path pcap = TestPcaps.write(dir.resolve("turn-indications.pcap"), LinkType.ETHERNET, frames);
        assertThat(DissectorTsharkTest.mismatches(pcap, TURN_HEURISTICS, DecodeOptions.DEFAULT, n -> true))
                .isEmpty();
        Map<Long, Frame> dissected = frames(pcap);
        assertThat(dissected.get(2L).getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:stun:stun");
        assertThat(dissected.get(3L).getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:stun:dtls");
        assertThat(dissected.get(6L).getString(Fields.FRAME_PROTOCOLS.id(), 0)).isEqualTo("eth:ethertype:ip:udp:stun:rtp");
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
