package dev.rtc.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.capture.CaptureFileReader;
import dev.rtc.net.Coturn;
import dev.rtc.net.TestCertificate;
import dev.rtc.testing.CliRun;
import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.Requires;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures made here on loopback with tcpdump, of real TLS and DTLS peers: openssl's s_server and s_client (DTLS
 * 1.2 with use_srtp, a DTLS handshake refused with an alert, TLS 1.3 on a TLS port, TLS 1.2 elsewhere), and rtc
 * gather against the tests' coturn over turns: with a CA that did not sign coturn's certificate. Each capture is
 * dissected by rtc and compared field by field with tshark ({@code tshark -n -T fields}, default preferences:
 * its tls_tcp and dtls_udp heuristics on). src/test/resources/tls/ keeps captures made this way for the filter
 * comparison.
 */
class TlsCaptureTest {
    private static final String PSK = "000102030405060708090a0b0c0d0e0f";

    @TempDir
    Path dir;

    @Test
    void dtlsWithUseSrtpAndARefusedHandshake() throws Exception {
        Requires.root();
        Requires.commands("tcpdump", "openssl", "tshark");
        int port = FreePorts.on("127.0.0.1");
        Path pcap = dir.resolve("dtls.pcap");
        try (ExternalProcess tcpdump = tcpdump(pcap, "udp port " + port);
             ExternalProcess server = ExternalProcess.start(List.of("openssl", "s_server", "-dtls1_2",
                     "-accept", "127.0.0.1:" + port, "-nocert", "-psk", PSK, "-psk_identity", "rtc",
                     "-cipher", "PSK-AES128-GCM-SHA256", "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-naccept", "2"))) {
            assertThat(server.awaitLog("ACCEPT", Duration.ofSeconds(10))).as(server.log()).isTrue();
            client(List.of("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + port,
                    "-servername", "media.rtc.test", "-psk", PSK, "-psk_identity", "rtc",
                    "-cipher", "PSK-AES128-GCM-SHA256", "-use_srtp", "SRTP_AES128_CM_SHA1_80:SRTP_AES128_CM_SHA1_32"));
            // a cipher the server does not have: it refuses with a plaintext handshake_failure alert
            client(List.of("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + port,
                    "-psk", PSK, "-psk_identity", "rtc", "-cipher", "PSK-AES256-GCM-SHA384"));
            Thread.sleep(300);
        }
        assertThat(DissectorTsharkTest.mismatches(pcap, List.of(), DecodeOptions.DEFAULT, n -> true,
                DissectorTsharkTest.NOT_RTP)).isEmpty();
        assertThat(values(pcap, Fields.DTLS_HANDSHAKE_TYPE)).contains("1", "3", "2", "14");
        assertThat(values(pcap, Fields.DTLS_USE_SRTP_PROTECTION_PROFILE)).contains("0x0001", "0x0002");
        assertThat(values(pcap, Fields.DTLS_HANDSHAKE_EXTENSIONS_SERVER_NAME)).contains("media.rtc.test");
        assertThat(values(pcap, Fields.DTLS_ALERT_MESSAGE_DESC)).contains("40");
    }

