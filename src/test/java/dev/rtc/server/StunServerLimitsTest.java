package dev.rtc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.TestCertificate;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.testing.FreePorts;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The server's limits on loopback: TCP/TLS connections, idle time and size; TLS Binding; metrics; drops counted. */
class StunServerLimitsTest {
    private static final int TLS_PORT_OFFSET = 10;

    static StunServer start(int port, int rate, StunServer.TcpLimits limits, SSLContext tls) {
        ServerAddressSet set = new ServerAddressSet(new InetSocketAddress("127.0.0.1", port),
                new InetSocketAddress("127.0.0.2", port + 1), null, null);
        ServerAddressSet tlsSet = tls == null ? null : new ServerAddressSet(
                new InetSocketAddress("127.0.0.1", port + TLS_PORT_OFFSET),
                new InetSocketAddress("127.0.0.2", port + TLS_PORT_OFFSET + 1), null, null);
        return StunServer.start(new StunServer.Options(set, true, rate, true, "rtc test", limits, 1024, 1, tls,
                tlsSet), null);
    }

    private static byte[] binding() {
        return StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint().encode();
    }

    private static StunMessage readMessage(InputStream s) throws IOException {
        DataInputStream in = new DataInputStream(s);
        byte[] header = new byte[20];
        in.readFully(header);
        byte[] msg = new byte[20 + (((header[2] & 0xFF) << 8) | (header[3] & 0xFF))];
        System.arraycopy(header, 0, msg, 0, 20);
        in.readFully(msg, 20, msg.length - 20);
        return StunMessage.decode(msg);
    }

