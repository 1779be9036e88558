package dev.rtc.cli;

import static dev.rtc.cli.GatherVerdicts.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Addresses;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.RtcStunServer;
import dev.rtc.testing.SilentUdpServer;
import dev.rtc.testing.UdpForwarder;
import java.net.InetSocketAddress;
import java.time.Duration;
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
    @Test
    void aSilentServerWaitsFourMeasuredRoundTripsAndTheSlowOneKeepsItsVerdict() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (ExternalProcess stunServer = RtcStunServer.start(port);
             UdpForwarder path = new UdpForwarder(new InetSocketAddress("127.0.0.1", port), 0,
                     Duration.ofMillis(450));
             SilentUdpServer silent = new SilentUdpServer()) {
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
            assertThat(gone.get("detail").asText()).startsWith("no answer from 127.0.0.1:" + silent.port())
                    .contains("given up after", "4 times the slowest round trip measured");
            // 4 x 0.9 s = 3.6 s after its first request: beyond the fast path's 3 s, within the 5 s --timeout
            assertThat(gone.get("elapsedSeconds").asDouble()).as(r.toString()).isGreaterThan(3.3).isLessThan(4.9);
            assertThat(doc.get("timedOut").asBoolean()).isFalse();
        }
    }
}
