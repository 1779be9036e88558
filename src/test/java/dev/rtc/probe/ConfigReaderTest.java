package dev.rtc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceServerUri;
import dev.rtc.turn.CredentialSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module config: what it accepts, and the exact one-line error (file, line, field) for what it refuses. */
class ConfigReaderTest {
    @TempDir
    Path dir;

    private ProbeConfig parse(String yaml) throws ConfigException {
        return new ConfigReader("probe.yml", dir, Map.of("TURN_PW", "wonderland")::get)
                .parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private String error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void readsEveryOption() throws Exception {
        Files.writeString(dir.resolve("pw"), "wonderland\nignored\n");
        Files.writeString(dir.resolve("secret"), "  north-wind  \n");
        ProbeConfig c = parse("""
                modules:
                  stun:
                    prober: stun
                  turn_tcp:
                    prober: turn
                    transport: tcp
                    timeout: 3s
                    rto: 200ms
                    family: 4
                    credentials:
                      username: alice
                      password_file: pw
                    require: [relay, relay-tcp]
                    check_relay: true
                    packets: 5
                    tls:
                      sni: turn.example.org
                      insecure: true
                  rest:
                    prober: turn
                    credentials:
                      secret_file: secret
                      user: probe
                      ttl: 10m
                  env:
                    prober: turn
                    credentials: {username: bob, password_env: TURN_PW}
                """);
        assertThat(c.modules()).containsOnlyKeys("stun", "turn_tcp", "rest", "env");
        ProbeModule stun = c.module("stun").orElseThrow();
        assertThat(stun.prober()).isEqualTo(ProbeModule.Prober.STUN);
        assertThat(stun.transport()).isEqualTo(IceServerUri.Transport.UDP);
        assertThat(stun.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stun.family()).isEqualTo(HostAddresses.Family.BOTH);
        assertThat(stun.credentials()).isNull();
        ProbeModule t = c.module("turn_tcp").orElseThrow();
        assertThat(t.transport()).isEqualTo(IceServerUri.Transport.TCP);
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.rto()).isEqualTo(Duration.ofMillis(200));
        assertThat(t.family()).isEqualTo(HostAddresses.Family.V4);
        assertThat(t.credentials().credentials(Instant.EPOCH).username()).isEqualTo("alice");
        assertThat(t.credentials().credentials(Instant.EPOCH).password()).isEqualTo("wonderland");
        assertThat(t.require()).containsExactly("relay", "relay-tcp");
        assertThat(t.checkRelay()).isTrue();
        assertThat(t.packets()).isEqualTo(5);
        assertThat(t.sni()).isEqualTo("turn.example.org");
        assertThat(t.insecure()).isTrue();
        CredentialSource rest = c.module("rest").orElseThrow().credentials();
        assertThat(rest.credentials(Instant.ofEpochSecond(1000)).username()).isEqualTo("1600:probe");
        assertThat(rest.toString()).doesNotContain("north-wind");
        assertThat(c.module("env").orElseThrow().credentials().credentials(Instant.EPOCH).password())
                .isEqualTo("wonderland");
        assertThat(t.credentials().toString()).doesNotContain("wonderland");
    }

