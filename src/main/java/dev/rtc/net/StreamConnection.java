package dev.rtc.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A TCP or TLS connection carrying STUN messages and ChannelData frames (RFC 8489 section 6.2.2, RFC 8656). The
 * stream is cut into frames by a {@link StreamFramer} on a reader thread of the connection's own. The times the
 * TCP connect and the TLS handshake took are kept, for latency breakdowns.
 */
public final class StreamConnection implements AutoCloseable {
    /** What the reader delivers. Called on the connection's reader thread. */
    public interface Listener {
        /** One whole STUN message or ChannelData frame (padding included) as read from the stream. */
        void frame(byte[] frame);

        /** The stream ended: {@code cause} is null for an orderly close by the peer or by {@link #close()}. */
        default void closed(IOException cause) {
        }
    }

    private final Socket socket;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Duration connectTime;
    private final Duration handshakeTime;
    private final OutputStream out;
    private final InputStream in;
    private volatile boolean closed;
    private Thread reader;

    private StreamConnection(Socket socket, InetSocketAddress remote, Duration connectTime, Duration handshakeTime)
            throws IOException {
        this.socket = socket;
        this.remote = remote;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.connectTime = connectTime;
        this.handshakeTime = handshakeTime;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects over TCP, or TLS when {@code tls} is not null, within {@code timeout} for both stages. */
    public static StreamConnection connect(InetSocketAddress remote, Duration timeout, TlsOptions tls)
            throws IOException {
        return connect(null, remote, timeout, tls, Clock.system());
    }

    /**
     * Connects from {@code local} (null: any address and port) to {@code remote} over TCP, or TLS when
     * {@code tls} is not null; the TCP connect and the TLS handshake each get what is left of {@code timeout}.
     *
     * @throws StreamConnectException naming the stage and the reason when the connection cannot be set up
     */
    public static StreamConnection connect(InetSocketAddress local, InetSocketAddress remote, Duration timeout,
            TlsOptions tls, Clock clock) throws IOException {
        Objects.requireNonNull(remote, "remote");
        if (remote.isUnresolved()) {
            throw new StreamConnectException(StreamConnectException.Stage.TCP_CONNECT,
                    StreamConnectException.Reason.OTHER, "cannot resolve " + remote.getHostString(), null);
        }
        String where = Addresses.format(remote);
        long limit = Math.max(1, timeout.toMillis());
        Socket tcp = new Socket();
        // the TLS context (trust store, random source) is set up before the clock starts: the handshake time
        // reported is the handshake's, not the JVM's one-off TLS initialisation
        SSLContext ctx = tls == null ? null : context(tls);
        long start = clock.nanoTime();
        try {
            tcp.setTcpNoDelay(true);
            if (local != null) {
                tcp.setReuseAddress(true);
                tcp.bind(local);
            }
            tcp.connect(remote, (int) Math.min(Integer.MAX_VALUE, limit));
        } catch (ConnectException e) {
            close(tcp);
            throw new StreamConnectException(StreamConnectException.Stage.TCP_CONNECT,
                    StreamConnectException.Reason.REFUSED, "TCP connection to " + where + " refused", e);
        } catch (SocketTimeoutException e) {
            close(tcp);
            throw new StreamConnectException(StreamConnectException.Stage.TCP_CONNECT,
                    StreamConnectException.Reason.TIMEOUT,
                    "TCP connection to " + where + " timed out after " + Durations.format(timeout), e);
        } catch (IOException e) {
            close(tcp);
            throw new StreamConnectException(StreamConnectException.Stage.TCP_CONNECT,
                    StreamConnectException.Reason.OTHER, "TCP connection to " + where + " failed: " + e.getMessage(), e);
        }
        long connected = clock.nanoTime();
        Duration connectTime = Duration.ofNanos(connected - start);
        if (tls == null) {
            return new StreamConnection(tcp, remote, connectTime, null);
        }
        long left = limit - Duration.ofNanos(connected - start).toMillis();
        SSLSocket ssl;
        try {
            ssl = handshake(ctx, tcp, remote, tls, (int) Math.max(1, Math.min(Integer.MAX_VALUE, left)));
        } catch (SocketTimeoutException e) {
            close(tcp);
            throw new StreamConnectException(StreamConnectException.Stage.TLS_HANDSHAKE,
                    StreamConnectException.Reason.TIMEOUT,
                    "TLS handshake with " + where + " timed out after " + Durations.format(timeout), e, connectTime);
        } catch (SSLException e) {
            close(tcp);
            boolean cert = causedByCertificate(e);
            throw new StreamConnectException(StreamConnectException.Stage.TLS_HANDSHAKE,
                    cert ? StreamConnectException.Reason.CERTIFICATE : StreamConnectException.Reason.OTHER,
                    "TLS handshake with " + where + " failed: "
                            + (cert ? "certificate rejected: " : "") + rootMessage(e), e, connectTime);
        } catch (IOException e) {
            close(tcp);
            throw new StreamConnectException(StreamConnectException.Stage.TLS_HANDSHAKE,
                    StreamConnectException.Reason.OTHER,
                    "TLS handshake with " + where + " failed: " + rootMessage(e), e, connectTime);
        }
        Duration handshakeTime = Duration.ofNanos(clock.nanoTime() - connected);
        return new StreamConnection(ssl, remote, connectTime, handshakeTime);
    }

    private static SSLContext context(TlsOptions tls) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagers(tls), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SSLSocket handshake(SSLContext ctx, Socket tcp, InetSocketAddress remote, TlsOptions tls,
            int timeoutMillis) throws IOException {
        String name = tls.serverName() != null ? tls.serverName() : remote.getAddress().getHostAddress();
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(tcp, name, remote.getPort(), true);
        SSLParameters params = ssl.getSSLParameters();
        if (!tls.insecure()) {
            // checks the certificate's names (DNS or IP SANs) against the name asked for
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (isHostName(name)) {
            params.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(params);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return ssl;
    }

    private static TrustManager[] trustManagers(TlsOptions tls) throws GeneralSecurityException {
        if (tls.insecure()) {
            return new TrustManager[] {new AcceptAll()};
        }
        if (tls.trustStore() == null) {
            return null; // the JDK's default trust store
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(tls.trustStore());
        return tmf.getTrustManagers();
    }

    private static boolean isHostName(String name) {
        return name.indexOf(':') < 0 && !name.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                && name.indexOf('.') > 0 && !name.endsWith(".");
    }

    private static boolean causedByCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** Trusts every certificate: {@code --insecure}. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** "TCP", or "TLSv1.3"-style protocol name for TLS. */
    public String protocol() {
        return socket instanceof SSLSocket s ? s.getSession().getProtocol() : "TCP";
    }

    /** The TLS cipher suite, empty for TCP. */
    public Optional<String> cipherSuite() {
        return socket instanceof SSLSocket s ? Optional.of(s.getSession().getCipherSuite()) : Optional.empty();
    }

    /** When the server's own certificate (the first of its chain) expires; empty for TCP. */
    public Optional<java.time.Instant> peerCertificateNotAfter() {
        if (socket instanceof SSLSocket s) {
            try {
                java.security.cert.Certificate[] chain = s.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                    return Optional.of(x.getNotAfter().toInstant());
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** How long the TCP connect took. */
    public Duration connectTime() {
        return connectTime;
    }

    /** How long the TLS handshake took; empty for TCP. */
    public Optional<Duration> handshakeTime() {
        return Optional.ofNullable(handshakeTime);
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Writes one whole message or frame. Safe to call from several threads. */
    public void send(byte[] frame) throws IOException {
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    /** Starts the reader thread delivering frames to {@code listener}; it runs until the stream ends. Call once. */
    public synchronized void receive(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (reader != null) {
            throw new IllegalStateException("reader already started");
        }
        reader = new Thread(() -> read(listener), "rtc-" + (isTls() ? "tls-" : "tcp-") + local.getPort());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Listener listener) {
        StreamFramer framer = new StreamFramer(listener::frame);
        byte[] buf = new byte[8192];
        IOException cause = null;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                framer.feed(buf, 0, n);
            }
            if (framer.pending() > 0) {
                cause = new IOException("stream from " + Addresses.format(remote) + " ended inside a frame ("
                        + framer.pending() + " bytes left over)");
            }
        } catch (SocketException e) {
            if (!closed) {
                cause = e;
            }
        } catch (IOException e) {
            if (!closed) {
                cause = e;
            }
        }
        close();
        listener.closed(cause);
    }

    @Override
    public void close() {
        closed = true;
        close(socket);
    }

    @Override
    public String toString() {
        return protocol().toLowerCase(java.util.Locale.ROOT) + " " + Addresses.format(local) + " -> "
                + Addresses.format(remote);
    }
}
