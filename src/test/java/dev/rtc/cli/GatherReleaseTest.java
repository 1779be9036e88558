package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.Coturn;
import dev.rtc.testing.CliRun;
import org.junit.jupiter.api.Test;

/**
 * Every allocation is released before exit: with coturn's per-user quota of one allocation, a second run only
 * gets its relay if the first run's allocation is gone (otherwise 486 Allocation Quota Reached for 600 s).
 */
class GatherReleaseTest {

    @Test
    void allocationsAreReleasedBeforeExit() throws Exception {
        int[] range = GatherCoturnTest.freeRange(10);
        try (Coturn c = Coturn.start("--user", "carol:pw", "--realm", "rtc.test", "--lt-cred-mech",
                "--user-quota", "1", "--min-port", String.valueOf(range[0]), "--max-port", String.valueOf(range[1]))) {
            String url = "turn:127.0.0.1:" + c.address().getPort();
            for (int run = 1; run <= 3; run++) {
                // coturn frees the quota slot on its relay thread shortly after the Refresh: allow it a moment,
                // far less than the 600 s an unreleased allocation would hold it
                CliRun r = null;
                for (int attempt = 0; attempt < 20; attempt++) {
                    r = CliRun.run("gather", "--interface", "lo", "--family", "4", "-s", url, "-u", "carol",
                            "--credential", "pw", "--require", "relay");
                    if (r.exit() == 0) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertThat(r.exit()).as("run %d: %s", run, r).isZero();
            }
            CliRun both = CliRun.run("gather", "--interface", "lo", "--family", "4", "-s", url,
                    "-s", url + "?transport=tcp", "-u", "carol", "--credential", "pw");
            assertThat(both.out()).as("the quota is really one allocation").contains("quota or capacity: 486");
        }
    }
}
