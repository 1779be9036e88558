package dev.rtc.net;

import dev.rtc.testing.ExternalProcess;
import dev.rtc.testing.FreePorts;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A coturn the test starts on 127.0.0.1: plain port (UDP and TCP) and TLS port from {@link FreePorts} (with the
 * next ports free too, which coturn takes as its RFC 5780 alternates), a certificate made for the run, no
 * configuration file, no CLI. Extra options (users, realm...) can be added. Closing ends exactly that process.
 */
public final class Coturn implements AutoCloseable {
    private final ExternalProcess process;
    private final TestCertificate certificate;
    private final Path dir;
    private final int port;
    private final int tlsPort;

    private Coturn(ExternalProcess process, TestCertificate certificate, Path dir, int port, int tlsPort) {
        this.process = process;
        this.certificate = certificate;
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** Starts coturn and waits until its TCP and TLS listeners accept connections. */
    public static Coturn start(String... extraOptions) throws IOException, InterruptedException {
        Requires.commands("turnserver", "openssl");
        return startOn(FreePorts.pairOn("127.0.0.1"), extraOptions);
    }

    /**
     * Starts coturn with one long-term user (realm rtc.test), loopback peers allowed (for relay checks), and relay
     * ports from a random range of {@code relayPorts} ports.
     */
    public static Coturn withUser(String user, String password, int relayPorts)
            throws IOException, InterruptedException {
        int low = 30000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20000);
        return start("--user", user + ":" + password, "--realm", "rtc.test", "--lt-cred-mech",
                "--allow-loopback-peers", "--min-port", String.valueOf(low),
                "--max-port", String.valueOf(low + relayPorts - 1));
    }

    /**
     * Starts coturn with its plain listener on {@code port} (chosen by the caller with {@link FreePorts#pairOn},
     * for a test that must name the port before coturn starts), and waits as {@link #start} does.
     */
    public static Coturn startOn(int port, String... extraOptions) throws IOException, InterruptedException {
        Requires.commands("turnserver", "openssl");
        TestCertificate cert = TestCertificate.generate();
        Path dir = cert.directory();
        int tlsPort = FreePorts.pairOn("127.0.0.1");
        List<String> cmd = new ArrayList<>(List.of("turnserver", "-n",
                "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1",
                "--listening-port", String.valueOf(port), "--tls-listening-port", String.valueOf(tlsPort),
                "--cert", cert.certificate().toString(), "--pkey", cert.privateKey().toString(),
                "--no-cli", "--log-file", "stdout", "--simple-log",
                "--pidfile", dir.resolve("turnserver.pid").toString(),
                "--userdb", dir.resolve("turndb").toString()));
        cmd.addAll(List.of(extraOptions));
        ExternalProcess p = ExternalProcess.start(cmd);
        Coturn c = new Coturn(p, cert, dir, port, tlsPort);
        try {
            c.awaitListening(Duration.ofSeconds(20));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void awaitListening(Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.alive()) {
                throw new IOException("turnserver exited: " + process.log());
            }
            if (accepts(port) && accepts(tlsPort)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("turnserver did not listen within " + limit + ": " + process.log());
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The plain (UDP and TCP) listener. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The TLS listener. */
    public InetSocketAddress tlsAddress() {
        return new InetSocketAddress("127.0.0.1", tlsPort);
    }

    /** The certificate coturn presents (PEM), to trust in clients. */
    public Path certificate() {
        return certificate.certificate();
    }

    public String log() {
        return process.log();
    }

    /**
     * One coturn for all the tests of a class, started before the first and closed after the last:
     * {@code @RegisterExtension static final Coturn.PerClass coturn = Coturn.perClass();}, then {@code coturn.get()}.
     */
    public static PerClass perClass(String... extraOptions) {
        return new PerClass(extraOptions);
    }

    /** See {@link #perClass}. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private final String[] options;
        private Coturn coturn;

        private PerClass(String[] options) {
            this.options = options.clone();
        }

        /** The running coturn. */
        public Coturn get() {
            if (coturn == null) {
                throw new IllegalStateException("coturn is started before the first test of the class");
            }
            return coturn;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            coturn = start(options);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            if (coturn != null) {
                coturn.close();
                coturn = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        process.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.equals(certificate.certificate()) && !f.equals(certificate.privateKey())) {
                    Files.deleteIfExists(f);
                }
            }
        }
        certificate.close();
    }
}
