package dev.rtc.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP forwarder on 127.0.0.1 in front of a real server, for retransmission tests: of each client (source
 * address) it drops the first {@code drop} datagrams and forwards the rest to the server from a socket of that
 * client's own, and the server's answers on that socket back to the client, as a NAT would. Loopback only; at
 * most {@link #MAX_CLIENTS} clients, and it stops when closed.
 */
public final class LossyForwarder implements AutoCloseable {
    public static final int MAX_CLIENTS = 8;

    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final int drop;
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger fromClients = new AtomicInteger();

    /** One client's datagrams so far and its socket towards the server. */
    private record Client(DatagramSocket back, AtomicInteger seen) {
    }

    public LossyForwarder(InetSocketAddress server, int drop) throws IOException {
        this.server = server;
        this.drop = drop;
        this.front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        front.setSoTimeout(200);
        loop("forward-front", front, this::fromClient);
    }

    /** Where clients send. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", front.getLocalPort());
    }

    /** Datagrams received from all clients so far, dropped ones included. */
    public int fromClients() {
        return fromClients.get();
    }

    private interface Step {
        void run(DatagramPacket p) throws IOException;
    }

    private void loop(String name, DatagramSocket socket, Step step) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (!front.isClosed() && !socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    step.run(p);
                } catch (SocketTimeoutException idle) {
                    // look at the closed flags again
                } catch (IOException closed) {
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private void fromClient(DatagramPacket p) throws IOException {
        fromClients.incrementAndGet();
        SocketAddress source = p.getSocketAddress();
        Client c = clients.get(source);
        if (c == null) {
            if (clients.size() >= MAX_CLIENTS) {
                return;
            }
            DatagramSocket back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            back.setSoTimeout(200);
            c = new Client(back, new AtomicInteger());
            clients.put(source, c);
            loop("forward-back", back, answer -> front.send(new DatagramPacket(answer.getData(), answer.getOffset(),
                    answer.getLength(), source)));
        }
        if (c.seen().incrementAndGet() > drop) {
            c.back().send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), server));
        }
    }

    @Override
    public void close() {
        front.close();
        clients.values().forEach(c -> c.back().close());
    }
}
