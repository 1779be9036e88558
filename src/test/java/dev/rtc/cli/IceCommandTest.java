package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.rtc.net.Coturn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code rtc ice} processes on loopback, each one's standard output piped into the other's standard
 * input (through the test, which can change a line on the way), and bad descriptions on standard input.
 */
class IceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Process rtc(Path stderr, String... args) throws IOException {
        return IcePeers.rtc(stderr, List.of(args));
    }

    private static Thread pipe(InputStream from, OutputStream to, UnaryOperator<String> change) {
        return IcePeers.pipe(from, to, change);
    }

    private record Run(int exitA, int exitB, Path reportA, Path reportB, Path errA, Path errB) {
        JsonNode a() throws IOException {
            return JSON.readTree(reportA.toFile());
        }

        JsonNode b() throws IOException {
            return JSON.readTree(reportB.toFile());
        }
    }

    private Run pair(List<String> argsA, List<String> argsB, UnaryOperator<String> aToB) throws Exception {
        Path reportA = dir.resolve("a.json");
        Path reportB = dir.resolve("b.json");
        Path errA = dir.resolve("a.err");
        Path errB = dir.resolve("b.err");
        List<String> a = new ArrayList<>(argsA);
        a.addAll(List.of("--format", "json", "-o", reportA.toString()));
        List<String> b = new ArrayList<>(argsB);
        b.addAll(List.of("--format", "json", "-o", reportB.toString()));
        Process pa = rtc(errA, a.toArray(String[]::new));
        Process pb = rtc(errB, b.toArray(String[]::new));
        int[] exits = connect(pa, pb, aToB);
        return new Run(exits[0], exits[1], reportA, reportB, errA, errB);
    }

    /** Pipes each process's output into the other's input and waits for both; their exit codes. */
    private static int[] connect(Process pa, Process pb, UnaryOperator<String> aToB) throws InterruptedException {
        try {
            pipe(pa.getInputStream(), pb.getOutputStream(), aToB);
            pipe(pb.getInputStream(), pa.getOutputStream(), UnaryOperator.identity());
            assertThat(pa.waitFor(40, TimeUnit.SECONDS)).as("a ends").isTrue();
            assertThat(pb.waitFor(40, TimeUnit.SECONDS)).as("b ends").isTrue();
            return new int[] {pa.exitValue(), pb.exitValue()};
        } finally {
            pa.destroyForcibly();
            pb.destroyForcibly();
        }
    }

    /** rtc ice against aioice (Debian python3-aioice), an independent implementation, in the given roles. */
    private void interop(String rtcRole, String aioiceRole) throws Exception {
        String python = dev.rtc.testing.AioicePeer.PYTHON;
        Path script = dev.rtc.testing.AioicePeer.script(dir);
        Path report = dir.resolve("rtc.json");
        Path errRtc = dir.resolve("rtc.err");
        Path errPeer = dir.resolve("aioice.err");
        Process rtc = rtc(errRtc, "--role", rtcRole, "--format", "json", "-o", report.toString());
        Process peer = new ProcessBuilder(python, script.toString(), aioiceRole).redirectError(errPeer.toFile())
                .start();
        int[] exits = connect(rtc, peer, UnaryOperator.identity());
        String peerSays = Files.readString(errPeer);
        assertThat(exits[0]).as(Files.readString(errRtc)).isZero();
        assertThat(exits[1]).as(peerSays).isZero();
        JsonNode r = JSON.readTree(report.toFile());
        assertThat(r.path("connected").asBoolean()).isTrue();
        assertThat(r.path("role").asText()).isEqualTo(rtcRole);
        JsonNode selected = r.path("selectedPair");
        String local = selected.path("local").path("address").asText() + ":" + selected.path("local").path("port");
        String remote = selected.path("remote").path("address").asText() + ":"
                + selected.path("remote").path("port");
        // aioice says which pair it nominated or accepted: the same one, seen from its side
        assertThat(peerSays).contains("connected " + remote + " " + local);
    }

    @Test
    void interoperatesWithAioiceAsControlling() throws Exception {
        interop("controlling", "controlled");
    }

    @Test
    void interoperatesWithAioiceAsControlled() throws Exception {
        interop("controlled", "controlling");
    }

    private static void assertConnectedToEachOther(Run r) throws IOException {
        assertThat(r.exitA()).as(Files.readString(r.errA())).isZero();
        assertThat(r.exitB()).as(Files.readString(r.errB())).isZero();
        JsonNode a = r.a();
        JsonNode b = r.b();
        assertThat(a.path("schema").asText()).isEqualTo("rtc.ice/1");
        assertThat(a.path("connected").asBoolean()).isTrue();
        assertThat(b.path("connected").asBoolean()).isTrue();
        assertThat(a.path("exitCode").asInt()).isZero();
        JsonNode sa = a.path("selectedPair");
        JsonNode sb = b.path("selectedPair");
        assertThat(sa.path("local").path("type").asText()).isEqualTo("host");
        assertThat(sa.path("local").path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(sa.path("local").path("port").asInt()).isEqualTo(sb.path("remote").path("port").asInt());
        assertThat(sb.path("local").path("port").asInt()).isEqualTo(sa.path("remote").path("port").asInt());
        assertThat(sa.path("rttMs").isNumber()).isTrue();
        assertThat(sa.path("nominated").asBoolean()).isTrue();
        assertThat(a.path("localCandidates").get(0).path("port").asInt())
                .isEqualTo(b.path("remoteCandidates").get(0).path("port").asInt());
        assertThat(a.path("pairs")).isNotEmpty();
        assertThat(a.path("timings").path("nominatedMs").isNumber()).isTrue();
        assertThat(Files.readString(r.errA())).isEmpty();
    }

    @Test
    void twoAgentsStartedAlikeSettleTheirRolesAndConnect() throws Exception {
        Run r = pair(List.of(), List.of(), UnaryOperator.identity());
        assertConnectedToEachOther(r);
        // both started controlling: the tie-breakers made one of them controlled
        assertThat(List.of(r.a().path("role").asText(), r.b().path("role").asText()))
                .containsExactlyInAnyOrder("controlling", "controlled");
        assertThat(r.a().path("roleConflicts").asInt() + r.b().path("roleConflicts").asInt()).isPositive();
    }

    @Test
    void forcedRolesConnectWithoutAConflict() throws Exception {
        Run r = pair(List.of("--role", "controlling"), List.of("--role", "controlled", "--require", "direct"),
                UnaryOperator.identity());
        assertConnectedToEachOther(r);
        assertThat(r.a().path("role").asText()).isEqualTo("controlling");
        assertThat(r.b().path("role").asText()).isEqualTo("controlled");
        assertThat(r.a().path("roleConflicts").asInt()).isZero();
        assertThat(r.b().path("roleConflicts").asInt()).isZero();
    }

    @Test
    void requireRelayIsNotMetByADirectPath() throws Exception {
        Run r = pair(List.of("--role", "controlling", "--require", "relay"), List.of("--role", "controlled"),
                UnaryOperator.identity());
        assertThat(r.exitA()).isEqualTo(3);
        assertThat(r.a().path("connected").asBoolean()).isTrue();
        assertThat(r.a().path("exitCode").asInt()).isEqualTo(3);
        assertThat(r.exitB()).isZero();
    }

    @Test
    void aWrongIcePwdFailsTheChecksWithANamedCause() throws Exception {
        // b is given a password for a that is not a's: a rejects b's checks with 401, and since b is the one
        // that nominates, neither side connects
        Run r = pair(List.of("--role", "controlled", "--timeout", "3s"),
                List.of("--role", "controlling", "--timeout", "3s"),
                line -> line.startsWith("a=ice-pwd:") ? "a=ice-pwd:WrongWrongWrongWrongWrong" : line);
        assertThat(r.exitA()).isEqualTo(1);
        assertThat(r.exitB()).isEqualTo(1);
        JsonNode b = r.b();
        assertThat(b.path("connected").asBoolean()).isFalse();
        assertThat(b.path("pairs").get(0).path("failure").asText())
                .startsWith("the peer answered 401 Unauthenticated: it rejects our MESSAGE-INTEGRITY");
        assertThat(b.path("failure").asText()).isEqualTo("every candidate pair failed");
        assertThat(r.a().path("failure").asText()).isEqualTo("no pair nominated before the timeout");
    }

    private record Single(int exit, String stdout, String stderr) {
    }

    private Single alone(String stdin, String... args) throws Exception {
        Path err = dir.resolve("alone.err");
        Process p = rtc(err, args);
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Single(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void aGarbageDescriptionIsOneLineAndExit2() throws Exception {
        Single s = alone("a=ice-ufrag:abcd\na=ice-pwd:0123456789012345678901\na=candidate:1 1 udp x\n\n");
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.stderr()).isEqualTo("rtc ice: the peer's description: line 3: a candidate needs foundation,"
                + " component, transport, priority, address, port, 'typ' and a type; this one has 4 of those 8"
                + " fields\n");
        // its own description went out first, ending with the empty line
        assertThat(s.stdout()).startsWith("a=ice-ufrag:").contains("a=end-of-candidates\n\n")
                .contains(" typ host");
    }

    @Test
    void aTruncatedDescriptionIsOneLineAndExit2() throws Exception {
        Single empty = alone("");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.stderr()).isEqualTo("rtc ice: the peer's description: the peer's description ended before"
                + " it began (no lines)\n");
        Single cut = alone("a=ice-ufrag:abcd\na=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\n");
        assertThat(cut.exit()).isEqualTo(2);
        assertThat(cut.stderr()).isEqualTo("rtc ice: the peer's description: the description has no a=ice-pwd"
                + " line\n");
    }

    @Test
    void unknownLinesOfAWholeSdpAreIgnored() throws Exception {
        // a browser's SDP whose one candidate listens nowhere: parsed, checked, failed (exit 1), not refused
        Single s = alone("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\n"
                + "a=ice-ufrag:abcd\na=ice-pwd:0123456789012345678901\na=fingerprint:sha-256 AB:CD\n"
                + "a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host\n"
                + "a=candidate:2 1 udp 2122260223 0d1e7c2a-0000.local 5000 typ host\n\n",
                "--timeout", "2s", "--format", "json");
        assertThat(s.exit()).as(s.stderr()).isEqualTo(1);
        JsonNode report = JSON.readTree(s.stderr());
        assertThat(report.path("remoteCandidates")).hasSize(1);
        assertThat(report.path("unusedRemoteCandidates").get(0).asText()).contains(".local");
        assertThat(report.path("connected").asBoolean()).isFalse();
    }

    @Test
    void aStunServerGivesASrflxCandidateOnTheSameSocket() throws Exception {
        int port = dev.rtc.testing.FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        // the forwarder stands for a NAT: the STUN server sees the forwarder's socket, not a's
        try (dev.rtc.testing.ExternalProcess server = dev.rtc.testing.RtcStunServer.start(port);
             dev.rtc.testing.UdpForwarder nat = new dev.rtc.testing.UdpForwarder(
                     new java.net.InetSocketAddress("127.0.0.1", port), 0)) {
            Run r = pair(List.of("--role", "controlling", "-s", "stun:127.0.0.1:" + nat.address().getPort()),
                    List.of("--role", "controlled"), UnaryOperator.identity());
            assertConnectedToEachOther(r);
            JsonNode local = r.a().path("localCandidates");
            assertThat(local).hasSize(2);
            JsonNode host = local.get(0);
            JsonNode srflx = local.get(1);
            assertThat(srflx.path("type").asText()).isEqualTo("srflx");
            assertThat(srflx.path("port").asInt()).isNotEqualTo(host.path("port").asInt());
            assertThat(srflx.path("relatedPort").asInt()).isEqualTo(host.path("port").asInt());
            assertThat(r.b().path("remoteCandidates").get(1).path("type").asText()).isEqualTo("srflx");
            assertThat(r.a().path("warnings")).isEmpty();
        }
    }

    @Test
    void aSilentStunServerIsAWarningNotAFailure() throws Exception {
        try (dev.rtc.testing.SilentUdpServer silent = new dev.rtc.testing.SilentUdpServer()) {
            Run r = pair(List.of("-s", "stun:127.0.0.1:" + silent.port()), List.of(), UnaryOperator.identity());
            assertConnectedToEachOther(r);
            assertThat(r.a().path("warnings").get(0).asText())
                    .isEqualTo("stun:127.0.0.1:" + silent.port() + ": no answer in 2 s");
            assertThat(silent.received()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void ndjsonStreamsCandidatesAndPairStatesThenTheResult() throws Exception {
        Single s = alone("a=ice-ufrag:abcd\na=ice-pwd:0123456789012345678901\n"
                + "a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host\n\n", "--timeout", "2s", "--format", "ndjson");
        assertThat(s.exit()).isEqualTo(1);
        List<JsonNode> events = new ArrayList<>();
        for (String line : s.stderr().split("\n")) {
            events.add(JSON.readTree(line));
        }
        List<String> names = events.stream().map(e -> e.path("event").asText()).toList();
        assertThat(names.get(0)).isEqualTo("candidate");
        assertThat(events.get(0).path("side").asText()).isEqualTo("local");
        assertThat(events).anyMatch(e -> e.path("event").asText().equals("candidate")
                && e.path("side").asText().equals("remote") && e.path("port").asInt() == 9);
        assertThat(events).anyMatch(e -> e.path("event").asText().equals("pair")
                && e.path("state").asText().equals("in-progress"));
        assertThat(names.get(names.size() - 1)).isEqualTo("result");
        assertThat(events.get(events.size() - 1).path("schema").asText()).isEqualTo("rtc.ice/1");
    }

    // ---------------------------------------------------------------- relay candidates through the tests' coturn

    /** A's candidates come only from the relay; B has host candidates: the pair must go through coturn. */
    private void relayed(Coturn turn, String uri, String transport, String... extra) throws Exception {
        List<String> a = new ArrayList<>(List.of("--policy", "relay", "-s", uri, "-u", "alice", "--credential",
                "wonderland", "--require", "relay"));
        a.addAll(List.of(extra));
        Run r = pair(a, List.of(), UnaryOperator.identity());
        assertThat(r.exitA()).as(Files.readString(r.errA()) + r.a().toPrettyString()).isZero();
        assertThat(r.exitB()).as(Files.readString(r.errB()) + r.b().toPrettyString()).isZero();
        JsonNode local = r.a().path("selectedPair").path("local");
        assertThat(local.path("type").asText()).isEqualTo("relay");
        assertThat(local.path("relayProtocol").asText()).isEqualTo(transport);
        assertThat(local.path("relayServer").asText()).isEqualTo(uri);
        // the relayed address is coturn's (127.0.0.1, a port of its relay range), and B sees A there too
        assertThat(local.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(r.a().path("localCandidates")).allSatisfy(c -> assertThat(c.path("type").asText())
                .isEqualTo("relay"));
        JsonNode remoteAtB = r.b().path("selectedPair").path("remote");
        assertThat(remoteAtB.path("port").asInt()).isEqualTo(local.path("port").asInt());
        assertThat(r.b().path("selectedPair").path("local").path("type").asText()).isEqualTo("host");
        JsonNode allocation = r.a().path("allocations").path(0);
        assertThat(allocation.path("server").asText()).isEqualTo(uri);
        assertThat(allocation.path("relayedPort").asInt()).isEqualTo(local.path("port").asInt());
        assertThat(allocation.path("lifetimeSeconds").asLong()).isPositive();
    }

    @Test
    void aRelayOnlyAgentConnectsThroughTurnOverUdp() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 40)) {
            relayed(turn, "turn:127.0.0.1:" + turn.address().getPort(), "udp");
        }
    }

    @Test
    void aRelayOnlyAgentConnectsThroughTurnOverTcp() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 40)) {
            relayed(turn, "turn:127.0.0.1:" + turn.address().getPort() + "?transport=tcp", "tcp");
        }
    }

    @Test
    void aRelayOnlyAgentConnectsThroughTurnOverTls() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 40)) {
            relayed(turn, "turns:127.0.0.1:" + turn.tlsAddress().getPort(), "tls", "--ca-file",
                    turn.certificate().toString());
        }
    }

    @Test
    void directPathsWinOverTheRelayWhenBothAreThere() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 40)) {
            String uri = "turn:127.0.0.1:" + turn.address().getPort();
            Run r = pair(List.of("-s", uri, "-u", "alice", "--credential", "wonderland", "--require", "direct"),
                    List.of("-s", uri, "-u", "alice", "--credential", "wonderland"), UnaryOperator.identity());
            assertThat(r.exitA()).as(Files.readString(r.errA())).isZero();
            assertThat(r.a().path("localCandidates").findValuesAsText("type")).contains("host", "relay");
            assertThat(r.a().path("selectedPair").path("local").path("type").asText()).isEqualTo("host");
            // both relays were paired (relay <-> relay goes through coturn twice) and ranked below the hosts
            assertThat(r.a().path("pairs").findValuesAsText("state")).isNotEmpty();
        }
    }

    @Test
    void aWrongTurnPasswordIsAWarningNamingThe401AndRelayOnlyFails() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 10)) {
            String uri = "turn:127.0.0.1:" + turn.address().getPort();
            Single s = alone("a=ice-ufrag:abcd\na=ice-pwd:0123456789012345678901\n"
                            + "a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host\na=end-of-candidates\n\n",
                    "--policy", "relay", "-s", uri, "-u", "alice", "--credential", "rabbit", "--timeout", "2s");
            assertThat(s.exit()).as(s.stderr()).isEqualTo(1);
            assertThat(s.stdout()).doesNotContain(" typ relay");
            assertThat(s.stderr()).contains("Warning: " + uri + ": no relay candidate: ").contains("401");
            assertThat(s.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void turnWithoutCredentialsIsAUsageError() throws Exception {
        Single s = alone("", "-s", "turn:127.0.0.1:3478");
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.stderr()).startsWith("rtc ice: TURN servers need credentials: -u USER");
        assertThat(s.stdout()).isEmpty();
    }

    @Test
    void theMeasurementGoesThroughTheRelayToo() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 10)) {
            String uri = "turn:127.0.0.1:" + turn.address().getPort();
            Run r = pair(List.of("--policy", "relay", "-s", uri, "-u", "alice", "--credential", "wonderland",
                    "--measure", "2s"), List.of("--measure", "2s"), UnaryOperator.identity());
            assertThat(r.exitA()).as(Files.readString(r.errA()) + r.a().toPrettyString()).isZero();
            assertThat(r.a().path("selectedPair").path("local").path("type").asText()).isEqualTo("relay");
            JsonNode m = r.a().path("measure");
            assertThat(m.path("completed").asBoolean()).isTrue();
            // 2 s of the audio profile (50 packets/s) each way, on loopback through coturn: none lost
            assertThat(m.path("toPeer").path("sent").asInt()).isEqualTo(100);
            assertThat(m.path("toPeer").path("received").asInt()).isEqualTo(100);
            assertThat(m.path("fromPeer").path("received").asInt()).isEqualTo(100);
        }
    }
}
