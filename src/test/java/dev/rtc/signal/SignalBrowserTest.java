package dev.rtc.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.testing.BrowserNamespace;
import dev.rtc.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two headless Chromiums open the page of one room of `rtc signal-server`, all three inside a network namespace
 * the test makes with only loopback: the pages exchange offer, answer and candidates through the room, connect
 * (ICE and DTLS: connectionState "connected") and post their view into the room, which the server logs.
 */
class SignalBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private BrowserNamespace ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = BrowserNamespace.open("rtcsig");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private ExternalProcess inNamespace(List<String> command) throws IOException {
        return ns.start(command);
    }

    private ExternalProcess browser(String url) throws IOException {
        return ns.chromium(url);
    }

    @Test
    void twoBrowsersConnectThroughARoom() throws Exception {
        ExternalProcess server = inNamespace(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.rtc.Main", "signal-server",
                "--listen", "127.0.0.1:8088", "--verbose", "--format", "json"));
        assertThat(server.awaitLog("rooms on http://127.0.0.1:8088/", Duration.ofSeconds(20)))
                .as(server.log()).isTrue();
        browser("http://127.0.0.1:8088/call-1?media=1");
        assertThat(server.awaitLog("join (first)", Duration.ofSeconds(30))).as(server.log()).isTrue();
        browser("http://127.0.0.1:8088/call-1?media=1");
        // each page posts its stats once connected (or failed): wait for two
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonNode> stats = List.of();
        while (System.nanoTime() < deadline) {
            stats = server.log().lines().filter(l -> l.startsWith("{") && l.contains("\"type\":\"stats\""))
                    .map(SignalBrowserTest::parse).toList();
            if (stats.size() >= 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(stats).as(server.log()).hasSize(2);
        for (JsonNode s : stats) {
            JsonNode st = s.path("stats");
            assertThat(st.path("connectionState").asText()).as(s.toString()).isEqualTo("connected");
            assertThat(st.path("iceConnectionState").asText()).isIn("connected", "completed");
            assertThat(st.path("userAgent").asText()).contains("Chrome");
            JsonNode pair = st.path("selectedPair");
            assertThat(pair.path("local").path("type").asText()).isEqualTo("host");
            assertThat(pair.path("local").path("address").asText()).isEqualTo("127.0.0.1");
            // the remote end is the other page's host candidate, or the same address learnt from its checks
            assertThat(pair.path("remote").path("type").asText()).isIn("host", "prflx");
            assertThat(pair.path("dtlsState").asText()).isEqualTo("connected");
            assertThat(st.path("verdict").asText()).startsWith("connected, direct");
        }
        // the log tells the exchange as it went: both joined, the first offered, the second answered
        String log = server.log();
        assertThat(log).contains("\"event\":\"join (first)\"", "\"event\":\"join (second)\"", "\"type\":\"offer\"",
                "\"type\":\"answer\"", "\"type\":\"candidate\"");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
