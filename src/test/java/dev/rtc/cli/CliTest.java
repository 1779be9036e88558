package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import org.junit.jupiter.api.Test;

class CliTest {
    @Test
    void versionComesFromTheBuild() {
        CliRun r = CliRun.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("rtc ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void helpListsExitCodes() {
        CliRun r = CliRun.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("4  the server cannot do what the test needs");
    }

    @Test
    void unknownOptionIsOneLineUsageError() {
        CliRun r = CliRun.run("--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("Unknown option").doesNotContain("Exception");
    }

    @Test
    void noCommandIsUsageError() {
        CliRun r = CliRun.run();
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void completionScriptIsPrinted() {
        CliRun r = CliRun.run("generate-completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("rtc");
    }

    @Test
    void mistypedOptionNeverEchoesTheValueAfterIt() {
        CliRun r = CliRun.run("gather", "-s", "turn:127.0.0.1", "--credentail", "s3cret-value");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--credentail").doesNotContain("s3cret-value");
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
