package dev.rtc.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * How a TLS connection checks the server: the name the certificate must carry (also sent as SNI when it is a
 * host name), the trust anchors (the JDK's when {@code trustStore} is null), or no check at all
 * ({@code insecure}).
 *
 * @param serverName the host name or address the certificate must match; null: the address connected to
 * @param trustStore trust anchors; null for the JDK's default trust store
 * @param insecure   accept any certificate for any name (for testing servers with self-made certificates)
 */
public record TlsOptions(String serverName, KeyStore trustStore, boolean insecure) {
    /** Checks against the JDK's trust store. */
    public static TlsOptions checked(String serverName) {
        return new TlsOptions(serverName, null, false);
    }

    /** Accepts any certificate. */
    public static TlsOptions insecure(String serverName) {
        return new TlsOptions(serverName, null, true);
    }

    /** Checks against the certificates of a PEM (or DER) file instead of the JDK's trust store. */
    public static TlsOptions trusting(String serverName, Path caFile) throws IOException {
        return new TlsOptions(serverName, loadCertificates(caFile), false);
    }

    /** A trust store holding every certificate of a PEM or DER file. */
    /**
     * How every command checks a turns:/stuns: server named {@code serverName}: any certificate with
     * {@code insecure}, else against {@code caFile}'s certificates, else the system's.
     */
    public static TlsOptions forServer(String serverName, boolean insecure, Path caFile) throws IOException {
        if (insecure) {
            return insecure(serverName);
        }
        return caFile == null ? checked(serverName) : trusting(serverName, caFile);
    }

    public static KeyStore loadCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a certificate file: " + e.getMessage(), e);
        }
    }
}
