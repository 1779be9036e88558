package dev.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dtls.DtlsSession.Role;
import dev.rtc.ice.AgentConfig;
import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceSession;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import dev.rtc.net.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two rtc DTLS endpoints against each other: over ICE sessions on loopback, and over plain UDP sockets. */
class DtlsSessionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static IceSession open(boolean controlling) throws Exception {
        List<HostAddresses.HostAddress> hosts = List.of(new HostAddresses.HostAddress("lo", 0,
                InetAddress.getLoopbackAddress()));
        return IceSession.open(new IceSession.Options(hosts, List.of(), Duration.ofSeconds(2), Duration.ofMillis(500)),
                AgentConfig.random(controlling), null, Clock.system());
    }

    private static void connect(IceSession a, IceSession b) throws Exception {
        b.start(a.description());
        a.start(b.description());
        assertThat(a.await(Duration.ofSeconds(10))).isTrue();
        assertThat(b.await(Duration.ofSeconds(10))).isTrue();
        assertThat(a.agent().selected()).isNotNull();
        assertThat(b.agent().selected()).isNotNull();
    }

    @Test
    void overIceBothSidesSeeTheOthersFingerprintAndAgreeOnSrtp() throws Exception {
        DtlsCertificate ca = DtlsCertificate.generate();
        DtlsCertificate cb = DtlsCertificate.generate();
        List<byte[]> others = new CopyOnWriteArrayList<>();
        try (IceSession a = open(true); IceSession b = open(false)) {
            connect(a, b);
            CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() ->
                    DtlsSession.handshake(b, others::add, cb, ca.fingerprint(), Role.SERVER, TIMEOUT));
            try (DtlsSession client = DtlsSession.handshake(a, null, ca, cb.fingerprint(), Role.CLIENT, TIMEOUT);
                 DtlsSession s = server.get(15, TimeUnit.SECONDS)) {
                DtlsResult c = client.result();
                DtlsResult r = s.result();
                assertThat(c.cause()).isNull();
                assertThat(r.cause()).isNull();
                assertThat(c.completed()).isTrue();
                assertThat(r.completed()).isTrue();
                assertThat(c.role()).isEqualTo("client");
                assertThat(r.role()).isEqualTo("server");
                assertThat(c.peerFingerprint()).isEqualTo(cb.fingerprint());
                assertThat(r.peerFingerprint()).isEqualTo(ca.fingerprint());
                assertThat(c.version()).isEqualTo("DTLS 1.2");
                assertThat(c.srtpProfile()).isEqualTo("SRTP_AEAD_AES_128_GCM").isEqualTo(r.srtpProfile());
                assertThat(c.cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_").isEqualTo(r.cipherSuite());
                assertThat(c.handshakeTime()).isPositive().isLessThan(TIMEOUT);
                // both ends derive the same SRTP keys: 2 x (16-byte key + 12-byte salt) for AES-128-GCM
                assertThat(client.srtpKeyingMaterial()).hasSize(56).isEqualTo(s.srtpKeyingMaterial());

                // the association carries data, and other traffic on the pair (RTP range) is handed on, not eaten
                client.send("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(s.receive(Duration.ofSeconds(5))).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
                byte[] rtp = {(byte) 0x80, 0, 0, 1};
                assertThat(a.sendData(rtp)).isTrue();
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (others.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertThat(others).hasSize(1);
                assertThat(others.get(0)).containsExactly(rtp);
            }
        }
    }

    @Test
    void aWrongFingerprintFailsOnTheCheckingSideNamingBoth() throws Exception {
        DtlsCertificate ca = DtlsCertificate.generate();
        DtlsCertificate cb = DtlsCertificate.generate();
        String wrong = DtlsCertificate.generate().fingerprint();
        try (IceSession a = open(true); IceSession b = open(false)) {
            connect(a, b);
            // the server expects someone else's certificate: it rejects the client's
            CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() ->
                    DtlsSession.handshake(b, null, cb, wrong, Role.SERVER, TIMEOUT));
            DtlsResult c = DtlsSession.handshake(a, null, ca, cb.fingerprint(), Role.CLIENT, TIMEOUT).result();
            DtlsResult r = server.get(15, TimeUnit.SECONDS).result();
            assertThat(r.completed()).isFalse();
            assertThat(r.cause()).isEqualTo("fingerprint mismatch: the SDP says " + wrong
                    + ", the peer's certificate is " + ca.fingerprint());
            assertThat(r.peerFingerprint()).isEqualTo(ca.fingerprint());
            assertThat(c.completed()).isFalse();
            assertThat(c.cause()).isEqualTo("the peer sent alert bad_certificate");
        }
    }

    @Test
    void theClientRejectsAServerWhoseCertificateIsNotTheAnnouncedOne() throws Exception {
        DtlsCertificate ca = DtlsCertificate.generate();
        DtlsCertificate cb = DtlsCertificate.generate();
        String wrong = DtlsCertificate.generate().fingerprint();
        try (DatagramSocket sa = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sb = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() -> DtlsSession.handshake(
                    DtlsDatagrams.over(sb, (InetSocketAddress) sa.getLocalSocketAddress(), null), cb,
                    ca.fingerprint(), Role.SERVER, TIMEOUT));
            DtlsResult c = DtlsSession.handshake(DtlsDatagrams.over(sa, (InetSocketAddress) sb.getLocalSocketAddress(),
                    null), ca, wrong, Role.CLIENT, TIMEOUT).result();
            DtlsResult r = server.get(15, TimeUnit.SECONDS).result();
            assertThat(c.completed()).isFalse();
            assertThat(c.cause()).isEqualTo("fingerprint mismatch: the SDP says " + wrong
                    + ", the peer's certificate is " + cb.fingerprint());
            assertThat(r.completed()).isFalse();
            assertThat(r.cause()).isEqualTo("the peer sent alert bad_certificate");
        }
    }

    @Test
    void aPeerThatNeverAnswersTimesOutWithinTheBound() throws Exception {
        DtlsCertificate ca = DtlsCertificate.generate();
        for (Role role : Role.values()) {
            try (DatagramSocket sa = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                 DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                long start = System.nanoTime();
                DtlsResult r = DtlsSession.handshake(DtlsDatagrams.over(sa,
                        (InetSocketAddress) silent.getLocalSocketAddress(), null), ca,
                        DtlsCertificate.generate().fingerprint(), role, Duration.ofMillis(1500)).result();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(r.completed()).as(role.name()).isFalse();
                assertThat(r.cause()).as(role.name()).isEqualTo("no DTLS handshake within 1.5 s");
                assertThat(took).as(role.name()).isGreaterThanOrEqualTo(Duration.ofMillis(1400))
                        .isLessThan(Duration.ofSeconds(6));
            }
        }
    }

    @Test
    void setupNamesTheRole() {
        assertThat(Role.fromSetup("active")).isEqualTo(Role.CLIENT);
        assertThat(Role.fromSetup(" PASSIVE ")).isEqualTo(Role.SERVER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Role.fromSetup("actpass"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actpass");
    }

    @Test
    void namesComeFromTheRegistries() {
        assertThat(DtlsSession.srtpProfileName(0x0001)).isEqualTo("SRTP_AES128_CM_HMAC_SHA1_80");
        assertThat(DtlsSession.srtpProfileName(0x0007)).isEqualTo("SRTP_AEAD_AES_128_GCM");
        assertThat(DtlsSession.srtpProfileName(0x7777)).isEqualTo("0x7777");
        assertThat(DtlsSession.cipherSuiteName(0xC02B)).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(DtlsSession.cipherSuiteName(0xFAFA)).isEqualTo("0xfafa");
    }
}
