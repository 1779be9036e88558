package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtc.signal.RoomClient;
import dev.rtc.signal.Rooms;
import dev.rtc.signal.SignalServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code rtc ice --signal URL} processes through a real signal server (in this JVM, on loopback): two agents
 * meet in a room and connect with the first joiner offering and controlling; a third is told the room is full; a
 * server that is not there and URLs that are not rooms give one line and their exit codes.
 */
class IceSignalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SignalServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = SignalServer.start(new SignalServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                null, Rooms.Limits.DEFAULT, List::of), null);
        base = "http://127.0.0.1:" + server.address().getPort() + "/";
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Process rtc(Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.rtc.Main", "ice",
                "--interface", "lo", "--family", "4"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(dir.resolve(stderr.getFileName()
                + ".out").toFile()).start();
    }

    private static boolean awaitText(Path file, String text, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void twoAgentsMeetInARoomAndTheFirstOffersAndControls() throws Exception {
        Path errA = dir.resolve("a.err");
        Path errB = dir.resolve("b.err");
        Process a = rtc(errA, "--signal", base + "room-1", "--format", "json", "-o", dir.resolve("a.json").toString());
        assertThat(awaitText(errA, "waiting for the other side to join", 30)).as(Files.readString(errA)).isTrue();
        // --role auto would be the tie-breakers' choice by hand; through a room the join order decides
        Process b = rtc(errB, "--signal", base + "room-1", "--format", "json", "-o", dir.resolve("b.json").toString());
        assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(Files.readString(errA)).isZero();
        assertThat(b.exitValue()).as(Files.readString(errB)).isZero();
        JsonNode ra = JSON.readTree(dir.resolve("a.json").toFile());
        JsonNode rb = JSON.readTree(dir.resolve("b.json").toFile());
        assertThat(ra.path("connected").asBoolean()).isTrue();
        assertThat(rb.path("connected").asBoolean()).isTrue();
        assertThat(ra.path("role").asText()).isEqualTo("controlling");
        assertThat(rb.path("role").asText()).isEqualTo("controlled");
        assertThat(ra.path("roleConflicts").asInt()).isZero();
        assertThat(ra.at("/signal/offerer").asBoolean()).isTrue();
        assertThat(rb.at("/signal/offerer").asBoolean()).isFalse();
        // the offer says actpass, the answer active: the answerer is the DTLS client
        assertThat(ra.at("/signal/localSetup").asText()).isEqualTo("actpass");
        assertThat(rb.at("/signal/localSetup").asText()).isEqualTo("active");
        assertThat(ra.at("/signal/dtlsRole").asText()).isEqualTo("server");
        assertThat(rb.at("/signal/dtlsRole").asText()).isEqualTo("client");
        // each side carries the other's certificate fingerprint, as it was sent
        assertThat(ra.at("/signal/remoteFingerprint").asText()).isEqualTo(rb.at("/signal/localFingerprint").asText());
        assertThat(rb.at("/signal/remoteFingerprint").asText()).isEqualTo(ra.at("/signal/localFingerprint").asText());
        // then the DTLS handshake over the selected pair, each certificate checked against that fingerprint
        for (JsonNode r : List.of(ra, rb)) {
            assertThat(r.at("/dtls/completed").asBoolean()).as(r.path("dtls").toString()).isTrue();
            assertThat(r.at("/dtls/version").asText()).isEqualTo("DTLS 1.2");
            assertThat(r.at("/dtls/srtpProfile").asText()).isEqualTo("SRTP_AEAD_AES_128_GCM");
            assertThat(r.at("/dtls/peerFingerprint").asText()).isEqualTo(r.at("/signal/remoteFingerprint").asText());
        }
        assertThat(ra.at("/dtls/role").asText()).isEqualTo("server");
        // each posted its view into the room, and the other reports it as the peer's
        assertThat(ra.at("/peer/userAgent").asText()).startsWith("rtc ");
        assertThat(ra.at("/peer/iceConnectionState").asText()).isEqualTo("connected");
        assertThat(ra.at("/peer/selectedPair/local/port").asInt())
                .isEqualTo(rb.at("/selectedPair/local/port").asInt());
        assertThat(rb.at("/peer/role").asText()).isEqualTo("controlling");
        // with a room, standard output carries no description: with -o it is empty
        assertThat(Files.readString(dir.resolve("a.err.out"))).isEmpty();
    }

    @Test
    void aThirdMemberIsToldTheRoomIsFull() throws Exception {
        try (RoomClient one = RoomClient.open(URI.create(base + "full"), null);
             RoomClient two = RoomClient.open(URI.create(base + "full"), null)) {
            one.join();
            two.join();
            Path err = dir.resolve("c.err");
            Process c = rtc(err, "--signal", base + "full");
            assertThat(c.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(err)).hasSize(1).first().asString()
                    .contains("room full at ").contains("is full: two members are in it already");
        }
    }

    @Test
    void aSignalServerThatIsNotThereIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path err = dir.resolve("d.err");
        Process d = rtc(err, "--signal", "http://127.0.0.1:" + port + "/room");
        assertThat(d.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(d.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(err)).hasSize(1).first().asString().contains("cannot reach the signal server");
    }

    @Test
    void aUrlThatIsNotARoomIsAUsageError() throws Exception {
        for (String url : List.of("ftp://127.0.0.1/room", "http://127.0.0.1:8088/", "http://127.0.0.1/a/b",
                "http://127.0.0.1/bad%20name")) {
            Path err = dir.resolve("e.err");
            Process e = rtc(err, "--signal", url);
            assertThat(e.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(e.exitValue()).as(url).isEqualTo(2);
            assertThat(Files.readString(err)).as(url).contains("--signal " + url).doesNotContain("Exception");
        }
    }

    /**
     * A peer that speaks the room protocol as the page does (offer first, candidates trickled after it, an empty
     * candidate at the end, its stats): rtc answers it, reports the mDNS candidate as such, and shows its view.
     * The peer runs no ICE agent, so rtc cannot connect: that it says so is part of the test.
     */
    @Test
    void aBrowserShapedOfferWithAnMdnsCandidate() throws Exception {
        String offer = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=extmap-allow-mixed", "a=msid-semantic: WMS",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:Wq4x", "a=ice-pwd:Dq8o1zSx0dDpDgC3zxvEA4bA", "a=ice-options:trickle",
                "a=fingerprint:sha-256 9E:5D:1B:8C:63:57:DB:D4:56:92:06:D1:72:65:0F:1B:0A:36:2F:20:0D:B2:9D:2D:"
                        + "FA:6B:E4:3A:B2:7E:D0:8E", "a=setup:actpass", "a=mid:0", "a=sctp-port:5000",
                "a=max-message-size:262144", "") ;
        String mdns = "candidate:1467250027 1 udp 2122260223 8f2a1c1e-6b7d-4c1f-9a53-0c4bd7d2f1a9.local 54400 typ"
                + " host generation 0 ufrag Wq4x network-id 1";
        try (RoomClient page = RoomClient.open(URI.create(base + "page-like"), null)) {
            page.join();
            Path err = dir.resolve("f.err");
            Path report = dir.resolve("f.txt");
            Process f = rtc(err, "--signal", base + "page-like", "--timeout", "2s", "-o", report.toString());
            // the page waits for the other side to join, then offers
            awaitEvent(page, "peer-joined");
            page.send(JSON.createObjectNode().put("type", "offer").put("sdp", offer));
            page.send(JSON.createObjectNode().put("type", "candidate").put("candidate", mdns).put("sdpMid", "0")
                    .put("sdpMLineIndex", 0));
            page.send(JSON.createObjectNode().put("type", "candidate").put("candidate", "").put("sdpMid", "0")
                    .put("sdpMLineIndex", 0));
            page.send((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree("{\"type\":\"stats\","
                    + "\"iceConnectionState\":\"checking\",\"connectionState\":\"connecting\","
                    + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0\"}"));
            JsonNode answer = awaitEvent(page, "message");
            assertThat(answer.path("type").asText()).isEqualTo("answer");
            String sdp = answer.path("sdp").asText();
            assertThat(sdp).contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n", "a=mid:0\r\n",
                    "a=setup:active\r\n", "a=sctp-port:5000\r\n", "a=ice-ufrag:", "a=ice-pwd:")
                    .containsPattern("a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r\n")
                    .doesNotContain("a=candidate:", "a=end-of-candidates");
            // rtc trickles as a browser does: each candidate in its own message after the answer, then an empty one
            List<String> trickled = new ArrayList<>();
            for (JsonNode m = awaitEvent(page, "message"); !m.path("candidate").asText().isEmpty();
                 m = awaitEvent(page, "message")) {
                assertThat(m.path("type").asText()).isEqualTo("candidate");
                assertThat(m.path("sdpMid").asText()).isEqualTo("0");
                assertThat(m.path("sdpMLineIndex").asInt()).isZero();
                trickled.add(m.path("candidate").asText());
            }
            assertThat(trickled).anyMatch(c -> c.matches("candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 \\d+ typ host"));
            assertThat(f.waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(f.exitValue()).as(Files.readString(err)).isEqualTo(1);
            String text = Files.readString(report);
            assertThat(text).contains("not used (an mDNS .local name; rtc does not resolve them): a=" + mdns,
                    "joined second: sent the answer", "a=setup:active here, a=setup:actpass from the peer",
                    "rtc is the DTLS client", "The peer's view (its stats message):", "Chrome/156");
        }
    }

    /**
     * Given no -s, rtc uses the TURN server the signal server hands out, with the handed-out credentials: with
     * --policy relay on the first member, the pair must go through the tests' coturn.
     */
    @Test
    void theSignalServersTurnServerIsUsedWhenNoneIsGiven() throws Exception {
        try (dev.rtc.net.Coturn turn = dev.rtc.net.Coturn.withUser("alice", "wonderland", 20);
             SignalServer handing = SignalServer.start(new SignalServer.Options(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, Rooms.Limits.DEFAULT,
                     () -> List.of(new SignalServer.IceServer(List.of("turn:127.0.0.1:" + turn.address().getPort()),
                             "alice", "wonderland"))), null)) {
            String url = "http://127.0.0.1:" + handing.address().getPort() + "/relayed";
            Path errA = dir.resolve("ra.err");
            Path errB = dir.resolve("rb.err");
            Process a = rtc(errA, "--signal", url, "--policy", "relay", "--require", "relay", "--format", "json",
                    "-o", dir.resolve("ra.json").toString());
            assertThat(awaitText(errA, "waiting for the other side to join", 30)).as(Files.readString(errA)).isTrue();
            Process b = rtc(errB, "--signal", url, "--format", "json", "-o", dir.resolve("rb.json").toString());
            assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitValue()).as(Files.readString(errA)).isZero();
            assertThat(b.exitValue()).as(Files.readString(errB)).isZero();
            JsonNode ra = JSON.readTree(dir.resolve("ra.json").toFile());
            assertThat(ra.at("/selectedPair/local/type").asText()).isEqualTo("relay");
            assertThat(ra.at("/selectedPair/local/relayServer").asText())
                    .isEqualTo("turn:127.0.0.1:" + turn.address().getPort());
            assertThat(ra.path("allocations")).hasSize(1);
        }
    }

    /** https: --ca-file makes the server's certificate trusted; without it the TLS failure is one line. */
    @Test
    void anHttpsRoomIsTrustedThroughCaFile() throws Exception {
        try (dev.rtc.net.TestCertificate cert = dev.rtc.net.TestCertificate.generate();
             SignalServer tls = SignalServer.start(new SignalServer.Options(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     dev.rtc.server.ServerTls.load(cert.certificate(), cert.privateKey()), Rooms.Limits.DEFAULT,
                     List::of), null)) {
            String url = "https://127.0.0.1:" + tls.address().getPort() + "/secure";
            Path err = dir.resolve("t.err");
            Process untrusted = rtc(err, "--signal", url);
            assertThat(untrusted.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(untrusted.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(err)).hasSize(1).first().asString().contains(url)
                    .contains("TLS with the signal server failed");
            Path errTrusted = dir.resolve("t2.err");
            Process trusted = rtc(errTrusted, "--signal", url, "--ca-file", cert.certificate().toString());
            try {
                assertThat(awaitText(errTrusted, "waiting for the other side to join", 30))
                        .as(Files.readString(errTrusted)).isTrue();
            } finally {
                trusted.destroy();
                trusted.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Events polled but not yet taken, per client: one poll may bring several. */
    private static final java.util.Map<RoomClient, java.util.ArrayDeque<RoomClient.Event>> PENDING =
            new java.util.IdentityHashMap<>();

    /** The next event of this kind (earlier ones of other kinds are passed over). */
    private static JsonNode awaitEvent(RoomClient client, String kind) {
        java.util.ArrayDeque<RoomClient.Event> queue = PENDING.computeIfAbsent(client, c -> new java.util.ArrayDeque<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            while (!queue.isEmpty()) {
                RoomClient.Event e = queue.poll();
                if (e.kind().equals(kind)) {
                    return e.data() == null ? JSON.createObjectNode() : e.data();
                }
            }
            queue.addAll(client.poll());
        }
        throw new AssertionError("no " + kind + " event in 30 s");
    }
}
