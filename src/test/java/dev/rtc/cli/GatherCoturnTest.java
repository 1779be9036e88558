package dev.rtc.cli;

import static dev.rtc.cli.GatherVerdicts.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Coturn;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rtc gather} against real coturns started on 127.0.0.1: one with a long-term user (alice/wonderland,
 * realm rtc.test), one with a REST-API shared secret. Host candidates come from the loopback interface only.
 */
class GatherCoturnTest {
    private static final String SECRET = "north-wind-" + ProcessHandle.current().pid();
    private static Coturn longTerm;
    private static Coturn rest;
    private static int[] relayRange;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        relayRange = freeRange(40);
        longTerm = Coturn.start("--user", "alice:wonderland", "--realm", "rtc.test", "--lt-cred-mech",
                "--allow-loopback-peers", "--min-port", String.valueOf(relayRange[0]),
                "--max-port", String.valueOf(relayRange[1]));
        int[] restRange = freeRange(20);
        rest = Coturn.start("--use-auth-secret", "--static-auth-secret", SECRET, "--realm", "rtc.test",
                "--allow-loopback-peers", "--min-port", String.valueOf(restRange[0]),
                "--max-port", String.valueOf(restRange[1]));
        dir = Files.createTempDirectory("rtc-gather-test-" + ProcessHandle.current().pid() + "-");
    }

    @AfterAll
    static void stop() throws IOException {
        if (longTerm != null) {
            longTerm.close();
        }
        if (rest != null) {
            rest.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** A run of consecutive ports free for UDP and TCP, for coturn's relay range. */
    static int[] freeRange(int size) throws IOException {
        for (int tries = 0; tries < 200; tries++) {
            int low = 20000 + ThreadLocalRandom.current().nextInt(20000);
            boolean free = true;
            for (int p = low; p < low + size && free; p++) {
                free = FreePorts.isFree("127.0.0.1", p);
            }
            if (free) {
                return new int[] {low, low + size - 1};
            }
        }
        throw new IOException("no free range of " + size + " ports");
    }

    private static String udp(Coturn c) {
        return "turn:127.0.0.1:" + c.address().getPort();
    }

    private static String tcp(Coturn c) {
        return "turn:127.0.0.1:" + c.address().getPort() + "?transport=tcp";
    }

    private static String tls(Coturn c) {
        return "turns:127.0.0.1:" + c.tlsAddress().getPort();
    }

    private static String stun(Coturn c) {
        return "stun:127.0.0.1:" + c.address().getPort();
    }

    private static CliRun gather(String... args) {
        List<String> all = new ArrayList<>(List.of("gather", "--interface", "lo", "--family", "4"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun r) throws IOException {
        return Json.mapper().readTree(r.out());
    }

    private static List<JsonNode> candidates(JsonNode doc, String type, String url) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : doc.get("candidates")) {
            if (c.get("type").asText().equals(type) && (url == null || url.equals(c.get("url").asText()))) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void srflxAndRelayCandidatesForEveryTransport() throws IOException {
        CliRun r = gather("-s", stun(longTerm), "-s", udp(longTerm), "-s", tcp(longTerm), "-s", tls(longTerm),
                "--ca-file", longTerm.certificate().toString(), "-u", "alice", "--credential", "wonderland",
                "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        JsonNode host = candidates(doc, "host", null).get(0);
        assertThat(host.get("address").asText()).isEqualTo("127.0.0.1");

        // srflx from the STUN server and from the UDP TURN server, both from the host socket: no NAT on loopback
        for (String url : List.of(stun(longTerm), udp(longTerm))) {
            List<JsonNode> srflx = candidates(doc, "srflx", url);
            assertThat(srflx).as(url).hasSize(1);
            assertThat(srflx.get(0).get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(srflx.get(0).get("port").asInt()).isEqualTo(host.get("port").asInt());
            assertThat(srflx.get(0).get("priority").asLong()).isEqualTo(1686052607L);
            assertThat(server(doc, url).get("mapped").asText()).isEqualTo("127.0.0.1:" + host.get("port").asInt());
        }
        // relays over UDP, TCP and TLS, inside coturn's relay range, as the verdict reports them
        String[] hops = {"udp", "tcp", "tls"};
        String[] urls = {udp(longTerm), tcp(longTerm), tls(longTerm)};
        for (int i = 0; i < 3; i++) {
            List<JsonNode> relay = candidates(doc, "relay", urls[i]);
            assertThat(relay).as(urls[i]).hasSize(1);
            JsonNode c = relay.get(0);
            assertThat(c.get("relayProtocol").asText()).isEqualTo(hops[i]);
            assertThat(c.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(c.get("port").asInt()).isBetween(relayRange[0], relayRange[1]);
            JsonNode v = server(doc, urls[i]);
            assertThat(v.get("outcome").asText()).isEqualTo("ok");
            assertThat(v.get("relayed").asText()).isEqualTo("127.0.0.1:" + c.get("port").asInt());
            assertThat(v.get("realm").asText()).isEqualTo("rtc.test");
            assertThat(v.get("software").asText()).startsWith("Coturn");
            assertThat(v.get("lifetime").asLong()).isPositive();
            assertThat(v.get("latencyMs").get("firstResponse").isNumber()).isTrue();
            assertThat(v.get("latencyMs").get("authenticatedAllocate").isNumber()).isTrue();
            assertThat(c.get("sdp").asText()).contains(" typ relay raddr 127.0.0.1 rport ");
        }
        assertThat(server(doc, urls[1]).get("latencyMs").get("tcpConnect").isNumber()).isTrue();
        assertThat(server(doc, urls[2]).get("latencyMs").get("tlsHandshake").isNumber()).isTrue();
        assertThat(server(doc, urls[0]).get("latencyMs").get("tcpConnect").isNull()).isTrue();
        // UDP before TCP before TLS, the first URL highest
        long pu = candidates(doc, "relay", urls[0]).get(0).get("priority").asLong();
        long pt = candidates(doc, "relay", urls[1]).get(0).get("priority").asLong();
        long ps = candidates(doc, "relay", urls[2]).get(0).get("priority").asLong();
        assertThat(pu).isGreaterThan(pt);
        assertThat(pt).isGreaterThan(ps);
        assertThat(r.out()).doesNotContain("wonderland");
    }

    @Test
    void textTableAndVerdicts() {
        CliRun r = gather("-s", stun(longTerm), "-s", udp(longTerm), "-u", "alice", "--credential", "wonderland");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().findFirst().orElse("")).startsWith("Time    Component  Type   Foundation  Protocol");
        assertThat(r.out()).contains("srflx").contains("relay").contains("3 | 32543 | 255")
                .contains("  " + udp(longTerm) + "  OK").contains("realm \"rtc.test\"")
                .contains("first response ").contains(" (401)  authenticated Allocate ")
                .containsPattern("Done in \\d+\\.\\d{3} s; slowest server ");
    }

    @Test
    void wrongPasswordIsAuthenticationRejected() throws IOException {
        CliRun r = gather("-s", udp(longTerm), "-s", tcp(longTerm), "-u", "alice", "--credential", "not-it",
                "--debug", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = json(r);
        for (String url : List.of(udp(longTerm), tcp(longTerm))) {
            JsonNode v = server(doc, url);
            assertThat(v.get("outcome").asText()).isEqualTo("authRejected");
            assertThat(v.get("detail").asText()).contains("401").contains("alice");
        }
        assertThat(candidates(doc, "relay", null)).isEmpty();
        assertThat(r.out() + r.err()).doesNotContain("not-it");
        CliRun text = gather("-s", udp(longTerm), "-u", "alice", "--credential", "not-it");
        assertThat(text.out()).contains("authentication rejected: 401");
    }

    @Test
    void withoutCredentialsTheVerdictSaysTheyAreNeeded() throws IOException {
        CliRun r = gather("-s", udp(longTerm), "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(server(json(r), udp(longTerm)).get("outcome").asText()).isEqualTo("authMissing");
    }

    @Test
    void deadPortsAreUnreachableWithinTheTimeout() throws IOException {
        int dead = FreePorts.on("127.0.0.1");
        String deadStun = "stun:127.0.0.1:" + dead;
        String deadTcp = "turn:127.0.0.1:" + dead + "?transport=tcp";
        CliRun r = gather("-s", deadStun, "-s", deadTcp, "-s", stun(longTerm), "--timeout", "1s",
                "-u", "alice", "--credential", "wonderland", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = json(r);
        assertThat(server(doc, deadStun).get("outcome").asText()).isEqualTo("unreachable");
        assertThat(server(doc, deadStun).get("detail").asText()).contains("refused (ICMP port unreachable)");
        assertThat(server(doc, deadTcp).get("outcome").asText()).isEqualTo("unreachable");
        assertThat(server(doc, deadTcp).get("detail").asText()).contains("refused");
        assertThat(server(doc, stun(longTerm)).get("outcome").asText()).isEqualTo("ok");
        assertThat(doc.get("timedOut").asBoolean()).isFalse();
    }

    @Test
    void restCredentialsFromASecretFile() throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        CliRun r = gather("-s", udp(rest), "-s", tcp(rest), "--secret-file", secret.toString(), "--user", "ci",
                "--ttl", "10m", "--require", "relay-udp,relay-tcp", "--format", "json", "--debug");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        assertThat(server(doc, udp(rest)).get("outcome").asText()).isEqualTo("ok");
        assertThat(server(doc, tcp(rest)).get("outcome").asText()).isEqualTo("ok");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);

        CliRun wrong = gather("-s", udp(rest), "--secret", "not-the-secret", "--format", "json");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(server(json(wrong), udp(rest)).get("outcome").asText()).isEqualTo("authRejected");
    }

    @Test
    void requireRelayExitsThreeWhenRelaysAreMissing() {
        CliRun onlyStun = gather("-s", stun(longTerm), "--require", "srflx,relay");
        assertThat(onlyStun.exit()).as(onlyStun.toString()).isEqualTo(3);
        CliRun udpOnly = gather("-s", udp(longTerm), "-u", "alice", "--credential", "wonderland",
                "--require", "relay-tls");
        assertThat(udpOnly.exit()).isEqualTo(3);
        CliRun met = gather("-s", udp(longTerm), "-u", "alice", "--credential", "wonderland",
                "--require", "srflx,relay,relay-udp");
        assertThat(met.exit()).as(met.toString()).isZero();
    }

    @Test
    void checkRelayPassesPacketsThroughTheRelays() throws IOException {
        CliRun r = gather("-s", udp(longTerm), "-s", tcp(longTerm), "-u", "alice", "--credential", "wonderland",
                "--check-relay", "--packets", "5", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode checks = json(r).get("relayChecks");
        assertThat(checks).hasSize(2);
        for (JsonNode c : checks) {
            assertThat(c.get("passed").asBoolean()).as(c.toString()).isTrue();
            assertThat(c.get("sent").asInt()).isEqualTo(5);
            assertThat(c.get("received").asInt()).isPositive();
            assertThat(c.get("rttMaxMs").isNumber()).isTrue();
        }
    }

    @Test
    void tlsWithoutTrustIsATlsFailureAndInsecureAccepts() throws IOException {
        CliRun untrusted = gather("-s", tls(longTerm), "-u", "alice", "--credential", "wonderland",
                "--format", "json");
        assertThat(untrusted.exit()).isEqualTo(1);
        JsonNode v = server(json(untrusted), tls(longTerm));
        assertThat(v.get("outcome").asText()).isEqualTo("tlsFailure");
        assertThat(v.get("detail").asText()).contains("certificate");

        CliRun insecure = gather("-s", tls(longTerm), "-u", "alice", "--credential", "wonderland", "--insecure",
                "--require", "relay-tls");
        assertThat(insecure.exit()).as(insecure.toString()).isZero();
    }

    @Test
    void relayPolicyGivesRelayCandidatesOnly() throws IOException {
        CliRun r = gather("-s", stun(longTerm), "-s", udp(longTerm), "-u", "alice", "--credential", "wonderland",
                "--policy", "relay", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        for (JsonNode c : doc.get("candidates")) {
            assertThat(c.get("type").asText()).isEqualTo("relay");
        }
        assertThat(doc.get("candidates")).hasSize(1);
        assertThat(server(doc, stun(longTerm)).get("outcome").asText()).isEqualTo("skipped");
    }

    @Test
    void sdpAndNdjsonFormats() throws IOException {
        CliRun sdp = gather("-s", udp(longTerm), "-u", "alice", "--credential", "wonderland", "--format", "sdp",
                "--components", "2");
        assertThat(sdp.exit()).as(sdp.toString()).isZero();
        List<String> lines = sdp.out().lines().toList();
        assertThat(lines).allMatch(l -> l.startsWith("a=candidate:") || l.equals("a=end-of-candidates"));
        assertThat(lines).anyMatch(l -> l.matches("a=candidate:\\d+ 2 udp \\d+ 127\\.0\\.0\\.1 \\d+ typ relay raddr"
                + " 127\\.0\\.0\\.1 rport \\d+ generation 0"));
        assertThat(lines).anyMatch(l -> l.matches("a=candidate:\\d+ 1 udp 2122260223 127\\.0\\.0\\.1 \\d+ typ host"
                + " generation 0"));
        assertThat(lines).anyMatch(l -> l.matches("a=candidate:\\d+ 1 tcp 1518280447 127\\.0\\.0\\.1 9 typ host"
                + " tcptype active generation 0"));
        assertThat(lines).anyMatch(l -> l.matches("a=candidate:\\d+ 2 tcp 1518280446 127\\.0\\.0\\.1 9 typ host"
                + " tcptype active generation 0"));

        CliRun nd = gather("-s", stun(longTerm), "--format", "ndjson");
        List<String> events = nd.out().lines().toList();
        assertThat(Json.mapper().readTree(events.get(0)).get("event").asText()).isEqualTo("candidate");
        assertThat(Json.mapper().readTree(events.get(events.size() - 1)).get("event").asText()).isEqualTo("done");
        assertThat(events).anyMatch(e -> e.contains("\"event\":\"server\""));
    }

    @Test
    void hostNamesAreResolvedAndTheNameIsCheckedInTheCertificate() throws IOException {
        // localhost comes from /etc/hosts: no DNS query leaves the machine
        String stunByName = "stun:localhost:" + longTerm.address().getPort();
        String turnsByName = "turns:localhost:" + longTerm.tlsAddress().getPort();
        String stunsByName = "stuns:localhost:" + longTerm.tlsAddress().getPort();
        CliRun r = gather("-s", stunByName, "-s", turnsByName, "-s", stunsByName, "--ca-file",
                longTerm.certificate().toString(), "-u", "alice", "--credential", "wonderland", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        for (String url : List.of(stunByName, turnsByName, stunsByName)) {
            JsonNode v = server(doc, url);
            assertThat(v.get("outcome").asText()).as(url).isEqualTo("ok");
            assertThat(v.get("latencyMs").get("dns").isNumber()).as(url).isTrue();
        }
        assertThat(server(doc, stunsByName).get("latencyMs").get("tlsHandshake").isNumber()).isTrue();
        assertThat(candidates(doc, "relay", turnsByName)).hasSize(1);
        // a STUN answer over TLS gives no srflx candidate: browsers gather srflx over UDP only
        assertThat(candidates(doc, "srflx", stunsByName)).isEmpty();
    }

    @Test
    void theSameTurnServerListedTwiceGetsTwoAllocations() throws IOException {
        // the second Allocate from the shared socket meets 437 Allocation Mismatch; it is retried from a new socket
        String again = udp(longTerm) + "?transport=udp";
        CliRun r = gather("-s", udp(longTerm), "-s", again, "-u", "alice", "--credential", "wonderland",
                "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        assertThat(candidates(doc, "relay", udp(longTerm))).hasSize(1);
        assertThat(candidates(doc, "relay", again)).hasSize(1);
        assertThat(candidates(doc, "relay", udp(longTerm)).get(0).get("port").asInt())
                .isNotEqualTo(candidates(doc, "relay", again).get(0).get("port").asInt());
    }

    @Test
    void ipv6FailingWhereIpv4WorksIsWarnedAbout() throws IOException {
        // coturn listens on 127.0.0.1 only: the same port on ::1 does not answer
        String v6 = "stun:[::1]:" + longTerm.address().getPort();
        CliRun r = CliRun.run("gather", "--interface", "lo", "-s", stun(longTerm), "-s", v6, "--timeout", "1s",
                "--format", "json");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = json(r);
        assertThat(server(doc, v6).get("outcome").asText()).isEqualTo("unreachable");
        assertThat(doc.get("warnings").toString()).contains("IPv6 fails where IPv4 works: " + v6);
        assertThat(candidates(doc, "host", null)).anyMatch(c -> c.get("address").asText().equals("::1"));
    }
}