    @Test
    void refusesWithLineAndField() throws IOException {
        assertThat(error("modules:\n  a:\n    prober: turn\n    transport: sctp\n"))
                .isEqualTo("probe.yml:4: modules.a.transport: expected udp, tcp or tls, not 'sctp'");
        assertThat(error("modules:\n  a:\n    prober: ice\n"))
                .isEqualTo("probe.yml:3: modules.a.prober: expected stun, turn or ice-loopback, not 'ice'");
        assertThat(error("modules:\n  a:\n    prober: stun\n    check_relay: true\n"))
                .isEqualTo("probe.yml:4: modules.a.check_relay: only the turn and ice-loopback probers take it");
        assertThat(error("modules:\n  a:\n    prober: stun\n    timout: 5s\n"))
                .startsWith("probe.yml:4: modules.a.timout: unknown key (expected one of check_relay, credentials,");
        assertThat(error("modules:\n  a:\n    transport: udp\n"))
                .isEqualTo("probe.yml:3: modules.a.prober: missing (stun, turn or ice-loopback)");
        assertThat(error("modules:\n  a:\n    prober: stun\n    timeout: soon\n"))
                .isEqualTo("probe.yml:4: modules.a.timeout: 'soon' is not a duration (examples: 2, 500ms, 1.5s, 2m)");
        assertThat(error("modules:\n  a:\n    prober: stun\n    credentials: {username: a, password_env: X}\n"))
                .isEqualTo("probe.yml:4: modules.a.credentials: only the turn and ice-loopback probers take it");
        assertThat(error("modules:\n  a:\n    prober: turn\n    credentials:\n      username: a\n"
                + "      password: hunter2\n"))
                .isEqualTo("probe.yml:6: modules.a.credentials.password: inline secrets are refused: use"
                        + " password_file, password_env or secret_file");
        assertThat(error("modules:\n  a:\n    prober: turn\n    credentials:\n      username: a\n"
                + "      password_file: nowhere\n"))
                .isEqualTo("probe.yml:6: modules.a.credentials.password_file: " + dir.resolve("nowhere")
                        + ": no such file");
        assertThat(error("modules:\n  a:\n    prober: turn\n    credentials:\n      username: a\n"
                + "      password_env: UNSET_VAR\n"))
                .isEqualTo("probe.yml:6: modules.a.credentials.password_env: the environment variable UNSET_VAR"
                        + " is not set");
        assertThat(error("modules:\n  a:\n    prober: turn\n    require: [srflx]\n"))
                .isEqualTo("probe.yml:4: modules.a.require: expected relay kinds (relay, relay-udp, relay-tcp,"
                        + " relay-tls), not 'srflx'");
        assertThat(error("modules:\n  a:\n    prober: turn\n    check_relay: yes please\n"))
                .isEqualTo("probe.yml:4: modules.a.check_relay: expected true or false, not 'yes please'");
        assertThat(error("modules:\n  a:\n    prober: stun\n  a:\n    prober: turn\n"))
                .isEqualTo("probe.yml:4: the key 'a' appears twice (first on line 2)");
        assertThat(error("modules:\n  'a b':\n    prober: stun\n"))
                .isEqualTo("probe.yml:2: modules.a b: a module name is 1 to 64 letters, digits, '_', '.' or '-'");
        assertThat(error("modules: {}\n")).isEqualTo("probe.yml:1: modules: no module defined");
        assertThat(error("")).isEqualTo("probe.yml:1: modules: missing: the config needs a 'modules' mapping of"
                + " named modules");
        assertThat(error("modules: [1, 2]\n")).isEqualTo("probe.yml:1: modules: expected a mapping (key: value lines)");
        assertThat(error("modules:\n  a:\n    prober: stun\n    transport: tcp\n"))
                .startsWith("probe.yml:4: modules.a.transport: the stun prober runs over udp or tls");
        assertThat(error("modules:\n  a:\n    prober: turn\n    tls: {insecure: true, ca_file: x}\n"))
                .isEqualTo("probe.yml:4: modules.a.tls.insecure: excludes ca_file");
        Files.writeString(dir.resolve("notcert.pem"), "hello\n");
        assertThat(error("modules:\n  a:\n    prober: turn\n    tls:\n      ca_file: notcert.pem\n"))
                .startsWith("probe.yml:5: modules.a.tls.ca_file: ");
        assertThat(error("modules:\n  a: [\n")).startsWith("probe.yml:").contains("not valid YAML");
        // a multi-line scalar quoted back stays on one line (a fuzzing finding)
        assertThat(error("modules:\n  t:\n    prober: turn\n\n     require:[ null]\n"))
                .isEqualTo("probe.yml:3: modules.t.prober: expected stun, turn or ice-loopback, not 'turn\\nrequire:[ null]'");
    }

    @Test
    void refusesDeepNestingAndHugeFiles() {
        assertThat(error("modules:\n  a:\n    prober: stun\n    tls: " + "[".repeat(40) + "]".repeat(40) + "\n"))
                .contains("nested more than");
        byte[] big = new byte[ConfigReader.MAX_BYTES + 1];
        assertThatThrownBy(() -> new ConfigReader("big.yml", dir, k -> null).parse(big))
                .hasMessage("big.yml: larger than 1048576 bytes; not a module config");
    }

    @Test
    void refusesFilesThatAreNotThere() {
        assertThatThrownBy(() -> ConfigReader.read(dir.resolve("missing.yml"), k -> null))
                .hasMessage(dir.resolve("missing.yml") + ": no such file");
    }

    @Test
    void theSampleConfigIsValid() throws Exception {
        ProbeConfig c = ConfigReader.read(Path.of("samples/prometheus/rtc-probe.yml"),
                Map.of("RTC_TURN_PASSWORD", "x")::get);
        assertThat(c.modules()).containsOnlyKeys("stun", "turn_udp", "turn_tcp", "turns", "ice_relay");
        assertThat(c.module("turn_udp").orElseThrow().checkRelay()).isTrue();
        assertThat(c.module("ice_relay").orElseThrow().prober()).isEqualTo(ProbeModule.Prober.ICE_LOOPBACK);
    }
}
