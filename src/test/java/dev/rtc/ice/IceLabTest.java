package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.ice.IceLab.Side;
import dev.rtc.output.Json;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.Requires;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rtc ice across two real NATs (the two-NAT lab: nftables NAT types on two routers, rtc stun-server and coturn on
 * the lab's internet): the NAT-traversal table holds pair by pair, each pair's selected path is the one the table
 * says, {@code --require direct} fails (exit 3) where only the relay connects, nat-type's directPeers advice agrees
 * with what rtc ice measured, and aioice (an independent agent) connects with rtc in both roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IceLabTest {
    private static final String TURN_USER = "lab";
    private static final String TURN_PASSWORD = "lab-turn-password";
    private static final String STUN = "stun:" + IceLab.STUN_PRIMARY + ":3478";

    /** The NAT types the table covers, as natlab.sh builds them. */
    enum Nat {
        FULL_CONE("full-cone", true),
        RESTRICTED_CONE("restricted-cone", true),
        PORT_RESTRICTED_CONE("port-restricted-cone", false),
        SYMMETRIC("symmetric", false),
        UDP_BLOCKED("udp-blocked", false);

        final String lab;
        private final boolean oneToOne;

        Nat(String lab, boolean oneToOne) {
            this.lab = lab;
            this.oneToOne = oneToOne;
        }

        /** The address a host behind this NAT on that side appears from. */
        String publicAddress(Side side) {
            return oneToOne ? side.oneToOne : side.wan;
        }
    }

    /** How the table says a pair connects. */
    enum Via {
        DIRECT, RELAY, RELAY_OVER_TCP
    }

    static Stream<Arguments> table() {
        return Stream.of(
                arguments(Nat.FULL_CONE, Nat.FULL_CONE, Via.DIRECT),
                arguments(Nat.FULL_CONE, Nat.RESTRICTED_CONE, Via.DIRECT),
                arguments(Nat.FULL_CONE, Nat.PORT_RESTRICTED_CONE, Via.DIRECT),
                arguments(Nat.RESTRICTED_CONE, Nat.RESTRICTED_CONE, Via.DIRECT),
                arguments(Nat.RESTRICTED_CONE, Nat.PORT_RESTRICTED_CONE, Via.DIRECT),
                arguments(Nat.PORT_RESTRICTED_CONE, Nat.PORT_RESTRICTED_CONE, Via.DIRECT),
                arguments(Nat.SYMMETRIC, Nat.FULL_CONE, Via.DIRECT),
                arguments(Nat.SYMMETRIC, Nat.RESTRICTED_CONE, Via.DIRECT),
                arguments(Nat.RESTRICTED_CONE, Nat.SYMMETRIC, Via.DIRECT),
                arguments(Nat.SYMMETRIC, Nat.PORT_RESTRICTED_CONE, Via.RELAY),
                arguments(Nat.PORT_RESTRICTED_CONE, Nat.SYMMETRIC, Via.RELAY),
                arguments(Nat.SYMMETRIC, Nat.SYMMETRIC, Via.RELAY),
                arguments(Nat.UDP_BLOCKED, Nat.PORT_RESTRICTED_CONE, Via.RELAY_OVER_TCP));
    }

    private IceLab lab;
    private ExternalProcess stunServer;
    private ExternalProcess coturn;
    private Path coturnDir;
    /** nat-type's verdict on each NAT type, measured in the lab once. */
    private final Map<Nat, JsonNode> verdicts = new EnumMap<>(Nat.class);

    @TempDir
    Path dir;

    @BeforeAll
    void buildLab() throws Exception {
        Requires.root();
        Requires.commands("ip", "nft", "conntrack", "turnserver");
        start();
    }

    /** Rebuilds the lab when its namespaces went away under the test, so one outside event fails one case only. */
    @BeforeEach
    void labStillThere() throws Exception {
        if (!lab.healthy()) {
            tearDown();
            start();
        }
    }

    private void start() throws Exception {
        lab = IceLab.up();
        stunServer = lab.startInInternet(IceLab.rtc("stun-server", "--primary", IceLab.STUN_PRIMARY + ":3478",
                "--alternate", IceLab.STUN_ALTERNATE + ":3479", "--rate-limit", "0"));
        coturnDir = Files.createTempDirectory("rtc-icelab-coturn");
        coturn = lab.startInInternet(List.of(Requires.which("turnserver"), "-n", "--listening-ip", IceLab.TURN,
                "--relay-ip", IceLab.TURN, "--listening-port", "3478", "--no-tls", "--no-dtls", "--no-cli",
                "--log-file", "stdout", "--simple-log", "--lt-cred-mech", "--realm", "rtc.test",
                "--user", TURN_USER + ":" + TURN_PASSWORD, "--min-port", "49152", "--max-port", "49407",
                "--pidfile", coturnDir.resolve("turnserver.pid").toString(),
                "--userdb", coturnDir.resolve("turndb").toString()));
        assertThat(stunServer.awaitLog("listening", Duration.ofSeconds(20))).as(stunServer.log()).isTrue();
        assertThat(coturn.awaitLog("Total General servers", Duration.ofSeconds(20))).as(coturn.log()).isTrue();
    }

    @AfterAll
    void tearDown() throws Exception {
        for (ExternalProcess p : new ExternalProcess[] {stunServer, coturn}) {
            if (p != null) {
                p.close();
            }
        }
        if (coturnDir != null) {
            try (var files = Files.list(coturnDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(coturnDir);
        }
        if (lab != null) {
            lab.close();
        }
        stunServer = null;
        coturn = null;
        coturnDir = null;
        lab = null;
    }

    /** The servers an agent behind this NAT is given: STUN, and TURN (over TCP when UDP is blocked) for relays. */
    private static List<String> servers(Nat nat, boolean withTurn) {
        List<String> args = new ArrayList<>(List.of("-s", STUN));
        if (withTurn) {
            String transport = nat == Nat.UDP_BLOCKED ? "tcp" : "udp";
            args.addAll(List.of("-s", "turn:" + IceLab.TURN + ":3478?transport=" + transport, "-u", TURN_USER,
                    "--credential", TURN_PASSWORD));
        }
        return args;
    }

    private static List<String> ice(List<String> servers, Duration timeout, String... more) {
        List<String> args = new ArrayList<>(List.of("ice", "--interface", "cr", "--family", "4", "--timeout",
                timeout.toMillis() + "ms"));
        args.addAll(servers);
        args.addAll(List.of(more));
        return IceLab.rtc(args.toArray(String[]::new));
    }

    private record Ends(int exitA, int exitB, String errA, String errB) {
    }

    /** Starts one program on each side, pipes each one's output into the other's input, waits for both. */
    private Ends connect(List<String> onA, List<String> onB) throws Exception {
        Path errA = dir.resolve("a.err");
        Path errB = dir.resolve("b.err");
        Process pa = lab.startOn(Side.A, onA, errA);
        Process pb = lab.startOn(Side.B, onB, errB);
        try {
            pipe(pa.getInputStream(), pb.getOutputStream());
            pipe(pb.getInputStream(), pa.getOutputStream());
            assertThat(pa.waitFor(40, TimeUnit.SECONDS)).as("a ends").isTrue();
            assertThat(pb.waitFor(40, TimeUnit.SECONDS)).as("b ends").isTrue();
            return new Ends(pa.exitValue(), pb.exitValue(), Files.readString(errA), Files.readString(errB));
        } finally {
            for (Process p : List.of(pa, pb)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8));
                 OutputStream out = to) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // the peer exited: nothing more to carry
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** An agent's JSON report; a failure that quotes the agents when it never wrote one. */
    private static JsonNode report(Path file, String why) throws IOException {
        assertThat(file).as("the report, " + why).exists();
        return Json.mapper().readTree(file.toFile());
    }

    private static boolean relayed(JsonNode selected) {
        return selected.path("local").path("type").asText().equals("relay")
                || selected.path("remote").path("type").asText().equals("relay");
    }

    /** nat-type's verdict on a NAT type, measured from side A of the lab (cached: a type classifies one way). */
    private JsonNode verdict(Nat nat) throws Exception {
        JsonNode known = verdicts.get(nat);
        if (known != null) {
            return known;
        }
        lab.become(Side.A, nat.lab);
        IceLab.Run r = lab.runOn(Side.A, Duration.ofSeconds(30), IceLab.rtc("nat-type", "--server",
                IceLab.STUN_PRIMARY + ":3478", "--format", "json"));
        String out = r.out();
        int brace = out.indexOf('{');
        assertThat(brace).as(out).isGreaterThanOrEqualTo(0);
        JsonNode doc = Json.mapper().readTree(out.substring(brace, out.lastIndexOf('}') + 1));
        assertThat(r.exit()).as(out).isZero();
        assertThat(doc.path("type").asText()).as(out).isEqualTo(nat.lab);
        verdicts.put(nat, doc);
        return doc;
    }

    private static Set<String> directPeers(JsonNode verdict) {
        Set<String> peers = new HashSet<>();
        verdict.path("directPeers").forEach(p -> peers.add(p.asText()));
        return peers;
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("table")
    void theTraversalTableHoldsAndNatTypeAdvisesWhatIceMeasures(Nat a, Nat b, Via via) throws Exception {
        JsonNode verdictA = verdict(a);
        JsonNode verdictB = verdict(b);
        lab.become(Side.A, a.lab);
        lab.become(Side.B, b.lab);
        boolean relayRow = via != Via.DIRECT;
        Duration timeout = Duration.ofSeconds(relayRow ? 8 : 5);
        Path reportA = dir.resolve("a.json");
        Path reportB = dir.resolve("b.json");
        // both are offered the relay on every row, as real clients are, and a demands a direct path: met where
        // the table says direct (the relay is there but not needed), exit 3 where it says relay
        Ends ends = connect(
                ice(servers(a, true), timeout, "--role", "controlling", "--require", "direct",
                        "--format", "json", "-o", reportA.toString()),
                ice(servers(b, true), timeout, "--role", "controlled", "--format", "json",
                        "-o", reportB.toString()));
        String why = "a: " + ends.errA() + "\nb: " + ends.errB();
        JsonNode docA = report(reportA, why);
        JsonNode docB = report(reportB, why);
        why += "\na's report: " + docA + "\nb's report: " + docB;
        assertThat(docA.path("connected").asBoolean()).as(why).isTrue();
        assertThat(docB.path("connected").asBoolean()).as(why).isTrue();
        assertThat(ends.exitB()).as(why).isZero();
        JsonNode selectedA = docA.path("selectedPair");
        JsonNode selectedB = docB.path("selectedPair");
        if (via == Via.DIRECT) {
            assertThat(ends.exitA()).as(why).isZero();
            assertThat(relayed(selectedA)).as(why).isFalse();
            assertThat(relayed(selectedB)).as(why).isFalse();
            // each sees the other at its NAT's public address: both NATs were traversed
            assertThat(selectedA.path("remote").path("address").asText()).as(why)
                    .isEqualTo(b.publicAddress(Side.B));
            assertThat(selectedB.path("remote").path("address").asText()).as(why)
                    .isEqualTo(a.publicAddress(Side.A));
        } else {
            assertThat(ends.exitA()).as(why).isEqualTo(3);
            assertThat(docA.path("exitCode").asInt()).as(why).isEqualTo(3);
            assertThat(relayed(selectedA)).as(why).isTrue();
            assertThat(relayed(selectedB)).as(why).isTrue();
            assertThat(List.of(selectedA.path("local").path("address").asText(),
                    selectedA.path("remote").path("address").asText())).as(why).contains(IceLab.TURN);
            if (via == Via.RELAY_OVER_TCP) {
                assertThat(selectedA.path("local").path("type").asText()).as(why).isEqualTo("relay");
                assertThat(selectedA.path("local").path("relayProtocol").asText()).as(why).isEqualTo("tcp");
            }
        }
        // what nat-type tells each side beforehand is what rtc ice found
        assertThat(directPeers(verdictA).contains(verdictB.path("type").asText()))
                .as("nat-type's directPeers for %s includes %s", a, b).isEqualTo(via == Via.DIRECT);
        assertThat(directPeers(verdictB).contains(verdictA.path("type").asText()))
                .as("nat-type's directPeers for %s includes %s", b, a).isEqualTo(via == Via.DIRECT);
    }

    /**
     * The lab's own footing for the relay rows, with rtc gather (which takes TURN servers already): behind each NAT
     * of the table coturn allocates a relay over UDP, and with UDP blocked over TCP only.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Nat.class)
    void theLabsTurnServerAllocatesBehindEveryNat(Nat nat) throws Exception {
        lab.become(Side.A, nat.lab);
        String kind = nat == Nat.UDP_BLOCKED ? "tcp" : "udp";
        IceLab.Run r = lab.runOn(Side.A, Duration.ofSeconds(30), IceLab.rtc("gather", "--interface", "cr",
                "--family", "4", "-s", "turn:" + IceLab.TURN + ":3478?transport=" + kind, "-u", TURN_USER,
                "--credential", TURN_PASSWORD, "--require", "relay-" + kind, "--timeout", "3s"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains(IceLab.TURN);
        if (nat == Nat.UDP_BLOCKED) {
            IceLab.Run udp = lab.runOn(Side.A, Duration.ofSeconds(30), IceLab.rtc("gather", "--interface", "cr",
                    "--family", "4", "-s", "turn:" + IceLab.TURN + ":3478?transport=udp", "-u", TURN_USER,
                    "--credential", TURN_PASSWORD, "--require", "relay", "--timeout", "2s"));
            assertThat(udp.exit()).as(udp.out()).isEqualTo(3);
        }
    }

    static Stream<Arguments> relayRows() {
        return table().filter(row -> row.get()[2] != Via.DIRECT);
    }

    /** Where the table says relay, it means only the relay: with STUN alone those pairs do not connect. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("relayRows")
    void withoutARelayTheRelayRowsDoNotConnect(Nat a, Nat b) throws Exception {
        lab.become(Side.A, a.lab);
        lab.become(Side.B, b.lab);
        Path reportA = dir.resolve("a.json");
        Path reportB = dir.resolve("b.json");
        Duration timeout = Duration.ofSeconds(4);
        Ends ends = connect(
                ice(servers(a, false), timeout, "--role", "controlling", "--format", "json", "-o", reportA.toString()),
                ice(servers(b, false), timeout, "--role", "controlled", "--format", "json", "-o", reportB.toString()));
        String why = "a: " + ends.errA() + "\nb: " + ends.errB();
        JsonNode docA = report(reportA, why);
        JsonNode docB = report(reportB, why);
        why += "\na's report: " + docA + "\nb's report: " + docB;
        assertThat(ends.exitA()).as(why).isEqualTo(1);
        assertThat(ends.exitB()).as(why).isEqualTo(1);
        assertThat(docA.path("connected").asBoolean()).as(why).isFalse();
        assertThat(docB.path("connected").asBoolean()).as(why).isFalse();
        if (a != Nat.UDP_BLOCKED) {
            // checks went to the peer's server-reflexive address, and nothing came back from there
            assertThat(docA.path("pairs")).as(why).anyMatch(pair -> pair.path("remote").path("type").asText()
                    .equals("srflx") && pair.path("requestsSent").asInt() > 0);
            assertThat(docA.path("pairs")).as(why).allMatch(pair -> pair.path("responsesReceived").asInt() == 0);
        }
    }

    /** Skips (or fails under CI) without Debian's python3-aioice; the path of the peer script otherwise. */
    private Path aioicePeer() throws Exception {
        return dev.rtc.testing.AioicePeer.script(dir);
    }

    /** rtc ice on A, aioice on B, each behind the given NAT; rtc's report and what aioice said. */
    private void interop(String rtcRole, Nat a, Nat b, boolean turn) throws Exception {
        Path script = aioicePeer();
        lab.become(Side.A, a.lab);
        lab.become(Side.B, b.lab);
        Path report = dir.resolve("rtc.json");
        List<String> peer = new ArrayList<>(List.of(dev.rtc.testing.AioicePeer.PYTHON, script.toString(),
                rtcRole.equals("controlling") ? "controlled" : "controlling", "--host", IceLab.HOST,
                "--stun", IceLab.STUN_PRIMARY + ":3478"));
        if (turn) {
            peer.addAll(List.of("--turn", IceLab.TURN + ":3478", "--turn-user", TURN_USER, "--turn-password",
                    TURN_PASSWORD, "--turn-transport", "udp"));
        }
        Ends ends = connect(ice(servers(a, turn), Duration.ofSeconds(8), "--role", rtcRole, "--require",
                turn ? "relay" : "direct", "--format", "json", "-o", report.toString()), peer);
        String why = "rtc: " + ends.errA() + "\naioice: " + ends.errB();
        assertThat(ends.exitA()).as(why).isZero();
        assertThat(ends.exitB()).as(why).isZero();
        JsonNode doc = report(report, why);
        assertThat(doc.path("connected").asBoolean()).as(why).isTrue();
        assertThat(doc.path("role").asText()).as(why).isEqualTo(rtcRole);
        JsonNode selected = doc.path("selectedPair");
        assertThat(relayed(selected)).as(why + doc).isEqualTo(turn);
        String remote = selected.path("remote").path("address").asText() + ":"
                + selected.path("remote").path("port").asInt();
        // aioice names the pair it nominated or accepted: its local end is where rtc's checks went
        assertThat(ends.errB()).as(why + doc).containsPattern("connected [0-9.]+:[0-9]+ ");
        if (!turn) {
            assertThat(remote).as(why + doc).startsWith(b.publicAddress(Side.B) + ":");
            assertThat(ends.errB()).as(why + doc).contains(" " + a.publicAddress(Side.A) + ":");
        }
    }

    @ParameterizedTest(name = "rtc {0}")
    @ValueSource(strings = {"controlling", "controlled"})
    void aioiceConnectsDirectlyAcrossTwoPortRestrictedConeNats(String rtcRole) throws Exception {
        interop(rtcRole, Nat.PORT_RESTRICTED_CONE, Nat.PORT_RESTRICTED_CONE, false);
    }

    @ParameterizedTest(name = "rtc {0}")
    @ValueSource(strings = {"controlling", "controlled"})
    void aioiceConnectsThroughTurnAcrossTwoSymmetricNats(String rtcRole) throws Exception {
        interop(rtcRole, Nat.SYMMETRIC, Nat.SYMMETRIC, true);
    }
}
