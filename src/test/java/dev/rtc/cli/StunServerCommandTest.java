package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.output.Json;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rtc stun-server as users run it: a process on loopback, logging one JSON line per request. */
class StunServerCommandTest {

    @Test
    void logsOneJsonLinePerRequest() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (ExternalProcess server = listening(command(port, "--verbose", "--format", "json"));
             DatagramSocket client = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            askOnce(client, port);
            client.send(new DatagramPacket(new byte[] {1, 2, 3, 4}, 4, new InetSocketAddress("127.0.0.1", port)));
            assertThat(server.awaitLog("\"answered\":false", Duration.ofSeconds(10))).as(server.log()).isTrue();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : server.log().split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(Json.mapper().readTree(line));
                }
            }
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).get("answered").asBoolean()).isTrue();
            assertThat(lines.get(0).get("from").asText())
                    .isEqualTo("127.0.0.1:" + client.getLocalPort());
            assertThat(lines.get(0).get("responseLength").asInt()).isPositive();
            assertThat(lines.get(1).get("summary").asText()).contains("not STUN");
        }
    }

    /** Starts the server and waits until it says it listens. */
    private static ExternalProcess listening(List<String> command) throws Exception {
        ExternalProcess server = ExternalProcess.start(command);
        try {
            assertThat(server.awaitLog("listening", Duration.ofSeconds(20))).as(server.log()).isTrue();
        } catch (AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** One Binding request (with FINGERPRINT) from the client, and its answer. */
    private static void askOnce(DatagramSocket client, int port) throws Exception {
        byte[] req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint().encode();
        client.setSoTimeout(5000);
        client.send(new DatagramPacket(req, req.length, new InetSocketAddress("127.0.0.1", port)));
        client.receive(new DatagramPacket(new byte[1500], 1500));
    }

    private static List<String> command(int port, String... more) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rtc.Main", "stun-server",
                "--primary", "127.0.0.1:" + port, "--alternate", "127.0.0.2:" + (port + 1)));
        cmd.addAll(List.of(more));
        return cmd;
    }

    @Test
    void sigtermEndsItCleanlyWithExit0() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (ExternalProcess server = listening(command(port, "--verbose", "--format", "json"));
             DatagramSocket client = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            askOnce(client, port);
            server.process().toHandle().destroy(); // SIGTERM
            assertThat(server.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(server.process().exitValue()).as(server.log()).isZero();
            // the log line of the request was flushed before the end, then the stop was reported
            assertThat(server.log()).contains("\"answered\":true").contains("rtc stun-server: stopped");
            assertThat(FreePorts.isFree("127.0.0.1", port)).isTrue();
            assertThat(FreePorts.isFree("127.0.0.2", port + 1)).isTrue();
        }
    }

    @Test
    void logSampleLogsOneRequestInN() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (ExternalProcess server = listening(command(port, "--verbose", "--format", "json",
                "--log-sample", "3"));
             DatagramSocket client = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < 6; i++) {
                askOnce(client, port);
            }
            Thread.sleep(300);
            long lines = server.log().lines().filter(l -> l.startsWith("{")).count();
            assertThat(lines).as(server.log()).isEqualTo(2);
        }
    }

    @Test
    void badLimitsAreUsageErrors() {
        assertThat(dev.rtc.testing.CliRun.run("stun-server", "--log-sample", "0").exit()).isEqualTo(2);
        assertThat(dev.rtc.testing.CliRun.run("stun-server", "--tcp-max-message", "10").exit()).isEqualTo(2);
        assertThat(dev.rtc.testing.CliRun.run("stun-server", "--tls-cert", "x.pem").err())
                .contains("--tls-cert and --tls-key go together");
    }
}
