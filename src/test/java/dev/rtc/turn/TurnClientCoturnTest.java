package dev.rtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.net.Clock;
import dev.rtc.net.Coturn;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.Scheduler;
import dev.rtc.net.StunClient;
import dev.rtc.net.UdpEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The TURN client against a real coturn whose nonces go stale after one second (--stale-nonce=1). */
class TurnClientCoturnTest {

    @Test
    void staleNonceAfterTheAllocateIsRetriedWithTheNewNonce() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (Coturn coturn = Coturn.start("--user", "alice:wonderland", "--realm", "rtc.test", "--lt-cred-mech",
                "--allow-loopback-peers", "--stale-nonce=1");
             UdpEndpoint udp = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            StunClient client = StunClient.over(udp, Scheduler.on(timers), Clock.system());
            RetransmitPolicy policy = RetransmitPolicy.of(Duration.ofMillis(200), 5, 4);
            TurnClient turn = new TurnClient(client, coturn.address(), new TurnCredentials("alice", "wonderland"),
                    () -> policy);
            AllocateMachine.Step step = turn.allocate(false);
            assertThat(step).as(coturn.log()).isInstanceOf(AllocateMachine.Allocated.class);
            assertThat(turn.firstResponseCode()).isEqualTo(401);

            // let the nonce of the Allocate expire: the permission request meets 438 and is sent again
            Thread.sleep(2_100);
            InetSocketAddress peer = new InetSocketAddress("127.0.0.1", udp.localAddress().getPort());
            turn.createPermission(peer);
            assertThat(turn.staleNonceRetries()).isEqualTo(1);

            Thread.sleep(2_100);
            assertThat(turn.release(policy)).isTrue();
            assertThat(turn.staleNonceRetries()).isEqualTo(2);
            assertThat(turn.allocation()).isEmpty();
        } finally {
            timers.shutdownNow();
        }
    }
}
