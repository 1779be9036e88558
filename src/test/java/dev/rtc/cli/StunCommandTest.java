package dev.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.net.Coturn;
import dev.rtc.output.Json;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rtc stun} against a real coturn and a real Vovida stund, both started here on loopback. */
class StunCommandTest {
    @RegisterExtension
    static final Coturn.PerClass coturn = Coturn.perClass();
    private static ExternalProcess stund;
    private static int stundPort;
    private static int stundAltPort;

    @BeforeAll
    static void startServers() throws Exception {
        Requires.commands("stund");
        for (int tries = 0; ; tries++) {
            stundPort = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
            stundAltPort = stundPort + 1;
            if (FreePorts.isFree("127.0.0.2", stundPort) && FreePorts.isFree("127.0.0.2", stundAltPort)) {
                break;
            }
            if (tries > 20) {
                throw new IOException("no port pair free on both 127.0.0.1 and 127.0.0.2");
            }
        }
        stund = ExternalProcess.start(List.of("stund", "-h", "127.0.0.1", "-a", "127.0.0.2",
                "-p", String.valueOf(stundPort), "-o", String.valueOf(stundAltPort)));
        awaitStun(new InetSocketAddress("127.0.0.1", stundPort));
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (stund != null) {
            stund.close();
        }
    }

