package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.testing.UdpForwarder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtc ice --measure} between two real {@code rtc ice} processes on loopback, descriptions piped between them
 * by the test: both measuring, one measuring and the other only reflecting, a lossy and slow path (a forwarder in
 * front of one agent that the other is told is that agent's candidate), and a peer killed mid-measure.
 */
class IceMeasureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Process rtc(Path stderr, List<String> args) throws IOException {
        return IcePeers.rtc(stderr, args);
    }

    private static void pipe(InputStream from, OutputStream to, UnaryOperator<String> change) {
        IcePeers.pipe(from, to, change);
    }

    private record Run(int exitA, int exitB, JsonNode a, JsonNode b, String errA, String errB) {
    }

    /** a and b with their reports as JSON in files; each description changed on its way to the other side. */
    private Run pair(List<String> argsA, List<String> argsB, UnaryOperator<String> aToB, UnaryOperator<String> bToA,
                     int waitSeconds)
            throws Exception {
        Path ra = dir.resolve("a.json");
        Path rb = dir.resolve("b.json");
        Path ea = dir.resolve("a.err");
        Path eb = dir.resolve("b.err");
        List<String> a = new ArrayList<>(argsA);
        a.addAll(List.of("--format", "json", "-o", ra.toString()));
        List<String> b = new ArrayList<>(argsB);
        b.addAll(List.of("--format", "json", "-o", rb.toString()));
        Process pa = rtc(ea, a);
        Process pb = rtc(eb, b);
        try {
            pipe(pa.getInputStream(), pb.getOutputStream(), aToB);
            pipe(pb.getInputStream(), pa.getOutputStream(), bToA);
            assertThat(pa.waitFor(waitSeconds, TimeUnit.SECONDS)).as("a ends").isTrue();
            assertThat(pb.waitFor(waitSeconds, TimeUnit.SECONDS)).as("b ends").isTrue();
            return new Run(pa.exitValue(), pb.exitValue(), JSON.readTree(ra.toFile()), JSON.readTree(rb.toFile()),
                    Files.readString(ea), Files.readString(eb));
        } finally {
            pa.destroyForcibly();
            pb.destroyForcibly();
        }
    }

    @Test
    void bothSidesMeasureTwoSecondsOfAudioWithoutLossOnLoopback() throws Exception {
        Run r = pair(List.of("--role", "controlling", "--measure", "2s"),
                List.of("--role", "controlled", "--measure", "2s"), UnaryOperator.identity(),
                UnaryOperator.identity(), 40);
        assertThat(r.exitA()).as(r.errA()).isZero();
        assertThat(r.exitB()).as(r.errB()).isZero();
        for (JsonNode doc : List.of(r.a(), r.b())) {
            JsonNode m = doc.path("measure");
            assertThat(m.path("completed").asBoolean()).as(m.toString()).isTrue();
            assertThat(m.path("profile").path("packetsPerSecond").asInt()).isEqualTo(50);
            // 2 s at 50 packets/s: exactly 100 data packets each way, none lost on loopback
            for (String d : List.of("toPeer", "fromPeer", "roundTrip")) {
                JsonNode s = m.path(d);
                assertThat(s.path("sent").asLong()).as(d + " " + m).isEqualTo(100);
                assertThat(s.path("received").asLong()).as(d + " " + m).isEqualTo(100);
                assertThat(s.path("lost").asLong()).as(d).isZero();
                assertThat(s.path("longestLossBurst").asLong()).as(d).isZero();
                assertThat(s.path("duplicates").asLong()).as(d).isZero();
                assertThat(s.path("jitterMs").asDouble()).as(d).isGreaterThanOrEqualTo(0).isLessThan(20);
            }
            assertThat(m.path("toPeer").path("source").asText()).isEqualTo("the peer's report");
            JsonNode rtt = m.path("rttMs");
            assertThat(rtt.path("samples").asInt()).isEqualTo(100);
            assertThat(rtt.path("p50").asDouble()).isPositive().isLessThanOrEqualTo(rtt.path("p95").asDouble());
            assertThat(rtt.path("p95").asDouble()).isLessThanOrEqualTo(rtt.path("max").asDouble());
            assertThat(rtt.path("max").asDouble()).isLessThan(500);
            // no loss, a short path: near the E-model's best for G.711 (MOS 4.41 at R 93.2)
            assertThat(m.path("toPeer").path("mosEstimate").asDouble()).isGreaterThan(4.3).isLessThanOrEqualTo(4.42);
            assertThat(m.path("mosModel").path("estimate").asBoolean()).isTrue();
            assertThat(m.path("mosModel").path("assumptions").asText()).contains("G.107", "G.711");
            // each reflected the other's 100 data packets and its probes, and answered its end-of-stream
            assertThat(doc.path("reflectedPackets").asLong()).isGreaterThanOrEqualTo(102);
        }
    }

    @Test
    void aSideThatDoesNotMeasureReflectsForAsLongAsThePeerMeasures() throws Exception {
        Path textReport = dir.resolve("a.txt");
        Path ea = dir.resolve("a.err");
        Path rb = dir.resolve("b.json");
        Path eb = dir.resolve("b.err");
        Process pa = rtc(ea, List.of("--measure", "3s", "--profile", "video", "-o", textReport.toString()));
        Process pb = rtc(eb, List.of("--format", "json", "-o", rb.toString()));
        try {
            pipe(pa.getInputStream(), pb.getOutputStream(), UnaryOperator.identity());
            pipe(pb.getInputStream(), pa.getOutputStream(), UnaryOperator.identity());
            assertThat(pa.waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(pb.waitFor(40, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(textReport);
            assertThat(pa.exitValue()).as(text + Files.readString(ea)).isZero();
            assertThat(pb.exitValue()).as(Files.readString(eb)).isZero();
            // 3 s at 90 packets/s: 270 data packets, all back; the peer sent none of its own
            assertThat(text).contains("Path quality (estimate), video profile: 90 packets/s of 1000 bytes"
                    + " (RTP PT 96, 90 kHz clock) for 3 s:");
            assertThat(row(text, "to peer")).startsWith("270 270 0 0.0% 0");
            assertThat(row(text, "round trip")).startsWith("270 270 0 0.0% 0");
            assertThat(row(text, "from peer")).isEqualTo("- - - - - - - - -");
            assertThat(text).contains("over 270 reflections", "the peer sent no stream (it did not measure)",
                    "MOS: an estimate, ITU-T G.107 E-model for G.711");
            JsonNode b = JSON.readTree(rb.toFile());
            // the reflector stayed for the whole 3 s (its own linger is 1 s) and sent back no more than it got
            assertThat(b.path("measure").isNull()).isTrue();
            assertThat(b.path("reflectedPackets").asLong()).isGreaterThanOrEqualTo(271);
            assertThat(b.path("peerMeasurement").path("received").asLong()).isEqualTo(270);
            assertThat(b.path("peerMeasurement").path("sent").asLong()).isEqualTo(270);
        } finally {
            pa.destroyForcibly();
            pb.destroyForcibly();
        }
    }

    /** The cells after a text row's name, single-spaced. */
    private static String row(String text, String name) {
        Matcher m = Pattern.compile("^ +" + name + " +(.*)$", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1).trim().replaceAll(" +", " ").replace(" ms", "");
    }

    /**
     * Puts a forwarder in front of the agent whose host candidate passes by: it drops 5% of the datagrams each way
     * and holds each 20 ms each way (this machine's kernel has no netem qdisc, hence the forwarder, a NAT of the
     * tests' own). The peer is told the forwarder's port instead of the agent's.
     */
    private static UnaryOperator<String> viaForwarder(List<UdpForwarder> made, long seed) {
        Pattern hostCandidate = Pattern.compile("^(a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 )(\\d+)( typ host.*)$");
        return line -> {
            Matcher m = hostCandidate.matcher(line);
            if (!m.matches()) {
                return line;
            }
            try {
                UdpForwarder f = new UdpForwarder(new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(2))),
                        0, Duration.ofMillis(20), 0.05, seed);
                made.add(f);
                return m.group(1) + f.address().getPort() + m.group(3);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * The lossy, slow path: each side is told that the other's candidate is a forwarder in front of it (5% loss
     * and 20 ms each way), so neither ever sees the other's own address and whichever pair is selected, every
     * packet over it crosses one forwarder both ways: 40 ms and 9.75% loss a round trip. 10 s of audio, 500
     * packets each way.
     */
    @Test
    void aLossySlowPathShowsItsLossAndRoundTrip() throws Exception {
        List<UdpForwarder> forwarders = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            Run r = pair(List.of("--role", "controlling", "--measure", "10s", "--timeout", "15s"),
                    List.of("--role", "controlled", "--measure", "10s", "--timeout", "15s"),
                    viaForwarder(forwarders, 10), viaForwarder(forwarders, 11), 60);
            assertThat(r.exitA()).as(r.errA() + r.a()).isZero();
            assertThat(r.exitB()).as(r.errB() + r.b()).isZero();
            assertThat(forwarders).hasSize(2);
            assertThat(forwarders.get(0).lost() + forwarders.get(1).lost()).isPositive();
            // neither side reached the other's own port: the path went through a forwarder
            int portA = r.a().path("localCandidates").get(0).path("port").asInt();
            int portB = r.b().path("localCandidates").get(0).path("port").asInt();
            assertThat(r.a().path("selectedPair").path("remote").path("port").asInt()).isNotEqualTo(portB);
            assertThat(r.b().path("selectedPair").path("remote").path("port").asInt()).isNotEqualTo(portA);
            for (JsonNode doc : List.of(r.a(), r.b())) {
                JsonNode m = doc.path("measure");
                assertThat(m.path("completed").asBoolean()).as(m.toString()).isTrue();
                // 5% each way: the one-way loss of 500 packets lies within 1%..11% (more than 4 standard
                // deviations, 0.97% each, from 5%), the round trip's (9.75%) within 3%..18%
                for (String d : List.of("toPeer", "fromPeer")) {
                    JsonNode s = m.path(d);
                    assertThat(s.path("sent").asLong()).as(d + " " + m).isEqualTo(500);
                    assertThat(s.path("lossPercent").asDouble()).as(d + " " + m).isBetween(1.0, 11.0);
                    assertThat(s.path("lost").asLong()).isEqualTo(500 - s.path("received").asLong());
                    assertThat(s.path("longestLossBurst").asLong()).isBetween(1L, 10L);
                    // G.711 at 5% loss: R near 93.2 - 15.8, MOS about 3.8; the band allows for 1%..11%
                    assertThat(s.path("mosEstimate").asDouble()).as(d).isBetween(3.0, 4.3);
                }
                JsonNode back = m.path("roundTrip");
                assertThat(back.path("sent").asLong()).isEqualTo(500);
                assertThat(back.path("lossPercent").asDouble()).as(m.toString()).isBetween(3.0, 18.0);
                // 20 ms each way through the forwarder: p50 40 ms, plus scheduling on a busy machine
                JsonNode rtt = m.path("rttMs");
                assertThat(rtt.path("p50").asDouble()).as(m.toString()).isBetween(38.0, 70.0);
                assertThat(rtt.path("samples").asLong()).isEqualTo(back.path("received").asLong());
            }
        } finally {
            forwarders.forEach(UdpForwarder::close);
        }
    }

    @Test
    void aPeerKilledMidMeasureIsConsentLostAndExit1() throws Exception {
        Path ra = dir.resolve("a.json");
        Path ea = dir.resolve("a.err");
        Path rb = dir.resolve("b.ndjson");
        Path eb = dir.resolve("b.err");
        Process pa = rtc(ea, List.of("--measure", "20s", "--consent-timeout", "2s", "--format", "ndjson", "-o",
                ra.toString()));
        Process pb = rtc(eb, List.of("--format", "ndjson", "-o", rb.toString()));
        try {
            pipe(pa.getInputStream(), pb.getOutputStream(), UnaryOperator.identity());
            pipe(pb.getInputStream(), pa.getOutputStream(), UnaryOperator.identity());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(rb) && Files.readString(rb).contains("\"event\":\"selected\""))) {
                assertThat(System.nanoTime()).as("b connects").isLessThan(deadline);
                Thread.sleep(50);
            }
            // a second into a's 20 s measurement, b goes away without a word
            Thread.sleep(1000);
            pb.destroyForcibly();
            long killed = System.nanoTime();
            assertThat(pa.waitFor(30, TimeUnit.SECONDS)).isTrue();
            double afterKill = (System.nanoTime() - killed) / 1e9;
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(ra)) {
                events.add(JSON.readTree(line));
            }
            JsonNode a = events.get(events.size() - 1);
            assertThat(a.path("event").asText()).isEqualTo("result");
            // a measure event a second while it streamed, counting up
            List<JsonNode> progress = events.stream().filter(e -> e.path("event").asText().equals("measure"))
                    .toList();
            assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
            assertThat(progress.get(0).path("sent").asLong()).isBetween(1L, 60L);
            assertThat(progress.get(1).path("sent").asLong()).isGreaterThan(progress.get(0).path("sent").asLong());
            assertThat(progress.get(0).path("returned").asLong()).isPositive();
            assertThat(events).anyMatch(e -> e.path("event").asText().equals("consentLost"));
            assertThat(pa.exitValue()).as(a.toString() + Files.readString(ea)).isEqualTo(1);
            assertThat(a.path("exitCode").asInt()).isEqualTo(1);
            assertThat(a.path("connected").asBoolean()).isTrue();
            JsonNode m = a.path("measure");
            assertThat(m.path("completed").asBoolean()).isFalse();
            assertThat(m.path("interruption").asText())
                    .isEqualTo("consent lost: no answer to the consent checks for 2 s");
            assertThat(a.path("failure").asText()).startsWith("consent lost");
            // what went before the peer vanished was measured: some packets sent and come back
            assertThat(m.path("roundTrip").path("received").asLong()).isPositive();
            // gone well before the 20 s it was asked to measure: about the 2 s of the consent timeout
            assertThat(afterKill).isLessThan(12);
        } finally {
            pa.destroyForcibly();
            pb.destroyForcibly();
        }
    }

    /** aioice (Debian python3-aioice) connects but does not reflect: the probes go unanswered, exit 1. */
    @Test
    void aPeerThatDoesNotReflectIsNamedAndExit1() throws Exception {
        String python = dev.rtc.testing.AioicePeer.PYTHON;
        Path script = dev.rtc.testing.AioicePeer.script(dir);
        Path ra = dir.resolve("a.json");
        Path ea = dir.resolve("a.err");
        Process pa = rtc(ea, List.of("--role", "controlling", "--measure", "2s", "--format", "json", "-o",
                ra.toString()));
        Process peer = new ProcessBuilder(python, script.toString(), "controlled")
                .redirectError(dir.resolve("aioice.err").toFile()).start();
        try {
            pipe(pa.getInputStream(), peer.getOutputStream(), UnaryOperator.identity());
            pipe(peer.getInputStream(), pa.getOutputStream(), UnaryOperator.identity());
            assertThat(pa.waitFor(40, TimeUnit.SECONDS)).isTrue();
            JsonNode a = JSON.readTree(ra.toFile());
            assertThat(pa.exitValue()).as(a + Files.readString(ea)).isEqualTo(1);
            assertThat(a.path("connected").asBoolean()).isTrue();
            JsonNode m = a.path("measure");
            assertThat(m.path("completed").asBoolean()).isFalse();
            assertThat(m.path("interruption").asText()).matches("the peer reflected none of \\d+ probes in 3 s"
                    + " \\(a peer reflects only when it is rtc ice\\)");
            assertThat(m.path("roundTrip").path("sent").asLong()).isZero();
            assertThat(m.path("rttMs").path("samples").asInt()).isZero();
        } finally {
            pa.destroyForcibly();
            peer.destroyForcibly();
        }
    }

    @Test
    void badMeasureOptionsAreOneLineAndExit2() throws Exception {
        for (List<String> args : List.of(List.of("--measure", "0s"), List.of("--measure", "11m"),
                List.of("--measure", "1s", "--profile", "radio"), List.of("--profile", "2000:100"),
                List.of("--profile", "50:10"), List.of("--consent-timeout", "100ms"))) {
            Path err = dir.resolve("bad.err");
            Process p = rtc(err, args);
            p.getOutputStream().close();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String said = Files.readString(err);
            assertThat(p.exitValue()).as(args + said).isEqualTo(2);
            assertThat(said.lines().findFirst().orElse("")).as(args.toString()).startsWith("rtc ice: ");
        }
    }
}
