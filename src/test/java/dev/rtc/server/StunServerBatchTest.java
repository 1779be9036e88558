package dev.rtc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UDP receive loops, batched (recvmmsg/sendmmsg, the default where available, as in this test JVM) and one
 * datagram per call: bursts from several sockets, plain requests mixed with ones the full responder answers from
 * another socket and with junk, each answer matched to its own request and source.
 */
class StunServerBatchTest {
    private static final int SOCKETS = 4;
    private static final int PER_SOCKET = 40;

    private static StunServer start(int port, int batch) {
        ServerAddressSet set = new ServerAddressSet(new InetSocketAddress("127.0.0.1", port),
                new InetSocketAddress("127.0.0.2", port + 1), null, null);
        return StunServer.start(new StunServer.Options(set, true, 0, false, "rtc test",
                StunServer.TcpLimits.DEFAULT, 1024, 1, null, null, batch), null);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 1})
    void everyRequestOfABurstGetsItsOwnAnswer(int batch) throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        List<DatagramSocket> clients = new ArrayList<>();
        try (StunServer s = start(port, batch)) {
            assertThat(s.udpIo()).startsWith(batch > 1 ? "recvmmsg/sendmmsg, up to 32" : "one datagram per");
            Map<String, StunMessage> sent = new HashMap<>();
            int junk = 0;
            for (int c = 0; c < SOCKETS; c++) {
                DatagramSocket sock = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
                sock.setReceiveBufferSize(1 << 20);
                clients.add(sock);
            }
            // all requests go out before any answer is read, so that the server finds many waiting at once
            for (int k = 0; k < PER_SOCKET; k++) {
                for (int c = 0; c < SOCKETS; c++) {
                    DatagramSocket sock = clients.get(c);
                    StunMessage req;
                    if (k % 10 == 7) {
                        byte[] j = {0, 1, 0, 0, 1, 2};
                        sock.send(new DatagramPacket(j, j.length, server));
                        junk++;
                        continue;
                    } else if (k % 10 == 3) {
                        req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                                .add(new ChangeRequest(false, true)).buildWithFingerprint();
                    } else {
                        req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint();
                    }
                    byte[] b = req.encode();
                    sock.send(new DatagramPacket(b, b.length, server));
                    sent.put(req.transactionId().hex() + "@" + sock.getLocalPort(), req);
                }
            }
            int answered = 0;
            for (DatagramSocket sock : clients) {
                sock.setSoTimeout(2000);
                byte[] buf = new byte[2048];
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        sock.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    sock.setSoTimeout(300);
                    StunMessage resp = StunMessage.decode(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                    StunMessage req = sent.remove(resp.transactionId().hex() + "@" + sock.getLocalPort());
                    assertThat(req).as("an answer to a request this socket sent, once").isNotNull();
                    assertThat(resp.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
                    assertThat(((AddressAttribute) resp.first(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow())
                            .address()).isEqualTo(sock.getLocalSocketAddress());
                    boolean changePort = req.first(AttributeType.CHANGE_REQUEST).isPresent();
                    assertThat(p.getSocketAddress())
                            .isEqualTo(new InetSocketAddress("127.0.0.1", changePort ? port + 1 : port));
                    answered++;
                }
            }
            assertThat(sent).as("requests left unanswered").isEmpty();
            assertThat(answered).isEqualTo(SOCKETS * PER_SOCKET - junk);
            assertThat(s.counters().dropped(DropReason.MALFORMED)).isEqualTo(junk);
            long calls = s.counters().udpReceiveCalls();
            if (batch == 1) {
                assertThat(calls).isEqualTo(s.counters().requests(0));
            } else {
                // the burst was waiting when the server read it: fewer calls than datagrams
                assertThat(calls).isBetween(1L, s.counters().requests(0) - 1);
            }
        } finally {
            clients.forEach(DatagramSocket::close);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 1})
    void closesPromptlyAndFreesItsPorts(int batch) throws Exception {
        int port = FreePorts.pairOn("127.0.0.1", "127.0.0.2");
        StunServer s = start(port, batch);
        s.close();
        assertThat(s.awaitClosed(0)).isTrue();
        // the ports can be bound again at once: the receiving threads have left their sockets
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
