package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Addresses;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.SilentUdpServer;
import dev.rtc.testing.UdpForwarder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rtc gather} over a slow path: rtc's stun-server (which echoes TRANSACTION-TRANSMIT-COUNTER) behind a
 * loopback forwarder that holds every datagram 450 ms each way (a 900 ms round trip, longer than the 500 ms RTO,
 * so the request is retransmitted before the answer comes), next to a socket that never answers. The counter
 * makes the round trip measurable despite the retransmission, and the silent server is given up after four of
 * them (3.6 s), later than the 3 s a fast path gets and before the 5 s --timeout; the slow server keeps its
 * verdict. (This machine's kernel has no netem qdisc, hence the forwarder.)
 */
class GatherSlowLinkTest {
    private static JsonNode server(JsonNode doc, String url) {
        for (JsonNode s : doc.get("servers")) {
            if (s.get("url").asText().equals(url)) {
                return s;
            }
        }
        throw new AssertionError("no verdict for " + url + " in " + doc);
    }

    @Test
    void aSilentServerWaitsFourMeasuredRoundTripsAndTheSlowOneKeepsItsVerdict() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.rtc.Main", "stun-server", "--no-tcp",
                "--primary", "127.0.0.1:" + port, "--alternate", "127.0.0.2:" + (port + 1));
        try (ExternalProcess stunServer = ExternalProcess.start(cmd);
             UdpForwarder path = new UdpForwarder(new InetSocketAddress("127.0.0.1", port), 0,
                     Duration.ofMillis(450));
             SilentUdpServer silent = new SilentUdpServer()) {
            assertThat(stunServer.awaitLog("listening", Duration.ofSeconds(20))).as(stunServer.log()).isTrue();
            String slow = "stun:" + Addresses.format(path.address());
            String quiet = "stun:127.0.0.1:" + silent.port();
            CliRun r = CliRun.run("gather", "--interface", "lo", "--family", "4", "--format", "json",
                    "-s", slow, "-s", quiet);
            JsonNode doc = Json.mapper().readTree(r.out());
            JsonNode ok = server(doc, slow);
            assertThat(ok.get("outcome").asText()).as(r.toString()).isEqualTo("ok");
            // answered after the retransmission at 500 ms; the echoed counter says it answered the first
            assertThat(ok.get("rttAmbiguous").size()).as(r.toString()).isZero();
            assertThat(ok.get("latencyMs").get("firstResponse").asDouble()).as(r.toString()).isGreaterThan(850);
            JsonNode gone = server(doc, quiet);
            assertThat(gone.get("outcome").asText()).as(r.toString()).isEqualTo("unreachable");
            assertThat(gone.get("detail").asText()).startsWith("no answer from 127.0.0.1:" + silent.port());
            // 4 x 0.9 s = 3.6 s after its first request: beyond the fast path's 3 s, within the 5 s --timeout
            assertThat(gone.get("elapsedSeconds").asDouble()).as(r.toString()).isGreaterThan(3.3).isLessThan(4.9);
            assertThat(doc.get("timedOut").asBoolean()).isFalse();
        }
    }
}
