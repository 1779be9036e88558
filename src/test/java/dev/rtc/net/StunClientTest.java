package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.testing.FreePorts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Binding transactions against a real coturn over UDP, TCP and TLS, with the real clock and scheduler. */
class StunClientTest {
    @RegisterExtension
    static final Coturn.PerClass coturn = Coturn.perClass();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Scheduler scheduler = Scheduler.on(executor);

    @AfterEach
    void stopScheduler() {
        executor.shutdownNow();
    }

    private static StunMessage binding() {
        return StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build();
    }

    private static InetSocketAddress mapped(StunResponse r) {
        return r.message().first(AttributeType.XOR_MAPPED_ADDRESS).map(a -> ((AddressAttribute) a).address())
                .orElseThrow();
    }

    @Test
    void udp() throws Exception {
        try (UdpEndpoint udp = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            StunClient client = StunClient.over(udp, scheduler, Clock.system());
            StunMessage req = binding();
            StunResponse r = client.request(req, coturn.get().address(), RetransmitPolicy.rfc8489())
                    .get(20, TimeUnit.SECONDS);
            assertThat(r.message().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
            assertThat(r.message().transactionId()).isEqualTo(req.transactionId());
            assertThat(r.source()).isEqualTo(coturn.get().address());
            assertThat(r.local()).isEqualTo(udp.localAddress());
            assertThat(mapped(r)).isEqualTo(udp.localAddress());
            assertThat(r.rtt()).hasValueSatisfying(d -> assertThat(d).isPositive());
        }
    }

    @Test
    void tcp() throws Exception {
        try (StreamConnection c = StreamConnection.connect(coturn.get().address(), Duration.ofSeconds(10), null)) {
            StunClient client = StunClient.over(c, scheduler, Clock.system());
            StunResponse r = client.request(binding(), coturn.get().address(), RetransmitPolicy.rfc8489())
                    .get(20, TimeUnit.SECONDS);
            assertThat(mapped(r)).isEqualTo(c.localAddress());
            assertThat(r.transmissions()).isEqualTo(1);
        }
    }

    @Test
    void tls() throws Exception {
        try (StreamConnection c = StreamConnection.connect(coturn.get().tlsAddress(), Duration.ofSeconds(10),
                TlsOptions.trusting(null, coturn.get().certificate()))) {
            StunClient client = StunClient.over(c, scheduler, Clock.system());
            StunResponse r = client.request(binding(), coturn.get().tlsAddress(), RetransmitPolicy.rfc8489())
                    .get(20, TimeUnit.SECONDS);
            assertThat(mapped(r)).isEqualTo(c.localAddress());
        }
    }

    @Test
    void connectedUdpToADeadPortIsRefused() throws Exception {
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", FreePorts.on("127.0.0.1"));
        try (UdpEndpoint udp = UdpEndpoint.connect(null, dead)) {
            StunClient client = StunClient.over(udp, scheduler, Clock.system());
            var f = client.request(binding(), dead, RetransmitPolicy.rfc8489().withTimeout(Duration.ofSeconds(10)));
            StunTransactionException e = cause(f);
            assertThat(e.kind()).isEqualTo(StunTransactionException.Kind.UNREACHABLE);
            assertThat(e.getMessage()).isEqualTo(Addresses.format(dead) + " refused (ICMP port unreachable)");
        }
    }

    @Test
    void unconnectedUdpToADeadPortTimesOut() throws Exception {
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", FreePorts.on("127.0.0.1"));
        try (UdpEndpoint udp = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            StunClient client = StunClient.over(udp, scheduler, Clock.system());
            var f = client.request(binding(), dead, RetransmitPolicy.of(Duration.ofMillis(20), 3, 2));
            StunTransactionException e = cause(f);
            assertThat(e).isInstanceOf(StunTimeoutException.class);
            assertThat(((StunTimeoutException) e).transmissions()).isEqualTo(3);
        }
    }

    private static StunTransactionException cause(java.util.concurrent.Future<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (StunTransactionException) e.getCause();
        }
        throw new AssertionError("the transaction succeeded");
    }
}
