package dev.rtc.cli;

import static dev.rtc.cli.GatherVerdicts.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Coturn;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.SilentUdpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rtc gather} with a dead UDP server next to a real coturn on 127.0.0.1: a closed port (bound, then
 * closed: the kernel answers ICMP port unreachable) is refused within a round trip, whatever the --timeout; a
 * port held by a socket that never answers is silent, and without --timeout it is given up once the measured
 * round trips say it will not answer (see {@code Silence}), before the default --timeout of 5 s; with --timeout
 * given, it gets all of it.
 */
class GatherDeadServerTest {
    @RegisterExtension
    static final Coturn.PerClass coturn = Coturn.perClass("--user", "alice:wonderland", "--realm", "rtc.test",
            "--lt-cred-mech");

    private static String stun() {
        return "stun:127.0.0.1:" + coturn.get().address().getPort();
    }

    private static CliRun gather(String... args) {
        List<String> all = new ArrayList<>(List.of("gather", "--interface", "lo", "--family", "4",
                "--format", "json"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void aClosedPortIsRefusedLongBeforeTheTimeout() throws IOException {
        int dead = FreePorts.on("127.0.0.1");
        String deadStun = "stun:127.0.0.1:" + dead;
        String deadTurn = "turn:127.0.0.1:" + dead;
        CliRun r = gather("-s", stun(), "-s", deadStun, "-s", deadTurn, "-u", "alice", "--credential", "wonderland",
                "--timeout", "30s");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = Json.mapper().readTree(r.out());
        for (String url : List.of(deadStun, deadTurn)) {
            JsonNode v = server(doc, url);
            assertThat(v.get("outcome").asText()).as(url).isEqualTo("unreachable");
            assertThat(v.get("detail").asText()).as(url)
                    .isEqualTo("127.0.0.1:" + dead + " refused (ICMP port unreachable)");
            // refused, not waited for: far from the 30 s asked for
            assertThat(v.get("elapsedSeconds").asDouble()).as(url).isLessThan(10);
        }
        assertThat(server(doc, stun()).get("outcome").asText()).isEqualTo("ok");
        assertThat(doc.get("timedOut").asBoolean()).isFalse();
    }

    @Test
    void refusedInTextToo() throws IOException {
        int dead = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("gather", "--interface", "lo", "--family", "4", "-s", "stun:127.0.0.1:" + dead);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("stun:127.0.0.1:" + dead + "  unreachable: 127.0.0.1:" + dead
                + " refused (ICMP port unreachable)");
    }

    @Test
    void aSilentServerIsGivenUpBeforeTheDefaultTimeoutOnceAnotherHasAnswered() throws IOException {
        try (SilentUdpServer silent = new SilentUdpServer()) {
            String url = "stun:127.0.0.1:" + silent.port();
            CliRun r = gather("-s", stun(), "-s", url);
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            JsonNode doc = Json.mapper().readTree(r.out());
            JsonNode v = server(doc, url);
            assertThat(v.get("outcome").asText()).isEqualTo("unreachable");
            assertThat(v.get("detail").asText()).startsWith("no answer from 127.0.0.1:" + silent.port())
                    .contains("(given up after 3 s: the larger of 6 RTO and 4 times the slowest round trip measured");
            // the default --timeout is 5 s; six RTOs (3 s) and four loopback round trips are well below it
            assertThat(v.get("elapsedSeconds").asDouble()).isLessThan(4.8);
            assertThat(doc.get("timedOut").asBoolean()).isFalse();
            assertThat(server(doc, stun()).get("outcome").asText()).isEqualTo("ok");
            assertThat(silent.received()).as("the silent server was asked").isPositive();
        }
    }

    @Test
    void anExplicitTimeoutIsHonoured() throws IOException {
        try (SilentUdpServer silent = new SilentUdpServer()) {
            String url = "stun:127.0.0.1:" + silent.port();
            CliRun r = gather("-s", stun(), "-s", url, "--timeout", "4s");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            JsonNode doc = Json.mapper().readTree(r.out());
            JsonNode v = server(doc, url);
            assertThat(v.get("outcome").asText()).isEqualTo("unreachable");
            // waited for the whole 4 s asked, not given up at six RTOs (3 s)
            assertThat(v.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(3.9);
            // seven transmissions at 0, 0.5, 1.5, 3.5 s: the fourth went out
            assertThat(silent.received()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aSilentServerAloneGetsTheWholeTimeout() throws IOException {
        try (SilentUdpServer silent = new SilentUdpServer()) {
            String url = "stun:127.0.0.1:" + silent.port();
            CliRun r = gather("-s", url);
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            JsonNode v = server(Json.mapper().readTree(r.out()), url);
            // nothing measured the path: no reason to stop before the default 5 s
            assertThat(v.get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(4.9);
        }
    }
}
