package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.testing.BrowserNamespace;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `rtc ice --signal URL` against headless Chromium on the room's page, all inside a network namespace the test
 * makes with only loopback: the browser takes rtc's SDP (setRemoteDescription would refuse one it cannot use, and
 * the page would never reach ICE "connected"), rtc takes the browser's, ICE connects on both sides, and then the
 * DTLS handshake over the selected pair completes with each side's certificate checked against the other's SDP
 * fingerprint: the page's connectionState reaches "connected" (ICE and DTLS), and the page's stats message, which
 * it posts only then, is in rtc's report. The test also reads the page's own log through the DevTools port.
 */
class IceSignalBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEVTOOLS = 9222;
    private BrowserNamespace ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = BrowserNamespace.open("rtcice");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void rtcAnswersTheBrowsersOffer() throws Exception {
        ExternalProcess server = signalServer();
        browser("http://127.0.0.1:8088/call-b?media=1");
        assertThat(server.awaitLog("join (first)", Duration.ofSeconds(30))).as(server.log()).isTrue();
        JsonNode report = rtcIce("call-b");
        assertThat(report.path("connected").asBoolean()).as(report.toString()).isTrue();
        // the browser joined first: it offers and is controlling; rtc answers actpass with active (DTLS client)
        assertThat(report.path("role").asText()).isEqualTo("controlled");
        JsonNode sig = report.path("signal");
        assertThat(sig.path("offerer").asBoolean()).isFalse();
        assertThat(sig.path("remoteSetup").asText()).isEqualTo("actpass");
        assertThat(sig.path("localSetup").asText()).isEqualTo("active");
        assertThat(sig.path("dtlsRole").asText()).isEqualTo("client");
        assertThat(sig.path("remoteFingerprint").asText()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(report.path("selectedPair").path("local").path("address").asText()).isEqualTo("127.0.0.1");
        assertDirectPair(report);
        assertBrowserIceConnected();
        assertDtlsCompleted(report, "client");
    }

    @Test
    void theBrowserAnswersRtcsOffer() throws Exception {
        ExternalProcess server = signalServer();
        Path out = ns.temporaryDirectory("rtc-ice-signal");
        ExternalProcess rtc = rtcIceStart("call-r", out.resolve("report.json"));
        assertThat(server.awaitLog("join (first)", Duration.ofSeconds(30))).as(server.log()).isTrue();
        browser("http://127.0.0.1:8088/call-r?media=1");
        JsonNode report = awaitReport(rtc, out.resolve("report.json"));
        assertThat(report.path("connected").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("role").asText()).isEqualTo("controlling");
        JsonNode sig = report.path("signal");
        assertThat(sig.path("offerer").asBoolean()).isTrue();
        assertThat(sig.path("localSetup").asText()).isEqualTo("actpass");
        // Chromium answers an actpass offer with active: it is the DTLS client, rtc the server
        assertThat(sig.path("remoteSetup").asText()).isEqualTo("active");
        assertThat(sig.path("dtlsRole").asText()).isEqualTo("server");
        assertDirectPair(report);
        assertBrowserIceConnected();
        assertDtlsCompleted(report, "server");
    }

    @Test
    void aRelayOnlyBrowserReachesRtcThroughCoturn() throws Exception {
        // coturn inside the namespace, handed to both ends by the signal server
        Requires.commands("turnserver");
        Path turnDir = ns.temporaryDirectory("rtc-ice-signal-turn");
        ExternalProcess coturn = inNamespace(List.of(Requires.which("turnserver"), "-n", "--listening-ip",
                "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", "3478", "--no-tls", "--no-dtls",
                "--no-cli", "--log-file", "stdout", "--simple-log", "--lt-cred-mech", "--realm", "rtc.test",
                "--user", "alice:wonderland", "--allow-loopback-peers", "--min-port", "49152", "--max-port",
                "49200", "--pidfile", turnDir.resolve("pid").toString(), "--userdb", turnDir.resolve("db").toString()));
        assertThat(coturn.awaitLog("Total General servers", Duration.ofSeconds(20))).as(coturn.log()).isTrue();
        ExternalProcess server = signalServer("--ice-server", "turn:127.0.0.1:3478", "-u", "alice", "--credential",
                "wonderland");
        browser("http://127.0.0.1:8088/call-t?media=1&policy=relay");
        assertThat(server.awaitLog("join (first)", Duration.ofSeconds(30))).as(server.log()).isTrue();
        JsonNode report = rtcIce("call-t");
        assertThat(report.path("connected").asBoolean()).as(report.toString()).isTrue();
        // the browser has only its relay candidate: rtc reaches it at a port of coturn's relay range, as the relay
        // candidate it was told of or as the peer-reflexive address its checks came from
        JsonNode remote = report.path("selectedPair").path("remote");
        assertThat(remote.path("type").asText()).isIn("relay", "prflx");
        assertThat(remote.path("port").asInt()).isBetween(49152, 49200);
        assertDtlsCompleted(report, "client");
        JsonNode browserSide = report.path("peer").path("selectedPair");
        assertThat(browserSide.path("local").path("type").asText()).isEqualTo("relay");
        assertThat(report.path("peer").path("policy").asText()).isEqualTo("relay");
    }

    /**
     * Loopback only: rtc's host candidate with the browser's host candidate (or the same address learnt from its
     * checks), and the browser's view of the same pair.
     */
    private static void assertDirectPair(JsonNode report) {
        JsonNode pair = report.path("selectedPair");
        assertThat(pair.path("local").path("type").asText()).isEqualTo("host");
        assertThat(pair.path("remote").path("type").asText()).isIn("host", "prflx");
        JsonNode browser = report.path("peer").path("selectedPair");
        assertThat(browser.path("local").path("type").asText()).as(report.toString()).isEqualTo("host");
        assertThat(browser.path("local").path("port").asInt()).isEqualTo(pair.path("remote").path("port").asInt());
        assertThat(browser.path("remote").path("port").asInt()).isEqualTo(pair.path("local").path("port").asInt());
    }

    /** rtc's handshake completed, and the browser says so too: its connectionState and the DTLS of its pair. */
    private void assertDtlsCompleted(JsonNode report, String role) throws Exception {
        JsonNode dtls = report.path("dtls");
        assertThat(dtls.path("completed").asBoolean()).as(dtls.toString()).isTrue();
        assertThat(dtls.path("role").asText()).isEqualTo(role);
        assertThat(dtls.path("version").asText()).isEqualTo("DTLS 1.2");
        assertThat(dtls.path("srtpProfile").asText()).startsWith("SRTP_");
        assertThat(dtls.path("peerFingerprint").asText()).isEqualTo(report.path("signal").path("remoteFingerprint")
                .asText());
        JsonNode peer = report.path("peer");
        assertThat(peer.path("connectionState").asText()).as(report.toString()).isEqualTo("connected");
        assertThat(peer.path("selectedPair").path("dtlsState").asText()).isEqualTo("connected");
        String log = pageValue("document.getElementById('log').textContent");
        assertThat(log).contains("connected; telling the other side what this browser sees");
    }

    /** The page logs every ICE state; "ICE connected" there is the browser's iceConnectionState. */
    private void assertBrowserIceConnected() throws Exception {
        String log = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            log = pageValue("document.getElementById('log').textContent");
            if (log.contains("ICE connected")) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(log).as("the page's log").contains("ICE connected");
        assertThat(log).doesNotContain("remote candidate refused", "send failed");
    }

    private ExternalProcess signalServer(String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "dev.rtc.Main", "signal-server", "--listen", "127.0.0.1:8088", "--verbose", "--format", "json"));
        cmd.addAll(List.of(more));
        ExternalProcess server = inNamespace(cmd);
        assertThat(server.awaitLog("rooms on http://127.0.0.1:8088/", Duration.ofSeconds(20)))
                .as(server.log()).isTrue();
        return server;
    }

    private JsonNode rtcIce(String room) throws Exception {
        Path out = ns.temporaryDirectory("rtc-ice-signal");
        return awaitReport(rtcIceStart(room, out.resolve("report.json")), out.resolve("report.json"));
    }

    private ExternalProcess rtcIceStart(String room, Path report) throws IOException {
        return inNamespace(List.of(java(), "-cp", System.getProperty("java.class.path"), "dev.rtc.Main", "ice",
                "--signal", "http://127.0.0.1:8088/" + room, "--interface", "lo", "--include-loopback",
                "--timeout", "15s", "--format", "json", "-o", report.toString()));
    }

    private static JsonNode awaitReport(ExternalProcess rtc, Path report) throws Exception {
        assertThat(rtc.process().waitFor(60, TimeUnit.SECONDS)).as(rtc.log()).isTrue();
        String doc = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "(no report)";
        assertThat(rtc.process().exitValue()).as(rtc.log() + doc).isZero();
        return JSON.readTree(doc);
    }

    private String pageValue(String expression) throws Exception {
        List<String> command = List.of("ip", "netns", "exec", ns.name(), java(), "-cp", System.getProperty("java.class.path"),
                "dev.rtc.testing.PageProbe", String.valueOf(DEVTOOLS), expression);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private ExternalProcess inNamespace(List<String> command) throws IOException {
        return ns.start(command);
    }

    private void browser(String url) throws IOException {
        // the DevTools port, inside the namespace only, through which the test reads the page
        ns.chromium(url, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=" + DEVTOOLS);
    }
}
