package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtc.Exit;
import dev.rtc.ice.GatherReport;
import dev.rtc.testing.CliRun;
import dev.rtc.turn.TurnCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Usage errors, credential sources and exit codes of {@code rtc gather}; nothing here touches the network. */
class GatherCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-s turn://example.org                         | has '//' after the scheme",
            "-s turn:example.org?transport=sctp            | unknown transport 'sctp'",
            "-s stun:example.org:99999                     | outside 1..65535",
            "--require relay-dtls                          | unknown kind 'relay-dtls'",
            "--components 3                                | --components must be 1 or 2",
            "--timeout 5x                                  | '--timeout': '5x': unknown unit 'x'",
            "--ttl 5x --secret s                           | --ttl",
            "-u alice                                      | -u alice needs a password",
            "--credential pw                               | needs a username: add -u USER",
            "--user ci                                     | it needs --secret or --secret-file",
            "--secret s -u alice --credential pw           | exclude -u",
            "--family 5                                    | --family must be 4, 6 or both",
            "--interface no-such-if0                       | no such interface",
            "--insecure --ca-file /etc/hostname            | exclude each other",
            "--credential-file /nonexistent/pw -u alice    | --credential-file /nonexistent/pw: cannot read",
            "--policy none                                 | Invalid value for option '--policy'",
    })
    void usageErrorsExitTwoAndSayWhatIsWrong(String args, String why) {
        String[] argv = ("gather " + args.strip()).split(" +");
        CliRun r = CliRun.run(argv);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(why);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void secretsNeverAppearInErrorsEvenWithDebug() {
        CliRun r = CliRun.run("--debug", "gather", "--secret", "s3cr3t-value", "-u", "alice");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out() + r.err()).doesNotContain("s3cr3t-value");
        CliRun p = CliRun.run("--debug", "gather", "--credential", "pa55-value");
        assertThat(p.out() + p.err()).doesNotContain("pa55-value");
    }

    private static GatherCommand parsed(String... args) {
        GatherCommand cmd = new GatherCommand();
        new CommandLine(cmd).registerConverter(java.time.Duration.class, new DurationConverter()).parseArgs(args);
        return cmd;
    }

    @Test
    void credentialSources() throws Exception {
        assertThat(parsed("-u", "alice", "--credential", "wonderland").credentials(Map.of()))
                .isEqualTo(new TurnCredentials("alice", "wonderland"));
        assertThat(parsed("-u", "alice").credentials(Map.of("RTC_TURN_CREDENTIAL", "from-env")))
                .isEqualTo(new TurnCredentials("alice", "from-env"));
        Path f = Files.createTempFile("rtc-gather-pw-", ".txt");
        try {
            Files.writeString(f, "from-file\nsecond line ignored\n");
            assertThat(parsed("-u", "alice", "--credential-file", f.toString())
                    .credentials(Map.of("RTC_TURN_CREDENTIAL", "from-env")))
                    .isEqualTo(new TurnCredentials("alice", "from-file"));
            TurnCredentials minted = parsed("--secret-file", f.toString(), "--user", "ci", "--ttl", "1d")
                    .credentials(Map.of());
            assertThat(minted.username()).matches("\\d+:ci");
            long expiry = Long.parseLong(minted.username().split(":")[0]);
            assertThat(expiry - System.currentTimeMillis() / 1000).isBetween(86_000L, 86_401L);
            assertThat(minted.password()).isEqualTo(dev.rtc.turn.RestCredentials.password("from-file",
                    minted.username()));
        } finally {
            Files.deleteIfExists(f);
        }
        assertThat(parsed().credentials(Map.of("RTC_TURN_CREDENTIAL", "unused"))).isNull();
        assertThatThrownBy(() -> parsed("--secret", "a", "--secret-file", "b").credentials(Map.of()))
                .isInstanceOf(ParameterException.class);
    }

    @Test
    void exitCodes() throws Exception {
        GatherReport report = GatherOutputGoldenTest.report();
        // the fixed report has a failed TLS server and an unreachable STUN server
        assertThat(GatherCommand.exitCode(report, List.of())).isEqualTo(Exit.FAILURE);
        assertThat(GatherCommand.exitCode(report, List.of("relay-tls"))).isEqualTo(Exit.CHECK_FAILED);
        assertThat(report.kinds())
                .containsExactlyInAnyOrder("host", "srflx", "relay", "relay-udp", "relay-tcp");
        GatherReport good = new GatherReport(report.candidates(), report.servers().subList(0, 3),
                report.relayChecks(), List.of(), 1000, false);
        assertThat(GatherCommand.exitCode(good, List.of("srflx", "relay-udp"))).isEqualTo(Exit.OK);
        GatherReport lost = new GatherReport(report.candidates(), report.servers().subList(0, 3),
                List.of(new dev.rtc.ice.RelayCheck("turn:x", 10, 0, 0, 0, 0, null)), List.of(), 1000, false);
        assertThat(GatherCommand.exitCode(lost, List.of())).isEqualTo(Exit.CHECK_FAILED);
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        CliRun r = CliRun.run("gather", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Examples:").contains("--secret-file s --require relay").contains("Exit codes:");
    }
}
