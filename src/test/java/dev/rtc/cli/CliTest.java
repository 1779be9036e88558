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

    @Test
    void subcommandsAreRegisteredUnderTheNamesTheirAnnotationsGive() {
        picocli.CommandLine all = Cli.create(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        all.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandSpec().name()).isEqualTo(name));
        assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(RtcCommand.SUBCOMMANDS.keySet());
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        assertThat(Cli.needed("--no-color", "stun", "--decode", "-")).containsExactly("stun");
        assertThat(Cli.needed("--version")).isEmpty();
        assertThat(Cli.needed("--help")).containsExactlyElementsOf(RtcCommand.SUBCOMMANDS.keySet());
        assertThat(Cli.needed("stn")).containsExactlyElementsOf(RtcCommand.SUBCOMMANDS.keySet());
        assertThat(Cli.needed("shell")).containsExactlyElementsOf(RtcCommand.SUBCOMMANDS.keySet());
        assertThat(Cli.needed()).containsExactlyElementsOf(RtcCommand.SUBCOMMANDS.keySet());
    }

    /**
     * Every duration option of every command goes through the one converter: a bare number is seconds, units
     * work, and the help says so. A duration taken as a String (parsed by hand in one command) would fail here.
     */
    @Test
    void everyDurationOptionTakesABareNumberAsSeconds() {
        picocli.CommandLine all = Cli.create(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (var sub : all.getSubcommands().values()) {
            for (var option : sub.getCommandSpec().options()) {
                boolean duration = option.type() == java.time.Duration.class;
                assertThat(option.paramLabel().equals("DURATION")).as(option.longestName()).isEqualTo(duration);
                if (!duration) {
                    continue;
                }
                String name = sub.getCommandName() + " " + option.longestName();
                seen.add(name);
                assertThat(String.join(" ", option.description())).as(name).contains("a bare number is seconds");
                for (String[] pair : new String[][] {{"2", "PT2S"}, {"1.5", "PT1.5S"}, {"250ms", "PT0.25S"},
                        {"2m", "PT2M"}}) {
                    picocli.CommandLine fresh = Cli.create(new java.io.PrintWriter(new java.io.StringWriter()),
                            new java.io.PrintWriter(new java.io.StringWriter()));
                    var parsed = fresh.parseArgs(sub.getCommandName(), option.longestName(), pair[0]).subcommand();
                    assertThat(parsed.matchedOption(option.longestName()).<java.time.Duration>getValue())
                            .as(name + " " + pair[0]).isEqualTo(java.time.Duration.parse(pair[1]));
                }
            }
        }
        assertThat(seen).contains("stun --timeout", "stun --rto", "nat-type --timeout", "nat-type --rto",
                "gather --timeout", "gather --rto", "gather --ttl", "capture --duration", "ice --timeout", "ice --pace");
    }

    @Test
    void aDurationThatDoesNotParseIsOneUsageLineNamingTheOption() {
        CliRun r = CliRun.run("stun", "--timeout", "2x", "127.0.0.1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("rtc stun: Invalid value for option '--timeout': '2x': unknown unit 'x'"
                + " (use us, ms, s, m, h or d; a bare number is seconds) (see 'rtc stun --help')");
    }
}
