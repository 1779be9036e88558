package dev.rtc.dtls;

import dev.rtc.ice.IceSession;
import dev.rtc.net.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * A DTLS association as WebRTC makes one (RFC 8827, RFC 5763): after ICE connects, the a=setup:active side is the
 * DTLS client and the passive side the server; both present a self-signed certificate (the server requests the
 * client's) and each accepts the other's only if its SHA-256 matches the a=fingerprint from the peer's SDP. The
 * client offers use_srtp with the profiles browsers use. Bouncy Castle runs the protocol; this class configures
 * it, checks the fingerprint and reports the outcome as a {@link DtlsResult}.
 */
public final class DtlsSession implements AutoCloseable {
    /** The DTLS role; WebRTC derives it from a=setup (RFC 5763 section 5). */
    public enum Role {
        CLIENT, SERVER;

        /** "active" is the client, "passive" the server (an answerer's choice; "actpass" is an offer's). */
        public static Role fromSetup(String setup) {
            return switch (setup.strip().toLowerCase(Locale.ROOT)) {
                case "active" -> CLIENT;
                case "passive" -> SERVER;
                default -> throw new IllegalArgumentException("a=setup:" + setup
                        + " does not fix a DTLS role (active or passive)");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The use_srtp profiles offered, in preference order: AES-128-GCM (RFC 7714), which Chromium prefers, then
     * AES128_CM_HMAC_SHA1_80 (RFC 5764), which every browser supports.
     */
    static final int[] SRTP_PROFILES = {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};
    /** DTLS 1.2 only: Bouncy Castle 1.83 has no DTLS 1.3, and browsers still accept 1.2. */
    static final ProtocolVersion[] VERSIONS = ProtocolVersion.DTLSv12.only();

    static final int[] SERVER_SUITES = {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA};

    private final DtlsResult result;
    private final DTLSTransport transport;
    private final DatagramTransport datagrams;
    private final byte[] srtpKeys;

    private DtlsSession(DtlsResult result, DTLSTransport transport, DatagramTransport datagrams, byte[] srtpKeys) {
        this.result = result;
        this.transport = transport;
        this.datagrams = datagrams;
        this.srtpKeys = srtpKeys;
    }

    /**
     * Runs the handshake over a connected ICE session's selected pair; blocks until it completes, fails or
     * {@code timeout} passes. Datagrams that are not DTLS go on to {@code others} (null: dropped) during and after
     * the handshake, until the session is closed.
     */
    public static DtlsSession handshake(IceSession ice, IceSession.DataListener others, DtlsCertificate local,
            String peerFingerprint, Role role, Duration timeout) {
        return handshake(DtlsDatagrams.over(ice, others), local, peerFingerprint, role, timeout);
    }

    /**
     * Runs the handshake over {@code datagrams}; blocks until it completes, fails or {@code timeout} passes. On
     * failure the datagram transport is closed; on success closing this session closes it.
     */
    public static DtlsSession handshake(DatagramTransport datagrams, DtlsCertificate local, String peerFingerprint,
            Role role, Duration timeout) {
        JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
        Check check = new Check(peerFingerprint);
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Deadline bounded = new Deadline(datagrams, System.nanoTime() + timeout.toNanos());
        long start = System.nanoTime();
        try {
            DTLSTransport t;
            TlsContext context;
            if (role == Role.CLIENT) {
                Client c = new Client(crypto, local, check, millis);
                t = new DTLSClientProtocol().connect(c, bounded);
                context = c.context();
            } else {
                Server s = new Server(crypto, local, check, millis);
                DTLSServerProtocol p = new DTLSServerProtocol();
                // ICE connectivity checks have already shown the peer answers at its address
                p.setVerifyRequests(false);
                t = p.accept(s, bounded);
                context = s.context();
            }
            bounded.lift();
            SecurityParameters sp = context.getSecurityParametersConnection();
            DtlsResult r = new DtlsResult(true, role.label(), sp.getNegotiatedVersion().toString(),
                    cipherSuiteName(sp.getCipherSuite()), check.srtp < 0 ? null : srtpProfileName(check.srtp),
                    check.peer, Duration.ofNanos(System.nanoTime() - start), null);
            return new DtlsSession(r, t, datagrams, check.srtpKeys);
        } catch (IOException | RuntimeException e) {
            closeQuietly(datagrams);
            return new DtlsSession(new DtlsResult(false, role.label(), null, null, null, check.peer,
                    Duration.ofNanos(System.nanoTime() - start), cause(e, check, timeout)), null, null, null);
        }
    }

    public DtlsResult result() {
        return result;
    }

    /**
     * The SRTP keys and salts both ends derive from this association (RFC 5764 section 4.2: the exporter with label
     * "EXTRACTOR-dtls_srtp", client key, server key, client salt, server salt), sized for the negotiated profile;
     * null when no SRTP profile was agreed.
     */
    public byte[] srtpKeyingMaterial() {
        return srtpKeys == null ? null : srtpKeys.clone();
    }

    /** Bouncy Castle lets the exporter run only while the handshake completes, so it is taken then. */
    static byte[] exportSrtpKeys(TlsContext context, int profile) {
        if (profile < 0) {
            return null;
        }
        // key and salt lengths: RFC 5764 section 4.1.2, RFC 7714 section 12
        int keyAndSalt = profile == SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM ? 16 + 12 : 16 + 14;
        return context.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 2 * keyAndSalt);
    }

    /** Sends one application-data record; the handshake must have completed. */
    public void send(byte[] data) throws IOException {
        if (transport == null) {
            throw new IOException("the DTLS handshake did not complete");
        }
        transport.send(data, 0, data.length);
    }

    /**
     * The next application-data record, or null if none arrives within {@code wait}. Records that fail their
     * checks are dropped; an IOException means the association is over (close_notify, a fatal alert).
     */
    public byte[] receive(Duration wait) throws IOException {
        if (transport == null) {
            throw new IOException("the DTLS handshake did not complete");
        }
        byte[] buf = new byte[transport.getReceiveLimit()];
        try {
            int n = transport.receive(buf, 0, buf.length, (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    wait.toMillis())));
            return n < 0 ? null : java.util.Arrays.copyOf(buf, n);
        } catch (RuntimeException e) {
            // whatever a malformed record provokes in the record layer surfaces as this method's one failure type
            throw new IOException("DTLS receive failed: " + e, e);
        }
    }

    /** Sends close_notify and releases the datagram path (an ICE session's data goes back to the delegate). */
    @Override
    public void close() {
        if (transport != null) {
            closeQuietly(transport);
            closeQuietly(datagrams);
        }
    }

    private static void closeQuietly(DatagramTransport t) {
        try {
            t.close();
        } catch (IOException | RuntimeException e) {
            // closing is best effort: the peer learns of it by close_notify or by consent expiry
        }
    }

    static String cause(Throwable e, Check check, Duration timeout) {
        if (check.mismatch != null) {
            return check.mismatch;
        }
        if (e instanceof TlsFatalAlertReceived r) {
            return "the peer sent alert " + AlertDescription.getName(r.getAlertDescription());
        }
        if (check.received >= 0) {
            return "the peer sent alert " + AlertDescription.getName(check.received);
        }
        if (e instanceof TlsTimeoutException) {
            return "no DTLS handshake within " + Durations.format(timeout);
        }
        if (e instanceof InterruptedIOException) {
            return "interrupted during the DTLS handshake";
        }
        if (check.raised != null) {
            return "DTLS handshake failed: " + check.raised;
        }
        if (e instanceof TlsFatalAlert a) {
            String m = a.getMessage();
            return "DTLS handshake failed: " + AlertDescription.getName(a.getAlertDescription())
                    + (m == null || m.isBlank() || m.equals(AlertDescription.getText(a.getAlertDescription()))
                    ? "" : " (" + m + ")");
        }
        String m = e.getMessage();
        return "DTLS handshake failed: " + (m == null ? e.getClass().getSimpleName() : m.lines().findFirst()
                .orElse(""));
    }

    /** The IANA name of a cipher suite, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256; 0x1234 if unknown. */
    static String cipherSuiteName(int suite) {
        return constantName(CipherSuite.class, suite, "TLS_", String.format("0x%04x", suite));
    }

    /** The RFC 5764/7714 name of an SRTP protection profile, e.g. SRTP_AEAD_AES_128_GCM; 0x0007 if unknown. */
    static String srtpProfileName(int profile) {
        return constantName(SRTPProtectionProfile.class, profile, "SRTP_", String.format("0x%04x", profile));
    }

    private static String constantName(Class<?> holder, int value, String prefix, String unknown) {
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getName().startsWith(prefix)) {
                try {
                    if (f.getInt(null) == value) {
                        return f.getName();
                    }
                } catch (IllegalAccessException e) {
                    return unknown;
                }
            }
        }
        return unknown;
    }

    /** What the handshake learnt about the peer: its fingerprint, a mismatch, the SRTP profile, an alert. */
    static final class Check {
        final String expected;
        volatile String peer;
        volatile String mismatch;
        volatile int srtp = -1;
        volatile short received = -1;
        volatile String raised;
        volatile byte[] srtpKeys;

        Check(String expected) {
            this.expected = expected;
        }

        /** Accepts the peer's certificate only if its SHA-256 is the one its SDP announced. */
        void verify(Certificate chain) throws IOException {
            if (chain == null || chain.isEmpty()) {
                mismatch = "the peer presented no certificate (its SDP says " + expected + ")";
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
            byte[] der = chain.getCertificateAt(0).getEncoded();
            peer = "sha-256 " + DtlsCertificate.fingerprintOf(der);
            if (!DtlsCertificate.matches(der, expected)) {
                mismatch = "fingerprint mismatch: the SDP says " + expected + ", the peer's certificate is " + peer;
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
        }

        void raised(short description, String message, Throwable cause) {
            if (raised == null) {
                Throwable root = cause;
                while (root != null && root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String why = root != null && root.getMessage() != null ? root.getMessage() : message;
                raised = AlertDescription.getName(description) + (why == null || why.isBlank() ? ""
                        : " (" + why.lines().findFirst().orElse("") + ")");
            }
        }

        void alert(short level, short description) {
            if (level == AlertLevel.fatal && received < 0) {
                received = description;
            }
        }
    }

    private static Certificate chain(JcaTlsCrypto crypto, DtlsCertificate local) throws IOException {
        TlsCertificate c = crypto.createCertificate(local.der());
        return new Certificate(new TlsCertificate[] {c});
    }

    private static TlsCredentialedSigner signer(TlsContext context, JcaTlsCrypto crypto, DtlsCertificate local)
            throws IOException {
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                local.keys().getPrivate(), chain(crypto, local),
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private static final class Client extends DefaultTlsClient {
        private final JcaTlsCrypto crypto;
        private final DtlsCertificate local;
        private final Check check;
        private final int timeoutMillis;

        Client(JcaTlsCrypto crypto, DtlsCertificate local, Check check, int timeoutMillis) {
            super(crypto);
            this.crypto = crypto;
            this.local = local;
            this.check = check;
            this.timeoutMillis = timeoutMillis;
        }

        TlsContext context() {
            return context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return VERSIONS;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return timeoutMillis;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            if (chosen != null) {
                int[] p = chosen.getProtectionProfiles();
                // RFC 5764 section 4.1.1: the server's use_srtp names exactly one of the offered profiles
                if (p.length != 1 || !offered(p[0])) {
                    throw new TlsFatalAlert(AlertDescription.illegal_parameter, "use_srtp chose a profile not offered");
                }
                check.srtp = p[0];
            }
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    check.verify(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return signer(context, crypto, local);
                }
            };
        }

        @Override
        public void notifyAlertReceived(short level, short description) {
            check.alert(level, description);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            check.srtpKeys = exportSrtpKeys(context, check.srtp);
        }

        @Override
        public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
            check.raised(description, message, cause);
        }
    }

    private static final class Server extends DefaultTlsServer {
        private final JcaTlsCrypto crypto;
        private final DtlsCertificate local;
        private final Check check;
        private final int timeoutMillis;
        private int chosen = -1;

        Server(JcaTlsCrypto crypto, DtlsCertificate local, Check check, int timeoutMillis) {
            super(crypto);
            this.crypto = crypto;
            this.local = local;
            this.check = check;
            this.timeoutMillis = timeoutMillis;
        }

        TlsContext context() {
            return context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return VERSIONS;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return timeoutMillis;
        }

        /** The certificate is ECDSA, so only ECDHE_ECDSA suites can be served (AEADs first, as browsers order). */
        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SERVER_SUITES);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offer = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (offer != null) {
                for (int mine : SRTP_PROFILES) {
                    for (int theirs : offer.getProtectionProfiles()) {
                        if (mine == theirs && chosen < 0) {
                            chosen = mine;
                        }
                    }
                }
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
            if (chosen >= 0) {
                TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {chosen},
                        TlsUtils.EMPTY_BYTES));
                check.srtp = chosen;
            }
            return extensions;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public CertificateRequest getCertificateRequest() {
            // WebRTC authenticates both ends: the client must present the certificate its SDP fingerprints
            Vector algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign,
                    ClientCertificateType.rsa_sign}, algorithms, null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            check.verify(clientCertificate);
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return signer(context, crypto, local);
        }

        @Override
        public void notifyAlertReceived(short level, short description) {
            check.alert(level, description);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            check.srtpKeys = exportSrtpKeys(context, check.srtp);
        }

        @Override
        public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
            check.raised(description, message, cause);
        }
    }

    private static boolean offered(int profile) {
        for (int p : SRTP_PROFILES) {
            if (p == profile) {
                return true;
            }
        }
        return false;
    }

    /** Bounds the whole handshake: past the deadline every receive times out, until the handshake is over. */
    private static final class Deadline implements DatagramTransport {
        private final DatagramTransport inner;
        private final long deadline;
        private volatile boolean lifted;

        Deadline(DatagramTransport inner, long deadline) {
            this.inner = inner;
            this.deadline = deadline;
        }

        @Override
        public int getReceiveLimit() throws IOException {
            return inner.getReceiveLimit();
        }

        @Override
        public int getSendLimit() throws IOException {
            return inner.getSendLimit();
        }

        void lift() {
            lifted = true;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (lifted) {
                return inner.receive(buf, off, len, waitMillis);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new TlsTimeoutException("DTLS handshake deadline passed");
            }
            return inner.receive(buf, off, len, (int) Math.min(waitMillis, left));
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            inner.send(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
