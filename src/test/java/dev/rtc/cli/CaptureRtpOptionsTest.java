package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import org.junit.jupiter.api.Test;

/**
 * How {@code rtc capture} recognises RTP on media/rtp-rtcp.pcap (see its README): by default on the WebRTC flow only,
 * everywhere with {@code --enable-heuristic rtp_udp}, on the given port with {@code -d udp.port==N,rtp}; and
 * {@code -V} says which rule took each packet.
 */
class CaptureRtpOptionsTest {
    private static final String MEDIA = "src/test/resources/media/rtp-rtcp.pcap";
    private static final String WEBRTC_RTP = "30\n31\n32\n33\n34\n35\n36\n37\n38\n39\n40\n41\n";

    private static String rtpFrames(String... options) {
        String[] args = new String[options.length + 7];
        args[0] = "capture";
        args[1] = "-r";
        args[2] = MEDIA;
        System.arraycopy(options, 0, args, 3, options.length);
        args[options.length + 3] = "-T";
        args[options.length + 4] = "fields";
        args[options.length + 5] = "-e";
        args[options.length + 6] = "frame.number";
        String[] withFilter = java.util.Arrays.copyOf(args, args.length + 1);
        withFilter[args.length] = "rtp.version == 2";
        CliRun r = CliRun.run(withFilter);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void byDefaultRtpOnlyOnTheWebRtcFlow() {
        assertThat(rtpFrames()).isEqualTo(WEBRTC_RTP);
    }

    @Test
    void theHeuristicFindsRtpEverywhereItsHeaderFits() {
        assertThat(rtpFrames("--enable-heuristic", "rtp_udp"))
                .isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n" + WEBRTC_RTP + "46\n47\n48\n");
    }

    @Test
    void decodeAsTakesOnePort() {
        assertThat(rtpFrames("-d", "udp.port==42000,rtp")).isEqualTo(WEBRTC_RTP + "46\n47\n48\n");
        assertThat(rtpFrames("--decode-as", " udp.port == 40002 , rtp")).startsWith("1\n2\n").contains("12\n13\n14\n");
    }

    @Test
    void aDecodeAsPortOutOfRangeIsAUsageError() {
        CliRun r = CliRun.run("capture", "-r", MEDIA, "--decode-as", "udp.port==70000,rtp");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rtc capture: -d 'udp.port==70000,rtp': port 70000 is not 1-65535"
                + " (see 'rtc capture --help')\n");
    }

    @Test
    void verboseSaysWhyEachPacketIsRtpOrRtcp() {
        CliRun webrtc = CliRun.run("capture", "-r", MEDIA, "-V", "frame.number == 30");
        assertThat(webrtc.out()).contains("Real-Time Transport Protocol\n    [Decoded as RTP by: WebRTC flow: first"
                + " byte 144 is RTP/RTCP (RFC 7983), the 5-tuple carried a STUN Binding in frame 28]\n    Version: 2");
        CliRun heuristic = CliRun.run("capture", "-r", MEDIA, "--enable-heuristic", "rtp_udp", "-V", "frame.number == 1");
        assertThat(heuristic.out()).contains("[Decoded as RTP by: RTP heuristic (--enable-heuristic rtp_udp)]");
        CliRun decodeAs = CliRun.run("capture", "-r", MEDIA, "-d", "udp.port==42000,rtp", "-V", "frame.number == 46");
        assertThat(decodeAs.out()).contains("[Decoded as RTP by: Decode As (-d udp.port==42000,rtp)]");
        CliRun rtcp = CliRun.run("capture", "-r", MEDIA, "-V", "frame.number == 15");
        assertThat(rtcp.out()).contains("Real-time Transport Control Protocol\n    [Decoded as RTCP by: RTCP heuristic"
                + " (rtcp_udp, on by default)]").contains("    Sender SSRC: 0x11223344");
    }
}