    /** True when the server closed the connection (end of stream or reset) within five seconds. */
    private static boolean closedByServer(Socket c) throws IOException {
        c.setSoTimeout(5000);
        try {
            return c.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndCounted() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = start(port, 0, new StunServer.TcpLimits(2, 10_000, 2048), null)) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket c = new Socket("127.0.0.1", port);
                    open.add(c);
                    c.getOutputStream().write(binding());
                    c.setSoTimeout(5000);
                    assertThat(readMessage(c.getInputStream()).messageClass())
                            .isEqualTo(MessageClass.SUCCESS_RESPONSE);
                }
                assertThat(s.openConnections()).isEqualTo(2);
                try (Socket third = new Socket("127.0.0.1", port)) {
                    assertThat(closedByServer(third)).isTrue();
                }
                assertThat(s.counters().dropped(DropReason.TCP_LIMIT)).isEqualTo(1);
            } finally {
                for (Socket c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedEvenWhenItTricklesBytes() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = start(port, 0, new StunServer.TcpLimits(8, 600, 2048), null);
             Socket idle = new Socket("127.0.0.1", port);
             Socket trickle = new Socket("127.0.0.1", port)) {
            long t0 = System.nanoTime();
            assertThat(closedByServer(idle)).isTrue();
            assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(500);
            // one byte every 200 ms never completes a message inside the 600 ms the connection has
            boolean closed = false;
            byte[] req = binding();
            for (int i = 0; i < req.length && !closed; i++) {
                try {
                    trickle.getOutputStream().write(req[i]);
                    Thread.sleep(200);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed || closedByServer(trickle)).isTrue();
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheConnection() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = start(port, 0, new StunServer.TcpLimits(8, 10_000, 100), null);
             Socket c = new Socket("127.0.0.1", port)) {
            byte[] header = binding();
            header[2] = 0;
            header[3] = (byte) 200; // declares 200 bytes of attributes: 220 in all, over 100
            c.getOutputStream().write(header, 0, 20);
            assertThat(closedByServer(c)).isTrue();
            assertThat(s.counters().dropped(DropReason.TCP_LIMIT)).isEqualTo(1);
        }
    }

    @Test
    void bindingOverTls() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (TestCertificate cert = TestCertificate.generate()) {
            SSLContext server = ServerTls.load(cert.certificate(), cert.privateKey());
            SSLContext client = cert.trustingClient();
            try (StunServer s = start(port, 0, StunServer.TcpLimits.DEFAULT, server);
                 SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1",
                         port + TLS_PORT_OFFSET)) {
                c.setSoTimeout(10_000);
                byte[] req = binding();
                c.getOutputStream().write(req);
                StunMessage resp = readMessage(c.getInputStream());
                assertThat(resp.transactionId()).isEqualTo(StunMessage.decode(req).transactionId());
                assertThat(((AddressAttribute) resp.first(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow()).address())
                        .isEqualTo(c.getLocalSocketAddress());
                assertThat(((AddressAttribute) resp.first(AttributeType.RESPONSE_ORIGIN).orElseThrow()).address())
                        .isEqualTo(new InetSocketAddress("127.0.0.1", port + TLS_PORT_OFFSET));
                // the server counts the answer once it has written it, which may be just after the client read it
                long until = System.nanoTime() + 5_000_000_000L;
                while (s.counters().answers(2) == 0 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertThat(s.counters().answers(2)).isEqualTo(1);
            }
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsAUsageError() throws Exception {
        try (TestCertificate cert = TestCertificate.generate()) {
            java.nio.file.Path bad = cert.directory().resolve("bad.pem");
            java.nio.file.Files.writeString(bad, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerTls.load(cert.certificate(), bad))
                    .isInstanceOf(dev.rtc.RtcException.class).hasMessageContaining("PKCS#8");
        }
    }

    @Test
    void changeRequestAnswersCountAgainstTheSameSourceLimit() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = start(port, 1, StunServer.TcpLimits.DEFAULT, null);
             DatagramSocket c = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            c.setSoTimeout(500);
            for (int i = 0; i < 10; i++) {
                byte[] req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                        .add(new ChangeRequest(i % 2 == 0, true)).build().encode();
                c.send(new DatagramPacket(req, req.length, new InetSocketAddress("127.0.0.1", port)));
            }
            int answers = 0;
            try {
                while (true) {
                    c.receive(new DatagramPacket(new byte[1500], 1500));
                    answers++;
                }
            } catch (SocketTimeoutException done) {
                // no more
            }
            // a burst of 2 (rate 1), plus what refilled while the ten went out
            assertThat(answers).isBetween(1, 3);
            assertThat(s.counters().dropped(DropReason.RATE_LIMITED)).isGreaterThanOrEqualTo(7);
            assertThat(s.limiter().limitedSources()).isEqualTo(1);
        }
    }

    @Test
    void metricsAreScrapedWithPrometheusNames() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = start(port, 0, StunServer.TcpLimits.DEFAULT, null);
             ServerMetrics m = ServerMetrics.start(s, new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket c = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            c.setSoTimeout(5000);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            byte[] req = binding();
            c.send(new DatagramPacket(req, req.length, server));
            c.receive(new DatagramPacket(new byte[1500], 1500));
            c.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, server));
            byte[] indication = StunMessage.builder(Method.BINDING, MessageClass.INDICATION).build().encode();
            c.send(new DatagramPacket(indication, indication.length, server));
            long deadline = System.nanoTime() + 5_000_000_000L;
            // the last datagram's drop is counted just after its arrival: wait for both
            while ((s.counters().requests(0) < 3 || s.counters().dropped(DropReason.NOT_REQUEST) < 1)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body())
                    .contains("# TYPE rtc_stun_server_requests_total counter")
                    .contains("rtc_stun_server_requests_total{transport=\"udp\"} 3")
                    .contains("rtc_stun_server_answers_total{transport=\"udp\"} 1")
                    .contains("rtc_stun_server_dropped_total{reason=\"malformed\"} 1")
                    .contains("rtc_stun_server_dropped_total{reason=\"not_request\"} 1")
                    .contains("rtc_stun_server_dropped_total{reason=\"rate_limited\"} 0")
                    .contains("rtc_stun_server_rate_limited_sources_total 0")
                    .contains("rtc_stun_server_rate_limit_capacity 0");
        }
    }
}
