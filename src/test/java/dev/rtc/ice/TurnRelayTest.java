package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.Clock;
import dev.rtc.net.Coturn;
import dev.rtc.net.Scheduler;
import dev.rtc.turn.CredentialSource;
import dev.rtc.turn.TurnCredentials;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allocation an ICE session holds, against the tests' coturn: data both ways between the relayed address and
 * a peer socket, a refresh accepted, the release, a refused channel reported and a wrong password refused.
 */
class TurnRelayTest {
    private static final CredentialSource ALICE = new CredentialSource.Fixed(new TurnCredentials("alice", "wonderland"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private TurnRelay allocate(Coturn turn, Duration firstRefresh) throws Exception {
        IceServerUri uri = IceServerUri.parse("turn:127.0.0.1:" + turn.address().getPort());
        return TurnRelay.allocate(uri, InetAddress.getLoopbackAddress(), ALICE, null, Scheduler.on(timers),
                Clock.system(), Duration.ofSeconds(3), Duration.ofMillis(250),
                (relayed, peer, data) -> received.add(peer.getPort() + " " + new String(data, StandardCharsets.UTF_8)),
                firstRefresh);
    }

    /** Sends from the relay to the peer socket until one arrives (the channel is bound on the first send). */
    private static String relayToPeer(TurnRelay relay, DatagramSocket peer, String text) throws Exception {
        byte[] buf = new byte[1500];
        for (int i = 0; i < 20; i++) {
            relay.send((InetSocketAddress) peer.getLocalSocketAddress(), text.getBytes(StandardCharsets.UTF_8));
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                peer.receive(p);
                assertThat(p.getSocketAddress()).isEqualTo(relay.allocation().relayed());
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                // not bound yet: the datagram waited or was dropped; send again
            }
        }
        return null;
    }

    private void peerToRelay(DatagramSocket peer, TurnRelay relay, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(b, b.length, relay.allocation().relayed()));
    }

    @Test
    void dataGoesBothWaysAndTheAllocationIsRefreshedAndReleased() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "wonderland", 4);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(200);
            // a lifetime is never below RFC 8656's default of 600 s, so the test asks for the first refresh at 1 s
            // instead of waiting nine minutes for it
            TurnRelay relay = allocate(turn, Duration.ofSeconds(1));
            try {
                relay.prepare(List.of((InetSocketAddress) peer.getLocalSocketAddress()));
                assertThat(relayToPeer(relay, peer, "check 1")).isEqualTo("check 1");
                peerToRelay(peer, relay, "answer 1");
                assertThat(received.poll(2, TimeUnit.SECONDS)).isEqualTo(peer.getLocalPort() + " answer 1");
                assertThat(relay.allocation().lifetimeSeconds()).isEqualTo(600);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (relay.refreshes() == 0 && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                // the authenticated Refresh was accepted and granted the lifetime asked for; the next is due
                // a minute before it runs out
                assertThat(relay.refreshes()).isEqualTo(1);
                assertThat(relay.lifetimeSeconds()).isEqualTo(600);
                assertThat(relay.problems()).isEmpty();
                assertThat(relayToPeer(relay, peer, "check 2")).isEqualTo("check 2");
                peerToRelay(peer, relay, "answer 2");
                assertThat(received.poll(2, TimeUnit.SECONDS)).isEqualTo(peer.getLocalPort() + " answer 2");
            } finally {
                relay.close();
            }
            // released: the server confirmed the Refresh with LIFETIME 0, and says so in its log
            assertThat(relay.released()).isTrue();
        }
    }

    @Test
    void aChannelTheServerRefusesIsReportedAndNothingIsSent() throws Exception {
        // without --allow-loopback-peers coturn refuses peers on 127.0.0.1 with 403
        try (Coturn turn = Coturn.start("--user", "alice:wonderland", "--realm", "rtc.test", "--lt-cred-mech");
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(200);
            try (TurnRelay relay = allocate(turn, null)) {
                assertThat(relayToPeer(relay, peer, "check")).isNull();
                assertThat(relay.problems()).singleElement().asString()
                        .startsWith("turn:127.0.0.1:" + turn.address().getPort() + ": ChannelBind answered 403")
                        .endsWith("for peer 127.0.0.1:" + peer.getLocalPort());
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersAnswer() throws Exception {
        try (Coturn turn = Coturn.withUser("alice", "other", 4)) {
            IceServerUri uri = IceServerUri.parse("turn:127.0.0.1:" + turn.address().getPort());
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> TurnRelay.allocate(uri,
                    InetAddress.getLoopbackAddress(), ALICE, null, Scheduler.on(timers), Clock.system(),
                    Duration.ofSeconds(3), Duration.ofMillis(250), (r, p, d) -> { })))
                    .isInstanceOf(TurnRelay.AllocationFailed.class).hasMessageContaining("401");
        }
    }
}
