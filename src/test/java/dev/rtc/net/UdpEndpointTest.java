package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real UDP sockets on loopback. */
class UdpEndpointTest {
    record Received(byte[] data, InetSocketAddress source) {
    }

    @Test
    void datagramsArriveWithTheirSource() throws Exception {
        BlockingQueue<Received> got = new ArrayBlockingQueue<>(4);
        try (UdpEndpoint a = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0));
             UdpEndpoint b = UdpEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            b.receive((data, source) -> got.add(new Received(data, source)));
            a.send(new byte[] {1, 2, 3}, b.localAddress());
            Received r = got.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.data()).containsExactly(1, 2, 3);
            assertThat(r.source()).isEqualTo(a.localAddress());
        }
    }

    @Test
    void randomDynamicPortIsInRange() throws IOException {
        try (UdpEndpoint a = UdpEndpoint.bindRandomDynamic(InetAddress.getByName("127.0.0.1"))) {
            assertThat(a.localAddress().getPort()).isBetween(49152, 65535);
        }
    }

    @Test
    void connectedEndpointLearnsPortUnreachable() throws Exception {
        int dead = FreePorts.on("127.0.0.1");
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", dead);
        BlockingQueue<InetSocketAddress> refused = new ArrayBlockingQueue<>(4);
        try (UdpEndpoint a = UdpEndpoint.connect(null, peer)) {
            assertThat(a.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            a.receive(new UdpEndpoint.Listener() {
                @Override
                public void datagram(byte[] data, InetSocketAddress source) {
                }

                @Override
                public void unreachable(InetSocketAddress p) {
                    refused.add(p);
                }
            });
            a.send(new byte[20], peer);
            assertThat(refused.poll(10, TimeUnit.SECONDS)).isEqualTo(peer);
        }
    }

    @Test
    void connectedEndpointRefusesOtherDestinations() throws Exception {
        try (UdpEndpoint a = UdpEndpoint.connect(null, new InetSocketAddress("127.0.0.1", 9))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> a.send(new byte[1], new InetSocketAddress("127.0.0.1", 10)))
                    .isInstanceOf(IOException.class).hasMessageContaining("connected to 127.0.0.1:9");
        }
    }
}
