package dev.rtc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rtc probe}'s command line without a server: --config-check, and the usage errors (one line, exit 2). */
class ProbeCommandTest {
    @TempDir
    Path dir;

    @Test
    void configCheckListsTheModules() throws Exception {
        Path c = dir.resolve("probe.yml");
        Files.writeString(c, "modules:\n  stun:\n    prober: stun\n  turn_udp:\n    prober: turn\n");
        CliRun r = CliRun.run("probe", "--config", c.toString(), "--config-check");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(c + ": 2 modules: stun, turn_udp\n");
    }

    @Test
    void aBadConfigIsOneLineAndExit2() throws Exception {
        Path c = dir.resolve("probe.yml");
        Files.writeString(c, "modules:\n  a:\n    prober: ice\n");
        CliRun r = CliRun.run("probe", "--config", c.toString(), "--config-check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("rtc probe: " + c + ":3: modules.a.prober: expected stun, turn or"
                + " ice-loopback, not 'ice'\n");
        CliRun listen = CliRun.run("probe", "--listen", "127.0.0.1:0", "--config", c.toString());
        assertThat(listen.exit()).isEqualTo(2);
        assertThat(listen.err()).contains(":3: modules.a.prober: expected stun, turn or ice-loopback, not 'ice'");
    }

    @Test
    void usageErrors() {
        assertThat(CliRun.run("probe").err()).isEqualTo("rtc probe: say what to do: --listen, --once (with --module"
                + " and --target) or --config-check (see 'rtc probe --help')\n");
        assertThat(CliRun.run("probe", "--listen").err()).isEqualTo("rtc probe: --listen needs --config FILE (the"
                + " modules to probe with) (see 'rtc probe --help')\n");
        assertThat(CliRun.run("probe", "--once", "--module", "stun").exit()).isEqualTo(2);
        assertThat(CliRun.run("probe", "--config-check").err()).contains("--config-check needs --config FILE");
        CliRun missing = CliRun.run("probe", "--config", dir.resolve("none.yml").toString(), "--config-check");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("rtc probe: " + dir.resolve("none.yml") + ": no such file\n");
        assertThat(CliRun.run("probe", "--once", "--module", "stun", "--target", "stun:127.0.0.1",
                "--max-concurrent", "0").exit()).isEqualTo(2);
    }
}
