package dev.rtc.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.FreePorts;
import dev.rtc.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell driven through a real pseudo-terminal (tmux): typing, Tab, Ctrl-C, Ctrl-D, history.
 * Waits are bounded and only wait for text to appear; nothing here measures time.
 */
class ShellTerminalTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(15);

    @TempDir
    Path home;

    @BeforeEach
    void needsTmux() {
        Requires.commands("tmux");
    }

    private Tmux shell() throws Exception {
        Tmux t = new Tmux(RtcProcess.line(home, "shell"));
        String s = t.awaitPrompt(START);
        assertThat(Tmux.lastLine(s)).as(s).isEqualTo("rtc>");
        return t;
    }

    @Test
    void tabCompletesACommandAndEnterRunsIt() throws Exception {
        try (Tmux t = shell()) {
            t.typeAtPrompt("generate-compl");
            t.send("Tab");
            assertThat(t.await("rtc> generate-completion", STEP)).contains("rtc> generate-completion");
            t.send("Enter");
            assertThat(t.await("complete -F _complete_rtc", STEP)).contains("complete -F _complete_rtc");
            assertThat(Tmux.lastLine(t.awaitPrompt(STEP))).isEqualTo("rtc>");
        }
    }

    @Test
    void ctrlCAtThePromptKeepsTheShellAndCtrlDLeaves() throws Exception {
        try (Tmux t = shell()) {
            t.typeAtPrompt("--vers");
            t.send("C-c");
            t.awaitPrompt(STEP);
            t.typeAtPrompt("--version");
            t.send("Enter");
            assertThat(t.await("rtc 0.", STEP)).contains("rtc 0.");
            t.awaitPrompt(STEP);
            t.send("C-d");
            assertThat(t.awaitEnd(STEP)).as("the shell left on Ctrl-D").isTrue();
        }
    }

    @Test
    void historySurvivesARestart() throws Exception {
        try (Tmux t = shell()) {
            t.typeAtPrompt("help generate-completion");
            t.send("Enter");
            t.await("Usage: rtc generate-completion", STEP);
            t.awaitPrompt(STEP);
            t.typeAtPrompt("exit");
            t.send("Enter");
            assertThat(t.awaitEnd(STEP)).as("the shell left on exit").isTrue();
        }
        assertThat(Files.readString(home.resolve(".rtc_history"))).contains("help generate-completion");
        try (Tmux t = shell()) {
            t.send("Up");
            assertThat(t.await("rtc> exit", STEP)).contains("rtc> exit");
            t.send("Up");
            assertThat(t.await("rtc> help generate-completion", STEP)).contains("rtc> help generate-completion");
        }
    }

    @Test
    void tabInADisplayFilterListsTheStunAttributeFields() throws Exception {
        try (Tmux t = shell()) {
            t.typeAtPrompt("filter check 'stun.att.");
            t.send("Tab");
            String s = t.await("stun.att.crc32.status", STEP);
            assertThat(s).contains("stun.att.type", "stun.att.crc32.status", "stun.att.username");
        }
    }

    @Test
    void captureReadsAFileInsideTheShell() throws Exception {
        Path sample = RtcProcess.turnSample();
        assertThat(sample).exists();
        try (Tmux t = shell()) {
            t.typeAtPrompt("capture -r " + sample + " -c 4 stun");
            t.send("Enter");
            String s = t.awaitPrompt(STEP);
            assertThat(s).contains("Allocate");
            assertThat(Tmux.lastLine(s)).isEqualTo("rtc>");
        }
    }

    @Test
    void ctrlCStopsTheStunServerAndCtrlCAtThePromptStillWorks() throws Exception {
        int primary = FreePorts.on("127.0.0.1");
        int alternate = FreePorts.on("127.0.0.2");
        try (Tmux t = shell()) {
            t.typeAtPrompt("stun-server --primary 127.0.0.1:" + primary + " --alternate 127.0.0.2:" + alternate);
            t.send("Enter");
            assertThat(t.await("Ctrl-C stops", STEP)).contains("listening on");
            t.send("C-c");
            assertThat(t.await("rtc stun-server: stopped", STEP)).contains("rtc stun-server: stopped");
            assertThat(Tmux.lastLine(t.awaitPrompt(STEP))).isEqualTo("rtc>");
            // the command's own SIGINT handler is gone: Ctrl-C at the prompt clears the line, the shell stays
            t.typeAtPrompt("--vers");
            t.send("C-c");
            t.awaitPrompt(STEP);
            t.typeAtPrompt("--version");
            t.send("Enter");
            assertThat(t.await("rtc 0.", STEP)).contains("rtc 0.");
            assertThat(t.alive()).isTrue();
        }
    }

    @Test
    void ctrlCStopsALiveCaptureAndTheShellGoesOn() throws Exception {
        Requires.root();
        try (Tmux t = shell()) {
            t.typeAtPrompt("capture -i lo 'udp.port == 9'");
            t.send("Enter");
            // the capture runs until interrupted: give it a moment to open the device, then Ctrl-C
            Thread.sleep(1500);
            assertThat(Tmux.lastLine(t.screen())).isNotEqualTo("rtc>");
            t.send("C-c");
            assertThat(Tmux.lastLine(t.awaitPrompt(STEP))).isEqualTo("rtc>");
            t.typeAtPrompt("--version");
            t.send("Enter");
            assertThat(t.await("rtc 0.", STEP)).contains("rtc 0.");
        }
    }
}