    /** Waits until a bare Binding request gets an answer, so the tests do not race the server's start. */
    private static void awaitStun(InetSocketAddress server) throws IOException, InterruptedException {
        byte[] req = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(200);
            for (int i = 0; i < 50; i++) {
                s.send(new DatagramPacket(req, req.length, server));
                try {
                    s.receive(new DatagramPacket(new byte[1500], 1500));
                    return;
                } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
                    Thread.sleep(50);
                }
            }
        }
        throw new IOException("no STUN answer from " + server + ": " + stund.log());
    }

    private static String at(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static void assertOneLine(CliRun r, int exit, String text) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void udpToCoturnShowsTheLocalAddressAsMapped() throws IOException {
        int local = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", at(coturn.get().address()), "--local-port", String.valueOf(local));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("mapped address   127.0.0.1:" + local)
                .contains("answered from    " + at(coturn.get().address()))
                .contains("transmissions    1 (0 retransmissions)")
                .contains("XOR-MAPPED-ADDRESS").contains("SOFTWARE");
    }

    @Test
    void tcpToCoturn() throws IOException {
        int local = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "--tcp", at(coturn.get().address()), "--local-port", String.valueOf(local));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("over TCP").contains("mapped address   127.0.0.1:" + local)
                .contains("tcp connect");
    }

    @Test
    void tlsToCoturnWithItsCertificate() throws IOException {
        int local = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "--tls", "--ca-file", coturn.get().certificate().toString(),
                at(coturn.get().tlsAddress()), "--local-port", String.valueOf(local), "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("rtc.stun/1");
        assertThat(doc.get("transport").asText()).startsWith("TLSv1.");
        assertThat(doc.get("mappedAddress").asText()).isEqualTo("127.0.0.1:" + local);
        assertThat(doc.get("local").asText()).isEqualTo("127.0.0.1:" + local);
        assertThat(doc.get("source").asText()).isEqualTo(at(coturn.get().tlsAddress()));
        assertThat(doc.get("tlsHandshakeMs").asDouble()).isPositive();
        assertThat(doc.get("transmissions").asInt()).isEqualTo(1);
    }

    @Test
    void tlsWithHostNameLocalhost() {
        CliRun r = CliRun.run("stun", "--tls", "--ca-file", coturn.get().certificate().toString(),
                "localhost:" + coturn.get().tlsAddress().getPort(), "--family", "4");
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void tlsWithoutTrustIsOneLineFailure() {
        CliRun r = CliRun.run("stun", "--tls", at(coturn.get().tlsAddress()));
        assertOneLine(r, 1, "certificate rejected");
    }

    @Test
    void tlsInsecureSkipsTheCheck() {
        CliRun r = CliRun.run("stun", "--tls", "--insecure", "--server-name", "turn.example.org",
                at(coturn.get().tlsAddress()));
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void craftedRequestWithFingerprintSoftwareAndPadding() throws IOException {
        CliRun r = CliRun.run("stun", at(coturn.get().address()), "--fingerprint", "--software", "rtc test",
                "--padding", "100", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("request").toString()).contains("SOFTWARE").contains("PADDING").contains("FINGERPRINT");
        // coturn answers a request with FINGERPRINT with one
        assertThat(doc.get("response").toString()).contains("FINGERPRINT");
        assertThat(doc.get("responseHex").asText()).startsWith("0101");
    }

    @Test
    void signedRequestWhoseAnswerIsNotSignedIsACheckNotMet() throws IOException {
        CliRun r = CliRun.run("stun", at(coturn.get().address()), "--username", "a:b", "--password", "secret",
                "--format", "json");
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("request").toString()).contains("USERNAME").contains("MESSAGE-INTEGRITY");
        assertThat(doc.get("integrity").asText()).isEqualTo("absent");
        assertOneLine(r, 3, "the answer's MESSAGE-INTEGRITY is absent");
    }

    @Test
    void changeRequestToCoturnWithOneAddressIsAnErrorResponse() {
        CliRun r = CliRun.run("stun", at(coturn.get().address()), "--change-ip");
        assertThat(r.out()).contains("Error Response").contains("420");
        assertOneLine(r, 1, "answered 420");
    }

    @Test
    void rfc5780ChangeRequestAndResponsePortWithATwoAddressCoturn() throws Exception {
        try (Coturn two = Coturn.start("--listening-ip", "127.0.0.2")) {
            CliRun changed = CliRun.run("stun", at(two.address()), "--change-ip", "--change-port");
            assertThat(changed.exit()).as(changed.toString()).isZero();
            assertThat(changed.out()).contains("answered from    127.0.0.2:" + (two.address().getPort() + 1))
                    .contains("OTHER-ADDRESS");

            int local = FreePorts.on("127.0.0.1");
            int other = FreePorts.on("127.0.0.1");
            CliRun moved = CliRun.run("stun", at(two.address()), "--local-port", String.valueOf(local),
                    "--response-port", String.valueOf(other), "--format", "json");
            assertThat(moved.exit()).as(moved.toString()).isZero();
            JsonNode doc = Json.mapper().readTree(moved.out());
            assertThat(doc.get("mappedAddress").asText()).isEqualTo("127.0.0.1:" + local);
            assertThat(doc.get("receivedOn").asText()).isEqualTo("127.0.0.1:" + other);
            assertThat(doc.get("request").toString()).contains("RESPONSE-PORT");
        }
    }

    @Test
    void ipv6LiteralInBrackets() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(probe.getLocalPort() > 0, "no IPv6 loopback here");
        } catch (java.net.SocketException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
        }
        try (Coturn six = Coturn.start("--listening-ip", "::1")) {
            int port = six.address().getPort();
            CliRun udp = CliRun.run("stun", "[::1]:" + port, "--format", "json");
            assertThat(udp.exit()).as(udp.toString()).isZero();
            JsonNode doc = Json.mapper().readTree(udp.out());
            assertThat(doc.get("source").asText()).isEqualTo("[::1]:" + port);
            assertThat(doc.get("mappedAddress").asText()).startsWith("[::1]:").isEqualTo(doc.get("local").asText());
            CliRun tcp = CliRun.run("stun", "--tcp", "[::1]:" + port);
            assertThat(tcp.exit()).as(tcp.toString()).isZero();
            assertThat(tcp.out()).contains("mapped address   [::1]:");
        }
    }

    @Test
    void stundAnswersWithTheMappedAddress() throws IOException {
        int local = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "127.0.0.1:" + stundPort, "--local-port", String.valueOf(local));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("mapped address   127.0.0.1:" + local)
                .contains("CHANGED-ADDRESS").contains("127.0.0.2:" + stundAltPort);
    }

    @Test
    void classicRequestToStund() throws IOException {
        int local = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "127.0.0.1:" + stundPort, "--classic", "--local-port", String.valueOf(local),
                "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("mappedAddress").asText()).isEqualTo("127.0.0.1:" + local);
        assertThat(doc.get("request").get("transactionId").asText()).hasSize(32);
    }

    @Test
    void changeIpAndPortAnswerComesFromStundsOtherAddress() throws IOException {
        CliRun r = CliRun.run("stun", "127.0.0.1:" + stundPort, "--change-ip", "--change-port", "--format", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("source").asText()).isEqualTo("127.0.0.2:" + stundAltPort);
        assertThat(doc.get("mappedAddress").asText()).isEqualTo(doc.get("local").asText());
    }

    @Test
    void changePortOnly() {
        CliRun r = CliRun.run("stun", "127.0.0.1:" + stundPort, "--change-port");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("answered from    127.0.0.1:" + stundAltPort);
    }

    @Test
    void deadUdpPortIsRefused() throws IOException {
        int dead = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "127.0.0.1:" + dead, "--timeout", "3s");
        assertOneLine(r, 1, "127.0.0.1:" + dead + " refused (ICMP port unreachable)");
    }

    @Test
    void silentServerIsNoAnswer() throws IOException {
        // an unconnected socket (as --change-port uses) never hears the ICMP error: the transaction times out
        int dead = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "127.0.0.1:" + dead, "--change-port", "--rto", "50ms", "--timeout", "400ms");
        assertOneLine(r, 1, "no answer from 127.0.0.1:" + dead + " after 4 transmissions in ");
    }

    @Test
    void deadTcpPortIsRefused() throws IOException {
        int dead = FreePorts.on("127.0.0.1");
        CliRun r = CliRun.run("stun", "--tcp", "127.0.0.1:" + dead);
        assertOneLine(r, 1, "TCP connection to 127.0.0.1:" + dead + " refused");
    }

    @Test
    void malformedAddressesAreUsageErrors() {
        for (String bad : List.of("127.0.0.1:0", "127.0.0.1:70000", "[::1", "[::1]x", "300.0.0.1", "a b", "::g")) {
            assertOneLine(CliRun.run("stun", bad), 2, "invalid value for HOST[:PORT]");
        }
        assertOneLine(CliRun.run("stun"), 2, "a server (HOST[:PORT]) or --decode is needed");
        assertOneLine(CliRun.run("stun", "--family", "6", "127.0.0.1"), 2, "is not an IPv6 address");
        assertOneLine(CliRun.run("stun", "--family", "5", "127.0.0.1"), 2, "--family must be 4 or 6");
    }

    @Test
    void contradictoryOptionsAreUsageErrors() {
        assertOneLine(CliRun.run("stun", "--tcp", "--tls", "127.0.0.1"), 2, "mutually exclusive");
        assertOneLine(CliRun.run("stun", "--tcp", "--change-ip", "127.0.0.1"), 2, "need UDP");
        assertOneLine(CliRun.run("stun", "--insecure", "127.0.0.1"), 2, "go with --tls");
        // the same checks and words as rtc gather's
        assertOneLine(CliRun.run("stun", "--tls", "--insecure", "--ca-file", "/etc/hostname", "127.0.0.1"), 2,
                "--insecure and --ca-file exclude each other");
        assertOneLine(CliRun.run("stun", "--tls", "--ca-file", "/nonexistent/ca.pem", "127.0.0.1"), 2,
                "--ca-file /nonexistent/ca.pem: no such file");
        assertOneLine(CliRun.run("stun", "--rto", "500x", "127.0.0.1"), 2, "unknown unit 'x'");
        assertOneLine(CliRun.run("stun", "--timeout", "soon", "127.0.0.1"), 2, "--timeout");
        assertOneLine(CliRun.run("stun", "--padding", "0", "127.0.0.1"), 2, "--padding");
        assertOneLine(CliRun.run("stun", "--realm", "r", "127.0.0.1"), 2, "--realm is for --decode only");
    }
}
