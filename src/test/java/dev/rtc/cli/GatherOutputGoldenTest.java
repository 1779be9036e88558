package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.ice.Candidate;
import dev.rtc.ice.CandidateType;
import dev.rtc.ice.Foundation;
import dev.rtc.ice.GatherReport;
import dev.rtc.ice.IceServerUri.Transport;
import dev.rtc.ice.Latency;
import dev.rtc.ice.Outcome;
import dev.rtc.ice.Priority;
import dev.rtc.ice.RelayCheck;
import dev.rtc.ice.ServerVerdict;
import dev.rtc.ice.Warnings;
import dev.rtc.output.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden files for the text table, JSON, ndjson and SDP renderings of a fixed report. Regenerate on purpose only:
 * {@code mvn test -Dtest=GatherOutputGoldenTest -Dgolden.update=true}.
 */
public class GatherOutputGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/gather");

    static InetSocketAddress at(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixed report: fixed times and documentation addresses, so renderings are reproducible. */
    public static GatherReport report() throws Exception {
        InetAddress base = InetAddress.getByName("192.0.2.10");
        String stun = "stun:198.51.100.1:3478";
        String turnUdp = "turn:198.51.100.2:3478?transport=udp";
        String turnTcp = "turn:198.51.100.2:3478?transport=tcp";
        String turns = "turns:turn.example.org:5349";
        String dead = "stun:198.51.100.9:3478";
        List<Candidate> candidates = List.of(
                new Candidate(2, 1, CandidateType.HOST,
                        Foundation.of(CandidateType.HOST, base, Transport.UDP, null, null), Transport.UDP,
                        at("192.0.2.10", 50000), null,
                        Priority.of(Priority.HOST_UDP, Priority.localPreference(0, base, 0), 1), null, null),
                new Candidate(2, 1, CandidateType.HOST,
                        Foundation.of(CandidateType.HOST, base, Transport.TCP, null, null), Transport.TCP,
                        at("192.0.2.10", 9), null,
                        Priority.of(Priority.HOST_TCP, Priority.localPreference(0, base, 0), 1), null, null),
                new Candidate(14, 1, CandidateType.SERVER_REFLEXIVE,
                        Foundation.of(CandidateType.SERVER_REFLEXIVE, base, Transport.UDP, null, "198.51.100.1"),
                        Transport.UDP, at("203.0.113.5", 61000), at("192.0.2.10", 50000),
                        Priority.of(Priority.SRFLX, Priority.localPreference(0, base, 0), 1), stun, null),
                new Candidate(31, 1, CandidateType.RELAY,
                        Foundation.of(CandidateType.RELAY, base, Transport.UDP, Transport.UDP, "198.51.100.2"),
                        Transport.UDP, at("198.51.100.2", 49152), at("203.0.113.5", 61001),
                        Priority.of(Priority.RELAY_UDP, Priority.localPreference(0, base, 2), 1), turnUdp,
                        Transport.UDP),
                new Candidate(40, 1, CandidateType.RELAY,
                        Foundation.of(CandidateType.RELAY, base, Transport.UDP, Transport.TCP, "198.51.100.2"),
                        Transport.UDP, at("198.51.100.2", 49153), at("203.0.113.5", 40312),
                        Priority.of(Priority.RELAY_TCP, Priority.localPreference(0, base, 1), 1), turnTcp,
                        Transport.TCP));
        List<ServerVerdict> servers = List.of(
                new ServerVerdict(stun, at("192.0.2.10", 50000), Outcome.OK, null, "Coturn-4.6.1 'Gorst'", null, null,
                        at("203.0.113.5", 61000), null, new Latency(null, null, null, 11_800L, null, 0), 14_000),
                new ServerVerdict(turnUdp, at("192.0.2.10", 50000), Outcome.OK, null, "Coturn-4.6.1 'Gorst'", "rtc.test", 600L,
                        at("203.0.113.5", 61001), at("198.51.100.2", 49152),
                        new Latency(null, null, null, null, 15_900L, 401, List.of("firstResponse")), 31_000),
                new ServerVerdict(turnTcp, at("192.0.2.10", 40312), Outcome.OK, null, "Coturn-4.6.1 'Gorst'", "rtc.test", 600L,
                        at("203.0.113.5", 40312), at("198.51.100.2", 49153),
                        new Latency(null, 12_100L, null, 13_000L, 13_900L, 401), 40_000),
                new ServerVerdict(turns, null, Outcome.TLS_FAILURE, "certificate not trusted (self-signed)", null,
                        null, null, null, null, new Latency(1_200L, 12_300L, null, null, null), 52_000),
                new ServerVerdict(dead, at("192.0.2.10", 50000), Outcome.UNREACHABLE, "no response in 3.000 s", null, null, null, null,
                        null, new Latency(null, null, null, null, null), 3_000_000));
        List<RelayCheck> checks = List.of(new RelayCheck(turnUdp, 10, 10, 210, 340, 720, null));
        Set<String> v6 = Set.of();
        List<String> warnings = Warnings.of(servers, v6);
        return new GatherReport(candidates, servers, checks, warnings, 3_001_500, true);
    }

    private static void check(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void text() throws Exception {
        check("report.txt", String.join("\n", GatherOutput.text(report())) + "\n");
    }

    @Test
    void json() throws Exception {
        check("report.json", Json.pretty(GatherOutput.json(report())) + "\n");
    }

    @Test
    void ndjson() throws Exception {
        check("report.ndjson", String.join("\n", GatherOutput.ndjson(report())) + "\n");
    }

    @Test
    void sdp() throws Exception {
        check("report.sdp", String.join("\n", GatherOutput.sdp(report())) + "\n");
    }
}
