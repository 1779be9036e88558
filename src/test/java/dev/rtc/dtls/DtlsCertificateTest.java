package dev.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The session certificate: a valid self-signed ECDSA certificate, and its SDP fingerprint checked like openssl's. */
class DtlsCertificateTest {
    @Test
    void aSelfSignedP256CertificateWhoseFingerprintTheSdpCarries() throws Exception {
        DtlsCertificate c = DtlsCertificate.generate();
        X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.der()));
        x.verify(x.getPublicKey());
        x.checkValidity();
        assertThat(x.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.fingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(DtlsCertificate.matches(c.der(), c.fingerprint())).isTrue();
        assertThat(DtlsCertificate.matches(c.der(), c.fingerprint().toLowerCase())).isTrue();
        assertThat(DtlsCertificate.matches(c.der(), DtlsCertificate.generate().fingerprint())).isFalse();
        assertThat(DtlsCertificate.matches(c.der(), "sha-1 " + c.fingerprint().substring(8))).isFalse();
        assertThat(DtlsCertificate.matches(c.der(), null)).isFalse();
    }

    @Test
    void theFingerprintIsOpensslsSha256OfTheDer() throws Exception {
        DtlsCertificate c = DtlsCertificate.generate();
        java.nio.file.Path der = java.nio.file.Files.createTempFile("rtc-cert", ".der");
        try {
            java.nio.file.Files.write(der, c.der());
            Process p = new ProcessBuilder("openssl", "x509", "-inform", "DER", "-in", der.toString(), "-noout",
                    "-fingerprint", "-sha256").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertThat(p.waitFor()).isZero();
            // "sha256 Fingerprint=AB:CD:..." (OpenSSL 3) or "SHA256 Fingerprint=..."
            assertThat(out.substring(out.indexOf('=') + 1)).isEqualTo(c.fingerprint().substring("sha-256 ".length()));
        } finally {
            java.nio.file.Files.deleteIfExists(der);
        }
    }
}
