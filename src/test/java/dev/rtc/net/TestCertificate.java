package dev.rtc.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1, made with openssl in a temporary directory, for
 * servers the tests start (coturn's --cert/--pkey) and as the trust anchor clients check them against.
 */
public final class TestCertificate implements AutoCloseable {
    private final Path dir;

    private TestCertificate(Path dir) {
        this.dir = dir;
    }

    /** Generates a fresh EC P-256 key and certificate (CN=localhost, SANs localhost, 127.0.0.1, ::1). */
    public static TestCertificate generate() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rtc-test-cert-" + ProcessHandle.current().pid() + "-");
        Process p = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("openssl could not make a certificate: " + Files.readString(dir.resolve("openssl.log")));
        }
        return new TestCertificate(dir);
    }

    /** The certificate, PEM. */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** The private key, PEM, unencrypted. */
    public Path privateKey() {
        return dir.resolve("key.pem");
    }

    /** A client's TLS context that trusts this certificate and nothing else. */
    public javax.net.ssl.SSLContext trustingClient() throws java.security.GeneralSecurityException, IOException {
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TlsOptions.loadCertificates(certificate()));
        javax.net.ssl.SSLContext client = javax.net.ssl.SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return client;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
