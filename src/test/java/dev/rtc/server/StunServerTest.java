package dev.rtc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.testing.FreePorts;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The server's sockets on loopback: TCP Binding, silence towards junk, the per-source rate limit, close. */
class StunServerTest {

    static StunServer start(int port, int rate, List<RequestEvent> log) {
        return StunServer.start(new StunServer.Options(new ServerAddressSet(new InetSocketAddress("127.0.0.1", port),
                new InetSocketAddress("127.0.0.2", port + 1), null, null), true, rate, true, "rtc test"), log::add);
    }

    @Test
    void answersPlainBindingOverTcp() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        try (StunServer s = start(port, 0, new CopyOnWriteArrayList<>());
             Socket c = new Socket("127.0.0.2", port + 1)) {
            StunMessage req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint();
            c.getOutputStream().write(req.encode());
            c.setSoTimeout(5000);
            DataInputStream in = new DataInputStream(c.getInputStream());
            byte[] header = new byte[20];
            in.readFully(header);
            byte[] msg = new byte[20 + (((header[2] & 0xFF) << 8) | (header[3] & 0xFF))];
            System.arraycopy(header, 0, msg, 0, 20);
            in.readFully(msg, 20, msg.length - 20);
            StunMessage resp = StunMessage.decode(msg);
            assertThat(resp.transactionId()).isEqualTo(req.transactionId());
            assertThat(((AddressAttribute) resp.first(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow()).address())
                    .isEqualTo(c.getLocalSocketAddress());
            assertThat(((AddressAttribute) resp.first(AttributeType.RESPONSE_ORIGIN).orElseThrow()).address())
                    .isEqualTo(new InetSocketAddress("127.0.0.2", port + 1));
        }
    }

    @Test
    void junkGetsSilenceAndTheRateLimitHolds() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        List<RequestEvent> log = new CopyOnWriteArrayList<>();
        try (StunServer s = start(port, 1, log); DatagramSocket c = new DatagramSocket(0,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            c.setSoTimeout(300);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            c.send(new DatagramPacket(new byte[] {0, 1, 0, 0}, 4, server));
            assertThat(receive(c)).isFalse();
            int answered = 0;
            for (int i = 0; i < 30; i++) {
                byte[] req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build().encode();
                c.send(new DatagramPacket(req, req.length, server));
            }
            c.setSoTimeout(500);
            while (receive(c)) {
                answered++;
            }
            // a burst of twice the rate (2, one of them spent on the junk datagram), plus at most what refilled while
            // the requests went out
            assertThat(answered).isBetween(1, 5);
            assertThat(log).anyMatch(e -> e.answer().summary().contains("rate limit"));
            assertThat(log).anyMatch(e -> e.answer().summary().contains("not STUN"));
        }
    }

    @Test
    void closeReleasesEverySocket() throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        StunServer s = start(port, 0, new CopyOnWriteArrayList<>());
        s.close();
        s.awaitClosed();
        // a new server binds the same eight sockets (it would end with exit 1 if one were still held)
        try (StunServer again = start(port, 0, new CopyOnWriteArrayList<>())) {
            assertThat(again.listening()).hasSize(4);
        }
    }

    private static boolean receive(DatagramSocket c) throws Exception {
        try {
            c.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
