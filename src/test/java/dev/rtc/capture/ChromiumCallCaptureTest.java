package dev.rtc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.testing.BrowserNamespace;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import dev.rtc.testing.RtcJvm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real calls recorded by rtc's own live capture: headless Chromium runs media/chromium-call.html (two
 * RTCPeerConnections in one page, the fake audio and video devices) in a network namespace with only loopback,
 * {@code rtc capture -i lo -w} records it, and the capture is checked against the browser's getStats (see
 * ChromiumCallCheck): direct, relayed through coturn over UDP and over TCP, and with one track stopped mid-call.
 * Each capture and its getStats report are copied as chromium-MODE.pcap and chromium-MODE.json to the folder the
 * system property {@code rtc.chromium.keep} names (media/make-chromium-calls.sh does that), else to
 * target/chromium-calls.
 */
class ChromiumCallCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEVTOOLS = 9222;
    private static final int CALL_MS = 2500;
    private static final Path PAGE = Path.of("src/test/resources/media/chromium-call.html").toAbsolutePath();
    private BrowserNamespace ns;
    /** The last recorded call's getStats report, with its mode. */
    private JsonNode report;

    @BeforeEach
    void namespace() throws Exception {
        Requires.commands("chromium");
        ns = BrowserNamespace.open("rtcchr");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void direct() throws Exception {
        new ChromiumCallCheck(record("direct", ""), report).all();
    }

    @Test
    void relayedThroughCoturnOverUdp() throws Exception {
        coturn();
        new ChromiumCallCheck(record("turn-udp", relay("turn:127.0.0.1:3478")), report).all();
    }

    @Test
    void relayedThroughCoturnOverTcp() throws Exception {
        coturn();
        new ChromiumCallCheck(record("turn-tcp", relay("turn:127.0.0.1:3478?transport=tcp")), report).all();
    }

    @Test
    void oneTrackStoppedMidCall() throws Exception {
        new ChromiumCallCheck(record("one-way", "&stop=1"), report).all();
    }

    private static String relay(String url) {
        return "&policy=relay&user=alice&credential=wonderland&turn=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    private void coturn() throws Exception {
        Requires.commands("turnserver");
        Path dir = ns.temporaryDirectory("rtc-chromium-turn");
        ExternalProcess coturn = ns.start(List.of(Requires.which("turnserver"), "-n", "--listening-ip", "127.0.0.1",
                "--relay-ip", "127.0.0.1", "--listening-port", "3478", "--no-tls", "--no-dtls", "--no-cli",
                "--log-file", "stdout", "--simple-log", "--lt-cred-mech", "--realm", "rtc.test", "--user",
                "alice:wonderland", "--allow-loopback-peers", "--min-port", "49152", "--max-port", "49200",
                "--pidfile", dir.resolve("pid").toString(), "--userdb", dir.resolve("db").toString()));
        assertThat(coturn.awaitLog("Total General servers", Duration.ofSeconds(20))).as(coturn.log()).isTrue();
    }

    /**
     * Records one call: rtc capture on the namespace's loopback (all but the DevTools connection through which the
     * test reads the page), the page until it posts its report, then the capture stopped as Ctrl-C stops it.
     */
    private Path record(String mode, String query) throws Exception {
        Path dir = ns.temporaryDirectory("rtc-chromium-call");
        Path pcap = dir.resolve("chromium-" + mode + ".pcap");
        ExternalProcess capture = ns.start(RtcJvm.command(List.of("capture", "-i", "lo", "-f",
                "not tcp port " + DEVTOOLS, "-U", "-w", pcap.toString(), "--duration", "60s")));
        assertThat(capture.awaitLog("Capturing on 'lo'", Duration.ofSeconds(20))).as(capture.log()).isTrue();
        ns.chromium(PAGE.toUri() + "?ms=" + CALL_MS + query, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=" + DEVTOOLS);
        String text = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            text = pageValue("window.callReport");
            if (text.startsWith("{")) {
                break;
            }
        }
        assertThat(text).as(pageValue("document.getElementById('log').textContent")).startsWith("{");
        Thread.sleep(300); // the DTLS alerts the page's close() sent are on the wire by now
        new ProcessBuilder("kill", "-INT", String.valueOf(capture.pid())).start().waitFor(5, TimeUnit.SECONDS);
        assertThat(capture.process().waitFor(20, TimeUnit.SECONDS)).as(capture.log()).isTrue();
        assertThat(capture.process().exitValue()).as(capture.log()).isZero();
        ObjectNode r = (ObjectNode) JSON.readTree(text);
        r.put("mode", mode);
        report = r;
        // kept for a look when a check fails (target/chromium-calls), or where media/make-chromium-calls.sh says
        String keep = System.getProperty("rtc.chromium.keep", "");
        Path to = Path.of(keep.isEmpty() ? "target/chromium-calls" : keep);
        Files.createDirectories(to);
        Files.copy(pcap, to.resolve(pcap.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(to.resolve("chromium-" + mode + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        return pcap;
    }

    private String pageValue(String expression) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.rtc.testing.PageProbe", String.valueOf(DEVTOOLS),
                expression));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
