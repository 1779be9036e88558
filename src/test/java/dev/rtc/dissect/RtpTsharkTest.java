package dev.rtc.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RTP and RTCP, field by field against tshark 4.0 on media/rtp-rtcp.pcap (real datagrams sent on loopback by
 * media/rtp_rtcp_sender.py, see media/README.md), under each way of recognising RTP: tshark's defaults (the RTCP
 * heuristic only), {@code --enable-heuristic rtp_udp}, and Decode As.
 */
class RtpTsharkTest {
    static final Path CAPTURE = Path.of("src/test/resources/media/rtp-rtcp.pcap");
    /** The WebRTC flow's frames: a STUN Binding check and its answer (28, 29), then RTP and RTCP both ways. */
    private static final long WEBRTC_FIRST = 30;
    private static final long WEBRTC_LAST = 45;

    @Test
    void withTheRtpHeuristicEveryFrameMatchesTshark() throws Exception {
        assertThat(DissectorTsharkTest.mismatches(CAPTURE, List.of("--enable-heuristic", "rtp_udp"),
                new DecodeOptions(true, Set.of()), n -> true)).isEmpty();
    }

    /** By default tshark decodes only RTCP; rtc does the same outside the WebRTC flow, where it also finds RTP. */
    @Test
    void byDefaultEveryFrameOutsideTheWebRtcFlowMatchesTshark() throws Exception {
        assertThat(DissectorTsharkTest.mismatches(CAPTURE, List.of(), DecodeOptions.DEFAULT,
                n -> n < WEBRTC_FIRST || n > WEBRTC_LAST)).isEmpty();
    }

    /** On the WebRTC flow rtc decodes by default what tshark decodes only with its RTP heuristic. */
    @Test
    void onTheWebRtcFlowRtcByDefaultMatchesTsharkWithItsHeuristic() throws Exception {
        assertThat(DissectorTsharkTest.mismatches(CAPTURE, List.of("--enable-heuristic", "rtp_udp"),
                DecodeOptions.DEFAULT, n -> n >= WEBRTC_FIRST && n <= WEBRTC_LAST)).isEmpty();
    }

    /**
     * A real WebRTC call (media/aiortc-call.pcap: two aiortc peers, ICE, DTLS-SRTP): every SRTP packet's RTP header
     * as tshark decodes it with its heuristic, rtc by default (the 5-tuple carried ICE checks), and its payload as
     * srtp.enc_payload and srtp.auth_tag, split by the tag length of the profile the DTLS handshake chose.
     */
    @Test
    void aWebRtcCallsRtpHeadersMatchTshark() throws Exception {
        Path call = Path.of("src/test/resources/media/aiortc-call.pcap");
        Process p = new ProcessBuilder("tshark", "-n", "-r", call.toString(), "--enable-heuristic", "rtp_udp", "-Y",
                "rtp.version", "-T", "fields", "-e", "frame.number")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Long> rtp = new java.util.HashSet<>();
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .forEach(l -> rtp.add(Long.parseLong(l.trim())));
        assertThat(p.waitFor()).isZero();
        assertThat(rtp).as("SRTP packets in the call").hasSizeGreaterThan(150);
        assertThat(DissectorTsharkTest.mismatches(call, List.of("--enable-heuristic", "rtp_udp"),
                DecodeOptions.DEFAULT, rtp::contains, f -> f.name().startsWith("rtp.") || f.name().startsWith("srtp.")))
                .isEmpty();
    }

    /** Decode As takes the malformed RTP packets the heuristic refuses: dissected as far as their bytes go. */
    @Test
    void decodeAsMatchesTshark() throws Exception {
        assertThat(DissectorTsharkTest.mismatches(CAPTURE, List.of("-d", "udp.port==40002,rtp",
                "-d", "udp.port==42000,rtp"), new DecodeOptions(false, Set.of(40002, 42000)), n -> n < WEBRTC_FIRST || n > WEBRTC_LAST)).isEmpty();
    }
}
