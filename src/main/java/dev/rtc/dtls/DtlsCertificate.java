package dev.rtc.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate of one WebRTC session, as browsers make theirs (RFC 8827 section 6.5): an ECDSA P-256
 * key, a random serial, valid from a day ago for 30 days, and its SHA-256 fingerprint for the SDP's
 * {@code a=fingerprint:sha-256} line (RFC 8122), which the peer checks the DTLS handshake against.
 */
public final class DtlsCertificate {
    private final KeyPair keys;
    private final X509CertificateHolder certificate;
    private final byte[] der;

    private DtlsCertificate(KeyPair keys, X509CertificateHolder certificate) throws IOException {
        this.keys = keys;
        this.certificate = certificate;
        this.der = certificate.getEncoded();
    }

    /** A new key pair and certificate. */
    public static DtlsCertificate generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = g.generateKeyPair();
            X500Name name = new X500Name("CN=rtc");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(63, random),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                    keys.getPublic());
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(keys.getPrivate()));
            return new DtlsCertificate(keys, holder);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a DTLS certificate: " + e.getMessage(), e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    /** The certificate in DER. */
    public byte[] der() {
        return der.clone();
    }

    /** "sha-256 AB:CD:...": the value of the SDP's a=fingerprint attribute. */
    public String fingerprint() {
        return "sha-256 " + fingerprintOf(der);
    }

    /** The upper-case, colon-separated SHA-256 of a DER certificate, as SDP writes it. */
    public static String fingerprintOf(byte[] der) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /**
     * Whether a DER certificate matches an a=fingerprint value ("sha-256 AB:..."; the hash name and the hex digits
     * compared without regard to case). Only sha-256 is accepted, as browsers send.
     */
    public static boolean matches(byte[] der, String sdpFingerprint) {
        if (sdpFingerprint == null) {
            return false;
        }
        String[] parts = sdpFingerprint.strip().split("\\s+");
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("sha-256")) {
            return false;
        }
        return MessageDigest.isEqual(fingerprintOf(der).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                parts[1].toUpperCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
