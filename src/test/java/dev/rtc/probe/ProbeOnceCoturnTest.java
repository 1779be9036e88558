package dev.rtc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.Coturn;
import dev.rtc.testing.CliRun;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtc probe --once} against a real coturn on 127.0.0.1 (long-term user alice/wonderland): the metrics for a
 * healthy STUN and TURN over UDP, TCP and TLS, and the cause for a wrong password, a dead port and a server that
 * never answers.
 */
class ProbeOnceCoturnTest {
    private static final String SECRET = "north-wind-" + ProcessHandle.current().pid();
    private static Coturn coturn;
    private static Coturn rest;
    @TempDir
    static Path dir;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.withUser("alice", "wonderland", 40);
        Files.writeString(dir.resolve("pw"), "wonderland\n");
        Files.writeString(dir.resolve("wrong"), "tea-party\n");
        Files.writeString(dir.resolve("secret"), SECRET + "\n");
        rest = Coturn.start("--use-auth-secret", "--static-auth-secret", SECRET, "--realm", "rtc.test");
        config = dir.resolve("probe.yml");
        Files.writeString(config, """
                modules:
                  stun:
                    prober: stun
                    timeout: 3s
                  turn_udp:
                    prober: turn
                    timeout: 3s
                    credentials: {username: alice, password_file: pw}
                    require: [relay]
                    check_relay: true
                  turn_tcp:
                    prober: turn
                    transport: tcp
                    credentials: {username: alice, password_file: pw}
                    require: [relay-tcp]
                  turn_tls:
                    prober: turn
                    transport: tls
                    credentials: {username: alice, password_file: pw}
                    tls: {ca_file: %s}
                  wrong_name:
                    prober: turn
                    transport: tls
                    credentials: {username: alice, password_file: pw}
                    tls: {ca_file: %s, sni: turn.example.org}
                  rest:
                    prober: turn
                    credentials: {secret_file: secret, user: probe, ttl: 10m}
                  wrong_password:
                    prober: turn
                    credentials: {username: alice, password_file: wrong}
                  short:
                    prober: stun
                    timeout: 1500ms
                  ice:
                    prober: ice-loopback
                    timeout: 8s
                    credentials: {username: alice, password_file: pw}
                  ice_tcp:
                    prober: ice-loopback
                    transport: tcp
                    timeout: 8s
                    credentials: {username: alice, password_file: pw}
                  ice_wrong_password:
                    prober: ice-loopback
                    credentials: {username: alice, password_file: wrong}
                """.formatted(coturn.certificate(), coturn.certificate()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (coturn != null) {
            coturn.close();
        }
        if (rest != null) {
            rest.close();
        }
    }

    private static CliRun once(String module, String target) {
        return CliRun.run("probe", "--once", "--config", config.toString(), "--module", module, "--target", target);
    }

    private static String plain() {
        return "127.0.0.1:" + coturn.address().getPort();
    }

    @Test
    void healthyStun() {
        CliRun r = once("stun", plain());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("rtc_probe_success 1.0").contains("rtc_stun_rtt_seconds ")
                .contains("rtc_probe_phase_duration_seconds{phase=\"first_response\"}")
                .contains("rtc_server_software_info{software=\"Coturn-").doesNotContain("rtc_probe_failure_info");
    }

    @Test
    void turnOverUdpWithRelayCheck() {
        CliRun r = once("turn_udp", plain());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("rtc_probe_success 1.0")
                .contains("rtc_probe_phase_duration_seconds{phase=\"allocate\"}")
                .contains("rtc_probe_phase_duration_seconds{phase=\"relay_check\"}")
                .contains("rtc_turn_relay_loss_ratio 0.0").contains("rtc_turn_relay_rtt_seconds ")
                .contains("rtc_turn_allocation_lifetime_seconds 600.0");
    }

    @Test
    void turnOverTcpAndTls() {
        CliRun tcp = once("turn_tcp", plain());
        assertThat(tcp.exit()).as(tcp.toString()).isZero();
        assertThat(tcp.out()).contains("rtc_probe_success 1.0")
                .contains("rtc_probe_phase_duration_seconds{phase=\"connect\"}");
        CliRun tls = once("turn_tls", "turns:localhost:" + coturn.tlsAddress().getPort());
        assertThat(tls.exit()).as(tls.toString()).isZero();
        assertThat(tls.out()).contains("rtc_probe_success 1.0")
                .contains("rtc_probe_phase_duration_seconds{phase=\"tls\"}")
                .containsPattern("rtc_tls_certificate_not_after_timestamp_seconds 1\\.[0-9]+E9");
    }

    @Test
    void certificateForAnotherNameIsATlsFailure() {
        CliRun r = once("wrong_name", "127.0.0.1:" + coturn.tlsAddress().getPort());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("rtc_probe_failure_info{cause=\"tls\"} 1").contains("rtc_probe_success 0.0")
                // the TCP connect succeeded before the handshake failed, and its time is reported
                .contains("rtc_probe_phase_duration_seconds{phase=\"connect\"}")
                .doesNotContain("rtc_probe_phase_duration_seconds{phase=\"tls\"}");
    }

    @Test
    void restCredentialsAreMintedFromTheSecretFile() {
        CliRun r = once("rest", "127.0.0.1:" + rest.address().getPort());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("rtc_probe_success 1.0").doesNotContain(SECRET);
    }

    @Test
    void wrongPasswordIsAuthRejected() {
        CliRun r = once("wrong_password", plain());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("rtc_probe_success 0.0")
                .contains("rtc_probe_failure_info{cause=\"auth_rejected\"} 1").doesNotContain("tea-party");
    }

    @Test
    void deadPortIsUnreachable() throws Exception {
        int dead;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            dead = s.getLocalPort();
        }
        CliRun udp = once("stun", "127.0.0.1:" + dead);
        assertThat(udp.out()).as(udp.toString()).contains("rtc_probe_failure_info{cause=\"unreachable\"} 1");
        CliRun tcp = once("turn_tcp", "127.0.0.1:" + dead);
        assertThat(tcp.out()).as(tcp.toString()).contains("rtc_probe_failure_info{cause=\"unreachable\"} 1");
    }

