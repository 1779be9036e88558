package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Coturn;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 300 Try Alternate from real coturns (--alternate-server): followed once, and reported when it loops. */
class GatherRedirectTest {
    private static final String[] ALICE = {"--user", "alice:wonderland", "--realm", "rtc.test", "--lt-cred-mech"};

    private static String[] with(String... more) {
        String[] out = new String[ALICE.length + more.length];
        System.arraycopy(ALICE, 0, out, 0, ALICE.length);
        System.arraycopy(more, 0, out, ALICE.length, more.length);
        return out;
    }

    @Test
    void redirectIsFollowedOnce() throws Exception {
        int[] range = GatherCoturnTest.freeRange(10);
        try (Coturn target = Coturn.start(with("--min-port", String.valueOf(range[0]),
                "--max-port", String.valueOf(range[1])));
             Coturn redirector = Coturn.start(with("--alternate-server", "127.0.0.1:" + target.address().getPort()))) {
            String udp = "turn:127.0.0.1:" + redirector.address().getPort();
            String tcp = udp + "?transport=tcp";
            CliRun r = CliRun.run("gather", "--interface", "lo", "--family", "4", "-s", udp, "-s", tcp,
                    "-u", "alice", "--credential", "wonderland", "--format", "json");
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode doc = Json.mapper().readTree(r.out());
            for (JsonNode v : doc.get("servers")) {
                assertThat(v.get("outcome").asText()).isEqualTo("ok");
                assertThat(v.get("detail").asText()).isEqualTo("redirected to 127.0.0.1:" + target.address().getPort());
                int relayPort = Integer.parseInt(v.get("relayed").asText().split(":")[1]);
                assertThat(relayPort).isBetween(range[0], range[1]);
            }
        }
    }

    @Test
    void aSecondRedirectIsReportedNotFollowed() throws Exception {
        int loopPort = FreePorts.pairOn("127.0.0.1");
        try (Coturn first = Coturn.start(with("--alternate-server", "127.0.0.1:" + loopPort))) {
            Path db = Files.createTempFile("rtc-gather-redirect-" + ProcessHandle.current().pid() + "-", ".db");
            try (ExternalProcess second = ExternalProcess.start(List.of("turnserver", "-n",
                    "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port",
                    String.valueOf(loopPort), "--no-tls", "--no-dtls", "--no-cli", "--log-file", "stdout",
                    "--simple-log", "--userdb", db.toString(), "--pidfile", db + ".pid",
                    "--user", "alice:wonderland", "--realm", "rtc.test", "--lt-cred-mech",
                    "--alternate-server", "127.0.0.1:" + first.address().getPort()))) {
                assertThat(second.awaitLog("Total General servers", Duration.ofSeconds(20)))
                        .as(second.log()).isTrue();
                String url = "turn:127.0.0.1:" + first.address().getPort();
                CliRun r = CliRun.run("gather", "--interface", "lo", "--family", "4", "-s", url,
                        "-u", "alice", "--credential", "wonderland");
                assertThat(r.exit()).as(r.toString()).isEqualTo(1);
                assertThat(r.out()).contains(url + "  redirected: 300")
                        .contains("300 Try Alternate to 127.0.0.1:" + first.address().getPort() + " again after one redirect");
            } finally {
                Files.deleteIfExists(db);
                Files.deleteIfExists(Path.of(db + ".pid"));
            }
        }
    }
}