    @Test
    void tlsOnItsPortAndElsewhere() throws Exception {
        Requires.root();
        Requires.commands("tcpdump", "openssl", "tshark");
        int tlsPort = 0;
        for (int p : new int[] {443, 5061, 2443, 8883}) {
            if (FreePorts.isFree("127.0.0.1", p)) {
                tlsPort = p;
                break;
            }
        }
        assertThat(tlsPort).as("a free TCP port tshark gives TLS").isPositive();
        int otherPort = FreePorts.on("127.0.0.1");
        Path pcap = dir.resolve("tls.pcap");
        try (TestCertificate cert = TestCertificate.generate();
             ExternalProcess tcpdump = tcpdump(pcap, "tcp port " + tlsPort + " or tcp port " + otherPort);
             ExternalProcess tls13 = ExternalProcess.start(List.of("openssl", "s_server", "-accept",
                     "127.0.0.1:" + tlsPort, "-cert", cert.certificate().toString(),
                     "-key", cert.privateKey().toString(), "-naccept", "1"));
             ExternalProcess tls12 = ExternalProcess.start(List.of("openssl", "s_server", "-tls1_2",
                     "-accept", "127.0.0.1:" + otherPort, "-nocert", "-psk", PSK, "-psk_identity", "rtc",
                     "-cipher", "PSK-AES128-GCM-SHA256", "-naccept", "1"))) {
            assertThat(tls13.awaitLog("ACCEPT", Duration.ofSeconds(10))).as(tls13.log()).isTrue();
            assertThat(tls12.awaitLog("ACCEPT", Duration.ofSeconds(10))).as(tls12.log()).isTrue();
            client(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + tlsPort,
                    "-servername", "turn.rtc.test"));
            client(List.of("openssl", "s_client", "-tls1_2", "-connect", "127.0.0.1:" + otherPort,
                    "-servername", "stun.rtc.test", "-psk", PSK, "-psk_identity", "rtc",
                    "-cipher", "PSK-AES128-GCM-SHA256"));
            Thread.sleep(300);
        }
        assertThat(DissectorTsharkTest.mismatches(pcap)).isEmpty();
        assertThat(values(pcap, Fields.TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME))
                .containsExactly("turn.rtc.test", "stun.rtc.test");
        assertThat(values(pcap, Fields.TLS_HANDSHAKE_EXTENSIONS_SUPPORTED_VERSION)).contains("0x0304");
        assertThat(values(pcap, Fields.TLS_RECORD_OPAQUE_TYPE)).contains("23");
        assertThat(values(pcap, Fields.TLS_HANDSHAKE_CIPHERSUITE)).contains("0x00a8");
    }

    @Test
    void turnsToACoturnWhoseCertificateTheCaDidNotSign() throws Exception {
        Requires.root();
        Requires.commands("tcpdump", "tshark");
        Path pcap = dir.resolve("turns.pcap");
        try (Coturn coturn = Coturn.start();
             TestCertificate otherCa = TestCertificate.generate()) {
            int port = coturn.tlsAddress().getPort();
            CliRun run;
            try (ExternalProcess tcpdump = tcpdump(pcap, "tcp port " + port)) {
                run = CliRun.run("gather", "-s", "turns:127.0.0.1:" + port, "-u", "alice", "--credential", "x",
                        "--ca-file", otherCa.certificate().toString(), "--family", "4", "--timeout", "3s");
                Thread.sleep(300);
            }
            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        }
        assertThat(DissectorTsharkTest.mismatches(pcap)).isEmpty();
        // the client's fatal certificate_unknown, in clear before ChangeCipherSpec (coturn speaks TLS 1.2)
        assertThat(values(pcap, Fields.TLS_ALERT_MESSAGE_LEVEL)).containsExactly("2");
        assertThat(values(pcap, Fields.TLS_ALERT_MESSAGE_DESC)).containsExactly("46");
        assertThat(values(pcap, Fields.TLS_HANDSHAKE_TYPE)).contains("1", "2", "11");
    }

    /**
     * tcpdump on loopback, handed each packet as it comes (immediate mode: otherwise the kernel may still hold the
     * last packets when the test stops it) and writing it at once; ready once it says it is listening.
     */
    private static ExternalProcess tcpdump(Path pcap, String filter) throws IOException, InterruptedException {
        String bin = Requires.which("tcpdump");
        ExternalProcess p = ExternalProcess.start(List.of(bin, "-i", "lo", "--immediate-mode", "-U", "-n", "-Z", "root", "-w", pcap.toString(),
                filter));
        if (!p.awaitLog("listening on", Duration.ofSeconds(10))) {
            String log = p.log();
            p.close();
            throw new IOException("tcpdump did not start: " + log);
        }
        return p;
    }

    /** An openssl client that sends a line and hangs up (at the end of its input), bounded in time. */
    private static void client(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().write("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        Thread.sleep(500);
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
    }

    /** Every value of a field over the capture, as rtc dissects it. */
    private static List<String> values(Path pcap, Field field) throws IOException {
        Dissector dissector = new Dissector();
        Frame frame = new Frame(Fields.registry());
        List<String> out = new ArrayList<>();
        try (CaptureFileReader reader = CaptureFileReader.open("-",
                new ByteArrayInputStream(Files.readAllBytes(pcap)))) {
            long n = 0;
            while (reader.next(frame, ++n)) {
                dissector.dissect(frame);
                for (int i = 0; i < frame.count(field.id()); i++) {
                    out.add(frame.getString(field.id(), i));
                }
            }
        }
        return out;
    }
}
