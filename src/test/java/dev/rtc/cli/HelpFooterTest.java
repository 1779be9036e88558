package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's Examples and Exit codes fit the help width, and no continuation starts at column 0. */
class HelpFooterTest {
    @Test
    void everyFooterLineWrapsUnderItsOwnText() {
        picocli.CommandLine all = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<picocli.CommandLine> commands = new java.util.ArrayList<>(all.getSubcommands().values());
        commands.add(all);
        int wrappedSomewhere = 0;
        for (picocli.CommandLine c : commands) {
            int width = c.getCommandSpec().usageMessage().width();
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                List<String> out = HelpFooter.wrap(line, width);
                wrappedSomewhere += out.size() - 1;
                for (int i = 0; i < out.size(); i++) {
                    String l = out.get(i);
                    String name = c.getCommandName() + ": " + line;
                    assertThat(l.length() <= width || !l.strip().contains(" ")).as(name).isTrue();
                    if (i > 0) {
                        assertThat(l).as(name).startsWith("  ").doesNotStartWith(" ".repeat(l.length()));
                    }
                }
                // the words are all there, in order; a command's breaks are shell line continuations
                List<String> pieces = new java.util.ArrayList<>();
                for (int i = 0; i < out.size(); i++) {
                    String p = out.get(i);
                    pieces.add((i < out.size() - 1 && p.endsWith(" \\") ? p.substring(0, p.length() - 2) : p).strip());
                }
                String joined = String.join(" ", pieces).replaceAll(" +", " ");
                assertThat(joined).as(c.getCommandName()).isEqualTo(line.strip().replaceAll(" +", " "));
            }
        }
        assertThat(wrappedSomewhere).as("some footer needed wrapping").isPositive();
    }

    @Test
    void anExitCodeContinuesUnderItsTextAndACommandWithABackslash() {
        assertThat(HelpFooter.wrap("  1  failure: the server name does not resolve, no route, socket error, the"
                + " server's port refuses", 60)).containsExactly(
                "  1  failure: the server name does not resolve, no route,",
                "     socket error, the server's port refuses");
        assertThat(HelpFooter.wrap("  rtc nat-type --server stun.example.org --format json --expect full-cone,x",
                60)).containsExactly(
                "  rtc nat-type --server stun.example.org --format json \\",
                "      --expect full-cone,x");
        CliRun r = CliRun.run("nat-type", "--help");
        assertThat(r.out()).contains("\n     server's port refuses (ICMP port unreachable)");
    }
}
