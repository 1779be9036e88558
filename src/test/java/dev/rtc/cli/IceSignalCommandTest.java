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
}