    @Test
    void silentServerTimesOutWithinTheModuleTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();
            CliRun r = once("short", "127.0.0.1:" + silent.getLocalPort());
            double took = (System.nanoTime() - start) / 1e9;
            assertThat(r.out()).as(r.toString()).contains("rtc_probe_failure_info{cause=\"timeout\"} 1")
                    .contains("rtc_probe_success 0.0");
            assertThat(took).isLessThan(1.5 + 1.0);
        }
    }

    @Test
    void badTargetAndUnknownModuleAreUsageErrors() {
        CliRun unknown = once("nope", plain());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown module 'nope' (have: stun, turn_udp,");
        CliRun bad = once("stun", "turn:127.0.0.1");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("rtc probe: --target: target 'turn:127.0.0.1' is a TURN URI, but"
                + " module stun runs the stun prober (see 'rtc probe --help')");
    }

    @Test
    void iceLoopbackConnectsTwoAgentsThroughTheRelay() {
        for (String module : List.of("ice", "ice_tcp")) {
            CliRun r = once(module, plain());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(module).contains("rtc_probe_success 1.0")
                    .contains("rtc_probe_phase_duration_seconds{phase=\"allocate\"}")
                    .contains("rtc_probe_phase_duration_seconds{phase=\"ice\"}")
                    .contains("rtc_turn_relay_rtt_seconds ").doesNotContain("rtc_probe_failure_info");
        }
    }

    @Test
    void iceLoopbackWithAWrongPasswordFailsAtTheAllocation() {
        CliRun r = once("ice_wrong_password", plain());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("rtc_probe_success 0.0")
                .contains("rtc_probe_failure_info{cause=\"auth_rejected\"} 1\n")
                .doesNotContain("phase=\"ice\"");
    }

    @Test
    void iceLoopbackFailsWithCauseIceWhenTheServerDoesNotRelayBetweenAllocations() throws Exception {
        // without --allow-loopback-peers coturn allocates but refuses peers on its loopback relay addresses
        try (Coturn strict = Coturn.start("--user", "alice:wonderland", "--realm", "rtc.test", "--lt-cred-mech")) {
            CliRun r = once("ice", "127.0.0.1:" + strict.address().getPort());
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("rtc_probe_success 0.0")
                    .contains("rtc_probe_failure_info{cause=\"ice\"} 1\n")
                    .contains("rtc_probe_phase_duration_seconds{phase=\"allocate\"}");
        }
    }
}
