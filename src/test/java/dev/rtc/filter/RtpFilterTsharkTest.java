package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dissect.DecodeOptions;
import dev.rtc.testing.Requires;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Display filters over RTP and RTCP select the same frames of media/rtp-rtcp.pcap in rtc as in tshark 4.0, run
 * with {@code --enable-heuristic rtp_udp} (rtc with the same heuristic) and with Decode As: the table below, then
 * every expression of the general differential test (an existence test of every field among them).
 */
class RtpFilterTsharkTest {
    private static final Path CAPTURE = Path.of("src/test/resources/media/rtp-rtcp.pcap");

    private static final List<String> TABLE = List.of(
            "rtp", "rtcp", "rtp && rtcp", "rtp.ssrc == 0x11223344", "rtp.ssrc == 0xa1a2a3a4 || rtp.ssrc == 0xb1b2b3b4",
            "rtp.marker == 1", "rtp.p_type == 0", "rtp.p_type >= 96", "rtp.seq < 10", "rtp.extseq > 65535",
            "rtp.timestamp == 160320", "rtp.cc == 2", "rtp.csrc.item == 0x0a0b0c0d", "rtp.ext",
            "rtp.ext == 1", "rtp.ext.profile == 0xbede", "rtp.ext.rfc5285.id == 3", "rtp.ext.rfc5285.data == aa:bb",
            "rtp.ext.rfc5285.appbits == 0", "rtp.hdr_ext == 0xdeadbeef", "rtp.padding == 1", "rtp.padding.count == 4",
            "rtp.payload[0] == 0xfc", "len(rtp.payload) > 100", "rtcp.pt == 200", "rtcp.pt == 201",
            "rtcp.pt == 202 && rtcp.sdes.text contains \"alice\"", "rtcp.pt == 203", "rtcp.pt == 204",
            "rtcp.pt == 205", "rtcp.pt == 206", "rtcp.psfb.fmt == 1", "rtcp.psfb.fmt == 15", "rtcp.rtpfb.fmt == 1",
            "rtcp.senderssrc == 0xcafebabe", "rtcp.mediassrc == 0x11223344", "rtcp.ssrc.identifier == 0x55667788",
            "rtcp.ssrc.fraction > 0", "rtcp.ssrc.cum_nr < 0", "rtcp.ssrc.jitter == 37", "rtcp.ssrc.high_cycles == 1",
            "rtcp.sender.packetcount == 11", "rtcp.timestamp.rtp > 0", "rtcp.sdes.type == 6",
            "rtcp.sdes.text == \"call ended\"", "rtcp.app.name == \"rtcT\"", "rtcp.rtpfb.nack_pid == 5",
            "rtcp.rtpfb.nack_blp == 0x8001", "rtcp.psfb.remb.fci.br_mantissa == 150000",
            "rtcp.psfb.remb.fci.ssrc == 0x99aabbcc", "rtcp.psfb.remb.identifier == \"REMB\"",
            "rtcp.length_check == 0", "rtcp.length_check == 1", "rtcp.length > 10", "rtp || rtcp || stun",
            "udp && !rtp && !rtcp && !stun");

    /**
     * tshark 4.0 slices only the first of several RTCP packets in a compound (rtcp[-1:] is the last byte of the SR
     * in an SR+SDES datagram), where rtc's filter looks at each, as it does for every field.
     */
    private static final Set<String> KNOWN = Set.of("rtcp[-1:] == 00");

    /** The frames outside the WebRTC flow (28-45), which rtc decodes whatever the options and tshark only with its heuristic. */
    private static TsharkOracle.Outcome outsideWebRtcFlow(TsharkOracle.Outcome o) {
        return o.frames() == null ? o
                : new TsharkOracle.Outcome(o.frames().stream().filter(n -> n < 28 || n > 45).toList(), null);
    }

    @Test
    void withTheRtpHeuristicSameFramesAsTshark() throws Exception {
        assertSameFrames(List.of("--enable-heuristic", "rtp_udp"), new DecodeOptions(true, Set.of()));
    }

    @Test
    void withDecodeAsSameFramesAsTshark() throws Exception {
        // the WebRTC flow is RTP to rtc whatever the options, to tshark only with its heuristic: leave it out
        assertSameFrames(List.of("-d", "udp.port==40002,rtp", "-d", "udp.port==42000,rtp"),
                new DecodeOptions(false, Set.of(40002, 42000)));
    }

    private static void assertSameFrames(List<String> tsharkOptions, DecodeOptions rtcOptions) throws Exception {
        Requires.commands("tshark");
        java.util.Set<String> unique = new java.util.LinkedHashSet<>(TABLE);
        unique.addAll(FilterDifferentialTest.expressions());
        List<String> exprs = List.copyOf(unique);
        Map<String, TsharkOracle.Outcome> tshark = TsharkOracle.evaluate(CAPTURE, exprs, tsharkOptions);
        Map<String, TsharkOracle.Outcome> rtc = CaptureFilterRun.evaluate(CAPTURE, exprs, rtcOptions);
        boolean withoutWebRtc = !rtcOptions.rtpHeuristic();
        List<String> differences = new ArrayList<>();
        for (String e : exprs) {
            if (KNOWN.contains(e)) {
                continue;
            }
            TsharkOracle.Outcome t = tshark.get(e);
            TsharkOracle.Outcome r = rtc.get(e);
            if (withoutWebRtc) {
                t = outsideWebRtcFlow(t);
                r = outsideWebRtcFlow(r);
            }
            if (!t.equals(r)) {
                differences.add(e + "\n    tshark: " + t + "\n    rtc:    " + r);
            }
        }
        assertThat(differences).as("%d of %d filters differ", differences.size(), exprs.size()).isEmpty();
        assertThat(rtc.get("rtp").frames()).as("the table means something: RTP was found").isNotEmpty();
    }
}
