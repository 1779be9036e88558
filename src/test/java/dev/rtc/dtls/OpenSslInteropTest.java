package dev.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dtls.DtlsSession.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rtc's DTLS against OpenSSL's (an independent implementation) over loopback UDP: openssl s_server as the DTLS
 * server with rtc the client, and openssl s_client as the client with rtc the server. Each side requires the
 * other's certificate, use_srtp is negotiated, and application data crosses both ways.
 */
class OpenSslInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** An OpenSSL-made P-256 certificate; returns its a=fingerprint as openssl computes it. */
    private String opensslCertificate() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-subj", "/CN=openssl-peer", "-days", "2");
        String out = run("openssl", "x509", "-in", dir.resolve("cert.pem").toString(), "-noout", "-fingerprint",
                "-sha256");
        Matcher m = Pattern.compile("(?i)sha256 Fingerprint=([0-9A-F:]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String fingerprint = "sha-256 " + m.group(1);
        // rtc's fingerprint of the same DER agrees with OpenSSL's
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve("cert.pem")));
        assertThat("sha-256 " + DtlsCertificate.fingerprintOf(c.getEncoded())).isEqualTo(fingerprint);
        return fingerprint;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Collects a process's output as it comes. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();

        Output(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (text) {
                            text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            text.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "openssl-output");
            t.setDaemon(true);
            t.start();
        }

        String await(String needle, Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            synchronized (text) {
                while (!text.toString().contains(needle)) {
                    long left = (end - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    text.wait(left);
                }
                return text.toString();
            }
        }
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The certificate openssl printed as the peer's, in DER. */
    private static byte[] peerCertificate(String output) {
        Matcher m = Pattern.compile("-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", Pattern.DOTALL)
                .matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Base64.getMimeDecoder().decode(m.group(1));
    }

    @Test
    void rtcClientAgainstOpensslServer() throws Exception {
        String theirs = opensslCertificate();
        DtlsCertificate mine = DtlsCertificate.generate();
        int port = freeUdpPort();
        Process server = start("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                "-Verify", "1", "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-naccept", "1");
        Output out = new Output(server.getInputStream());
        assertThat(out.await("ACCEPT", TIMEOUT)).contains("ACCEPT");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DtlsSession s = DtlsSession.handshake(DtlsDatagrams.over(socket, new InetSocketAddress(
                     InetAddress.getLoopbackAddress(), port), null), mine, theirs, Role.CLIENT, TIMEOUT)) {
            DtlsResult r = s.result();
            assertThat(r.cause()).isNull();
            assertThat(r.version()).isEqualTo("DTLS 1.2");
            assertThat(r.peerFingerprint()).isEqualTo(theirs);
            // the server offered only this profile: rtc takes the server's choice
            assertThat(r.srtpProfile()).isEqualTo("SRTP_AES128_CM_HMAC_SHA1_80");

            s.send("ping from rtc\n".getBytes(StandardCharsets.US_ASCII));
            String seen = out.await("ping from rtc", TIMEOUT);
            assertThat(seen).contains("ping from rtc")
                    .contains("SRTP Extension negotiated, profile=SRTP_AES128_CM_SHA1_80");
            assertThat(DtlsCertificate.matches(peerCertificate(seen), mine.fingerprint()))
                    .as("openssl saw rtc's certificate").isTrue();
            OutputStream in = server.getOutputStream();
            in.write("pong from openssl\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            assertThat(s.receive(TIMEOUT)).asString(StandardCharsets.US_ASCII).isEqualTo("pong from openssl\n");
        }
    }

    @Test
    void opensslClientAgainstRtcServer() throws Exception {
        String theirs = opensslCertificate();
        DtlsCertificate mine = DtlsCertificate.generate();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int clientPort = freeUdpPort();
            DtlsDatagrams path = DtlsDatagrams.over(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    clientPort), null);
            Process client = start("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:"
                    + socket.getLocalPort(), "-bind", "127.0.0.1:" + clientPort,
                    "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                    "-use_srtp", "SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM",
                    "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "56");
            Output out = new Output(client.getInputStream());
            try (DtlsSession s = DtlsSession.handshake(path, mine, theirs, Role.SERVER, TIMEOUT)) {
                DtlsResult r = s.result();
                assertThat(r.cause()).as(out.await("never", Duration.ZERO)).isNull();
                assertThat(r.version()).isEqualTo("DTLS 1.2");
                assertThat(r.peerFingerprint()).isEqualTo(theirs);
                // rtc's preference wins among the offered profiles
                assertThat(r.srtpProfile()).isEqualTo("SRTP_AEAD_AES_128_GCM");
                assertThat(r.cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");

                s.send("ping from rtc\n".getBytes(StandardCharsets.US_ASCII));
                String seen = out.await("ping from rtc", TIMEOUT);
                assertThat(seen).contains("ping from rtc")
                        .contains("SRTP Extension negotiated, profile=SRTP_AEAD_AES_128_GCM")
                        .contains("Protocol  : DTLSv1.2");
                // the SRTP keys OpenSSL exports (RFC 5764 section 4.2) are the ones rtc derives
                Matcher keys = Pattern.compile("Keying material: ([0-9A-Fa-f]+)").matcher(seen);
                assertThat(keys.find()).as(seen).isTrue();
                assertThat(java.util.HexFormat.of().formatHex(s.srtpKeyingMaterial()))
                        .isEqualToIgnoringCase(keys.group(1));
                assertThat(DtlsCertificate.matches(peerCertificate(seen), mine.fingerprint()))
                        .as("openssl saw rtc's certificate").isTrue();
                OutputStream in = client.getOutputStream();
                in.write("pong from openssl\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
                assertThat(s.receive(TIMEOUT)).asString(StandardCharsets.US_ASCII).isEqualTo("pong from openssl\n");
            }
        }
    }

    @Test
    void opensslServerWithAnotherCertificateIsRejectedByFingerprint() throws Exception {
        opensslCertificate();
        String announced = DtlsCertificate.generate().fingerprint();
        int port = freeUdpPort();
        Process server = start("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                "-Verify", "1", "-naccept", "1");
        Output out = new Output(server.getInputStream());
        assertThat(out.await("ACCEPT", TIMEOUT)).contains("ACCEPT");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DtlsResult r = DtlsSession.handshake(DtlsDatagrams.over(socket, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), port), null), DtlsCertificate.generate(), announced,
                    Role.CLIENT, TIMEOUT).result();
            assertThat(r.completed()).isFalse();
            assertThat(r.cause()).startsWith("fingerprint mismatch: the SDP says " + announced
                    + ", the peer's certificate is sha-256 ");
            assertThat(out.await("bad certificate", TIMEOUT)).containsIgnoringCase("bad certificate");
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedByTheRtcServer() throws Exception {
        String theirs = opensslCertificate();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int clientPort = freeUdpPort();
            DtlsDatagrams path = DtlsDatagrams.over(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    clientPort), null);
            Process client = start("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:"
                    + socket.getLocalPort(), "-bind", "127.0.0.1:" + clientPort);
            Output out = new Output(client.getInputStream());
            DtlsResult r = DtlsSession.handshake(path, DtlsCertificate.generate(), theirs, Role.SERVER, TIMEOUT)
                    .result();
            assertThat(r.completed()).isFalse();
            assertThat(r.cause()).isEqualTo("the peer presented no certificate (its SDP says " + theirs + ")");
            assertThat(out.await("handshake failure", TIMEOUT)).containsIgnoringCase("handshake failure");
        }
    }
}
