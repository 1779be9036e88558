package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import dev.rtc.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -z rtp,streams} prints tshark 4.0's table with tshark's numbers on media/rtp-rtcp.pcap, both run with the
 * RTP heuristic ({@code --enable-heuristic rtp_udp}): a stream with a sequence wrap and a lost packet (PCMU, jitter
 * from its 8 kHz clock), two dynamic payload types with marked packets, a PCMA stream.
 */
class RtpStreamsTsharkTest {
    private static final String MEDIA = "src/test/resources/media/rtp-rtcp.pcap";

    @Test
    void sameTableAsTshark() throws Exception {
        assertThat(table(MEDIA, "--enable-heuristic", "rtp_udp")).hasSize(7)
                .isEqualTo(tsharkTable(MEDIA));
    }

    /** A real call (media/aiortc-call.pcap): rtc finds its SRTP streams by default, tshark with its heuristic. */
    @Test
    void aWebRtcCallsStreamsAsTsharkCountsThem() throws Exception {
        String call = "src/test/resources/media/aiortc-call.pcap";
        assertThat(table(call)).hasSize(5).isEqualTo(tsharkTable(call));
    }

    /**
     * Relayed calls (media/aiortc-turn-udp.pcap, media/aiortc-turn-tcp.pcap): rtc finds by default the SRTP streams
     * inside TURN that tshark finds with its TURN heuristics, with tshark's numbers; the streams between a peer and
     * coturn's port 3478 are marked relayed, those between coturn's relay ports are not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aiortc-turn-udp.pcap", "aiortc-turn-tcp.pcap"})
    void streamsInsideTurnAsTsharkCountsThemMarkedRelayed(String name) throws Exception {
        String call = "src/test/resources/media/" + name;
        List<String> rtc = table(call);
        List<String> rows = rtc.subList(2, rtc.size() - 1);
        assertThat(rows).hasSize(6);
        for (String row : rows) {
            boolean toOrFromTheServer = row.matches(".* 3478 .*");
            assertThat(row.endsWith(" " + dev.rtc.output.RtpStreams.RELAYED)).as(row).isEqualTo(toOrFromTheServer);
        }
        assertThat(rows).filteredOn(r -> r.endsWith(" relayed")).hasSize(4);
        List<String> unmarked = rtc.stream().map(l -> l.endsWith(" relayed") ? l.substring(0, l.length() - 8) : l)
                .toList();
        assertThat(unmarked).isEqualTo(tsharkTable(call, "--enable-heuristic", "rtp_stun", "--enable-heuristic",
                "dtls_stun", "--enable-heuristic", "stun_turn"));
    }

    private static List<String> table(String pcap, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("capture", "-r", pcap, "-q", "-z", "rtp,streams"));
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out().lines().takeWhile(l -> !l.endsWith("frames matched")).toList();
    }

    private static List<String> tsharkTable(String pcap, String... heuristics) throws Exception {
        Requires.commands("tshark");
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-n", "-r", pcap, "--enable-heuristic",
                "rtp_udp", "-q", "-z", "rtp,streams"));
        cmd.addAll(List.of(heuristics));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String tshark = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return tshark.lines().toList();
    }

    @Test
    void withoutTheHeuristicOnlyTheWebRtcFlowsStreams() {
        CliRun r = CliRun.run("capture", "-r", MEDIA, "-q", "-z", "rtp,streams");
        assertThat(r.out()).contains("0xA1A2A3A4", "0xB1B2B3B4").doesNotContain("0x11223344", "0xD0D0D0D0");
    }
}
