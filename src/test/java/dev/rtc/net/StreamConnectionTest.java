package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtc.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TCP and TLS to a real coturn on loopback, one bare Binding request each. */
class StreamConnectionTest {
    @RegisterExtension
    static final Coturn.PerClass coturn = Coturn.perClass();

    private static byte[] bindingRequest() {
        byte[] m = new byte[20];
        m[1] = 0x01;
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            m[i] = (byte) (0x30 + i);
        }
        return m;
    }

    private static byte[] exchange(StreamConnection c) throws Exception {
        BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(4);
        c.receive(frames::add);
        byte[] req = bindingRequest();
        c.send(req);
        byte[] resp = frames.poll(10, TimeUnit.SECONDS);
        assertThat(resp).as("answer from coturn; its log:\n%s", coturn.get().log()).isNotNull();
        assertThat(resp[0] & 0xFF).isEqualTo(0x01);   // Binding success response
        assertThat(resp[1] & 0xFF).isEqualTo(0x01);
        assertThat(resp).hasSize(20 + (((resp[2] & 0xFF) << 8) | (resp[3] & 0xFF)));
        assertThat(java.util.Arrays.copyOfRange(resp, 4, 20)).isEqualTo(java.util.Arrays.copyOfRange(req, 4, 20));
        return resp;
    }

    @Test
    void tcp() throws Exception {
        try (StreamConnection c = StreamConnection.connect(coturn.get().address(), Duration.ofSeconds(10), null)) {
            assertThat(c.isTls()).isFalse();
            assertThat(c.protocol()).isEqualTo("TCP");
            assertThat(c.handshakeTime()).isEmpty();
            assertThat(c.connectTime()).isPositive();
            assertThat(c.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            exchange(c);
        }
    }

    @Test
    void tlsCheckedAgainstTheGivenCertificate() throws Exception {
        TlsOptions tls = TlsOptions.trusting(null, coturn.get().certificate());
        try (StreamConnection c = StreamConnection.connect(coturn.get().tlsAddress(), Duration.ofSeconds(10), tls)) {
            assertThat(c.isTls()).isTrue();
            assertThat(c.protocol()).startsWith("TLSv1.");
            assertThat(c.handshakeTime()).hasValueSatisfying(d -> assertThat(d).isPositive());
            assertThat(c.cipherSuite()).isPresent();
            exchange(c);
        }
    }

    @Test
    void tlsWithHostNameLocalhost() throws Exception {
        TlsOptions tls = TlsOptions.trusting("localhost", coturn.get().certificate());
        try (StreamConnection c = StreamConnection.connect(coturn.get().tlsAddress(), Duration.ofSeconds(10), tls)) {
            exchange(c);
        }
    }

    @Test
    void untrustedCertificateIsRejected() {
        assertThatThrownBy(() -> StreamConnection.connect(coturn.get().tlsAddress(), Duration.ofSeconds(10),
                TlsOptions.checked(null)))
                .isInstanceOfSatisfying(StreamConnectException.class, e -> {
                    assertThat(e.stage()).isEqualTo(StreamConnectException.Stage.TLS_HANDSHAKE);
                    assertThat(e.reason()).isEqualTo(StreamConnectException.Reason.CERTIFICATE);
                })
                .hasMessageStartingWith("TLS handshake with " + Addresses.format(coturn.get().tlsAddress())
                        + " failed: certificate rejected: ");
    }

    @Test
    void wrongNameIsRejected() {
        TlsOptions tls;
        try {
            tls = TlsOptions.trusting("turn.example.org", coturn.get().certificate());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> StreamConnection.connect(coturn.get().tlsAddress(), Duration.ofSeconds(10), tls))
                .isInstanceOfSatisfying(StreamConnectException.class,
                        e -> assertThat(e.reason()).isEqualTo(StreamConnectException.Reason.CERTIFICATE))
                .hasMessageContaining("turn.example.org");
    }

    @Test
    void insecureAcceptsAnyCertificate() throws Exception {
        try (StreamConnection c = StreamConnection.connect(coturn.get().tlsAddress(), Duration.ofSeconds(10),
                TlsOptions.insecure("turn.example.org"))) {
            exchange(c);
        }
    }

    @Test
    void deadPortIsRefused() throws IOException {
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", FreePorts.on("127.0.0.1"));
        assertThatThrownBy(() -> StreamConnection.connect(dead, Duration.ofSeconds(5), null))
                .isInstanceOfSatisfying(StreamConnectException.class, e -> {
                    assertThat(e.stage()).isEqualTo(StreamConnectException.Stage.TCP_CONNECT);
                    assertThat(e.reason()).isEqualTo(StreamConnectException.Reason.REFUSED);
                })
                .hasMessage("TCP connection to " + Addresses.format(dead) + " refused");
    }
}
