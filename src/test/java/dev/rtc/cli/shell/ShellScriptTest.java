package dev.rtc.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script mode: commands piped to `rtc shell` run in order; the exit status is the last failure's. */
class ShellScriptTest {
    @TempDir
    Path home;

    private record Result(int exit, String out, String err) {
    }

    private Result script(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(RtcProcess.command(home, "shell")).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rtc shell ended").isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void runsCommandsInOrderAndReturnsTheLastFailure() throws Exception {
        Result r = script("""
                # a comment, then a blank line

                --version
                --frobnicate
                help
                generate-completion
                """);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
        int version = r.out().indexOf("rtc ");
        int help = r.out().indexOf("Commands (each takes --help");
        int completion = r.out().indexOf("complete -F");
        assertThat(version).isNotNegative().isLessThan(help);
        assertThat(help).isLessThan(completion);
    }

    @Test
    void allSucceedingGivesZero() throws Exception {
        Result r = script("--version\nhelp generate-completion\n");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: rtc generate-completion");
    }

    @Test
    void exitStopsTheScriptWithItsCode() throws Exception {
        Result r = script("exit 3\n--version\n");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("rtc ");
    }

    @Test
    void unclosedQuoteIsAUsageErrorForThatLineOnly() throws Exception {
        Result r = script("filter check 'stun\n--version\n");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("line 1");
        assertThat(r.out()).contains("rtc ");
    }

    @Test
    void theShellDoesNotNest() throws Exception {
        Result r = script("shell\n");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("already in the shell");
    }

    @Test
    void aCommandGivenStandardInputDoesNotSwallowTheRestOfTheScript() throws Exception {
        Result r = script("""
                stun --decode -
                capture -r -
                000100002112a442b7e7a701bc34d686fa87dfae
                stun --decode 000100002112a442b7e7a701bc34d686fa87dfae
                """);
        assertThat(r.err()).contains("rtc stun: --decode -: standard input is the script 'rtc shell' is reading;"
                + " give the message as HEX or in a file (--decode @FILE)");
        assertThat(r.err()).contains("rtc capture: -r -: standard input is the script 'rtc shell' is reading;"
                + " read the capture from a file (-r FILE)");
        // the line after them is read as a command, and the last one runs
        assertThat(r.err()).contains("Unexpected argument");
        assertThat(r.out()).contains("Binding Request");
        assertThat(r.exit()).isEqualTo(2);
    }
}
