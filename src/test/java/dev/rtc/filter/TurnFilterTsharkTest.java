package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dissect.DecodeOptions;
import dev.rtc.testing.Requires;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Display filters over what TURN relays select the same frames of the relayed aiortc calls (media/aiortc-turn-*.pcap)
 * in rtc, by default, as in tshark 4.0 with {@code --enable-heuristic rtp_udp}, {@code rtp_stun}, {@code dtls_stun}
 * and {@code stun_turn}: the table below, then every expression of the general differential test. Left out where
 * tshark is blind: the SRTCP packets (data to tshark) and, over TURN TCP, SRTP's payload (plain rtp.payload to
 * tshark, which does not tie the DTLS-SRTP inside the TCP connection to its RTP) and the extended sequence number of
 * a second RTP packet in one segment (tshark repeats the first's).
 */
class TurnFilterTsharkTest {
    private static final List<String> TSHARK = List.of("--enable-heuristic", "rtp_udp", "--enable-heuristic",
            "rtp_stun", "--enable-heuristic", "dtls_stun", "--enable-heuristic", "stun_turn");

    private static final List<String> TABLE = List.of(
            "stun.channel == 0x4000 && rtp", "udp.port == 3478 && rtp", "tcp.port == 3478 && rtp", "rtp && !stun",
            "stun && dtls", "stun && dtls.handshake.type == 1", "stun && dtls.handshake.type == 2",
            "dtls.handshake.ciphersuite == 0xc02b", "dtls.handshake.fragment_offset > 0",
            "dtls.use_srtp.protection_profile == 0x0001", "stun.channel && stun.type == 0x0001",
            "stun.channel && stun.type == 0x0101", "stun.att.channelnum == 0x4000", "stun.att.ipv4 == 127.14.0.1",
            "stun.att.port == 49192", "stun.response-to && stun.channel", "stun.time > 0 && stun.channel",
            "rtp.ssrc == 0x7621b20f", "rtp.p_type == 96 && stun", "rtp.p_type == 97", "rtp.marker == 1 && stun",
            "rtp.ext.rfc5285.id == 1", "srtp.auth_tag", "len(srtp.auth_tag) == 10", "srtp.enc_payload",
            "stun && data", "stun.channel && !rtp && !dtls && !stun.type", "rtp.seq > 30000",
            "count(rtp) == 2", "udp.length > 200 && stun");

    @Test
    void overTurnUdpSameFramesAsTshark() throws Exception {
        assertSameFrames("aiortc-turn-udp.pcap", e -> false);
    }

    @Test
    void overTurnTcpSameFramesAsTshark() throws Exception {
        assertSameFrames("aiortc-turn-tcp.pcap",
                e -> e.contains("srtp") || e.contains("rtp.payload") || e.contains("rtp.extseq"));
    }

    private static void assertSameFrames(String name, Predicate<String> blind) throws Exception {
        Requires.commands("tshark");
        Path capture = Path.of("src/test/resources/media", name);
        java.util.Set<String> unique = new java.util.LinkedHashSet<>(TABLE);
        unique.addAll(FilterDifferentialTest.expressions());
        List<String> exprs = unique.stream().filter(blind.negate()).toList();
        Map<String, TsharkOracle.Outcome> tshark = TsharkOracle.evaluate(capture, exprs, TSHARK);
        Map<String, TsharkOracle.Outcome> rtc = CaptureFilterRun.evaluate(capture, exprs, DecodeOptions.DEFAULT);
        List<Long> srtcp = rtc.get("srtcp.auth_tag").frames();
        assertThat(srtcp).as("SRTCP packets").isNotEmpty();
        List<String> differences = new ArrayList<>();
        for (String e : exprs) {
            TsharkOracle.Outcome t = without(tshark.get(e), srtcp);
            TsharkOracle.Outcome r = without(rtc.get(e), srtcp);
            if (!t.equals(r)) {
                differences.add(e + "\n    tshark: " + t + "\n    rtc:    " + r);
            }
        }
        assertThat(differences).as("%d of %d filters differ", differences.size(), exprs.size()).isEmpty();
        assertThat(rtc.get("stun.channel == 0x4000 && rtp").frames()).as("SRTP inside ChannelData").hasSizeGreaterThan(200);
    }

    private static TsharkOracle.Outcome without(TsharkOracle.Outcome o, List<Long> frames) {
        return o.frames() == null ? o
                : new TsharkOracle.Outcome(o.frames().stream().filter(n -> !frames.contains(n)).toList(), null);
    }
}
