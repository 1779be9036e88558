package dev.rtc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chromium calls recorded by ChromiumCallCaptureTest and kept in media/ (chromium-MODE.pcap, with the
 * browser's getStats at recording time in chromium-MODE.json: see media/README.md), checked as the live test checks
 * them, and against tshark 4.0 with its WebRTC heuristics on: what it finds of the same calls.
 */
class ChromiumCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MEDIA = Path.of("src/test/resources/media");
    private static final List<String> HEURISTICS = List.of("--enable-heuristic", "rtp_udp", "--enable-heuristic",
            "rtp_stun", "--enable-heuristic", "dtls_stun", "--enable-heuristic", "stun_turn");

    private static ChromiumCallCheck call(String mode) throws IOException {
        JsonNode report = JSON.readTree(Files.readString(MEDIA.resolve("chromium-" + mode + ".json")));
        assertThat(report.path("mode").asText()).isEqualTo(mode);
        return new ChromiumCallCheck(MEDIA.resolve("chromium-" + mode + ".pcap"), report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "turn-udp", "turn-tcp", "one-way"})
    void rtcReadsWhatTheBrowserCounted(String mode) throws Exception {
        call(mode).all();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "turn-udp", "turn-tcp", "one-way"})
    void capturesStaySmall(String mode) throws Exception {
        assertThat(Files.size(MEDIA.resolve("chromium-" + mode + ".pcap"))).isLessThan(1 << 20);
    }

    @Test
    void theSampleIsTheOneWayCall() throws Exception {
        assertThat(Files.readAllBytes(Path.of("samples/webrtc-chromium-one-way.pcap")))
                .isEqualTo(Files.readAllBytes(MEDIA.resolve("chromium-one-way.pcap")));
    }

    /**
     * tshark 4.0, heuristics on, on the same captures: it finds at most the RTP rtc finds per SSRC (rtc's equal
     * the browser's, see above), no RTCP at all (its heuristic wants a length that is a multiple of 4, which SRTCP's
     * trailer breaks), and of DTLS 1.3 only the records with the classic header (ClientHello and ServerHello), not
     * the unified-header records that carry the rest of the handshake and the alerts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "turn-udp", "turn-tcp", "one-way"})
    void whatTsharkMisses(String mode) throws Exception {
        Requires.commands("tshark");
        ChromiumCallCheck c = call(mode);
        Path pcap = MEDIA.resolve("chromium-" + mode + ".pcap");
        Map<String, Integer> rtc = perSsrc(c.fields("rtp", "rtp.ssrc"));
        Map<String, Integer> tshark = perSsrc(tshark(pcap, "rtp", "rtp.ssrc"));
        assertThat(tshark.keySet()).isSubsetOf(rtc.keySet());
        tshark.forEach((ssrc, n) -> assertThat(n).as(mode + " " + ssrc).isLessThanOrEqualTo(rtc.get(ssrc)));
        assertThat(c.frames("rtcp")).isPositive();
        assertThat(tshark(pcap, "rtcp", "frame.number")).as("tshark's RTCP").isEmpty();
        int unified = c.frames("dtls && !dtls.record.content_type");
        assertThat(unified).isPositive();
        assertThat(tshark(pcap, "dtls", "frame.number")).hasSize(c.frames("dtls") - unified);
    }

    private static Map<String, Integer> perSsrc(List<String> lines) {
        Map<String, Integer> out = new TreeMap<>();
        for (String l : lines) {
            for (String s : l.split(",")) {
                if (!s.isBlank()) {
                    out.merge(s.trim().toLowerCase(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private static List<String> tshark(Path pcap, String filter, String field) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        cmd.addAll(HEURISTICS);
        cmd.addAll(List.of("-Y", filter, "-T", "fields", "-e", field));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
