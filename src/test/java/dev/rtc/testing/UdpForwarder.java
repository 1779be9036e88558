package dev.rtc.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP forwarder on 127.0.0.1 in front of a real server, the impaired path of retransmission and slow-link
 * tests: of each client (source address) it drops the first {@code drop} datagrams and forwards the rest to the
 * server from a socket of that client's own, and the server's answers on that socket back to the client, as a
 * NAT would; each way, every datagram is held {@code delay} first and, given a loss, dropped with that probability
 * (seeded, so a run can be repeated). Loopback only; at most {@link #MAX_CLIENTS} clients, and it stops when closed.
 */
public final class UdpForwarder implements AutoCloseable {
    public static final int MAX_CLIENTS = 8;

    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final int drop;
    private final Duration delay;
    private final double loss;
    private final java.util.Random random;
    private final AtomicInteger lost = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "forward-delay");
        t.setDaemon(true);
        return t;
    });
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger fromClients = new AtomicInteger();

    /** One client's datagrams so far and its socket towards the server. */
    private record Client(DatagramSocket back, AtomicInteger seen) {
    }

    /** Drops each client's first {@code drop} datagrams, delays nothing. */
    public UdpForwarder(InetSocketAddress server, int drop) throws IOException {
        this(server, drop, Duration.ZERO);
    }

    public UdpForwarder(InetSocketAddress server, int drop, Duration delay) throws IOException {
        this(server, drop, delay, 0, 0);
    }

    /** Also drops each datagram, either way, with probability {@code loss}, from a Random seeded with {@code seed}. */
    public UdpForwarder(InetSocketAddress server, int drop, Duration delay, double loss, long seed)
            throws IOException {
        this.server = server;
        this.drop = drop;
        this.delay = delay;
        this.loss = loss;
        this.random = new java.util.Random(seed);
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

    /** Datagrams dropped by the loss probability so far, both ways. */
    public int lost() {
        return lost.get();
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
            loop("forward-back", back, answer -> send(front, answer, source));
        }
        if (c.seen().incrementAndGet() > drop) {
            send(c.back(), p, server);
        }
    }

    /** Sends a copy of {@code p} from {@code socket} to {@code to}, after the delay. */
    private void send(DatagramSocket socket, DatagramPacket p, SocketAddress to) throws IOException {
        if (loss > 0) {
            boolean drop;
            synchronized (random) {
                drop = random.nextDouble() < loss;
            }
            if (drop) {
                lost.incrementAndGet();
                return;
            }
        }
        DatagramPacket copy = new DatagramPacket(Arrays.copyOfRange(p.getData(), p.getOffset(),
                p.getOffset() + p.getLength()), p.getLength(), to);
        if (delay.isZero()) {
            socket.send(copy);
            return;
        }
        later.schedule(() -> {
            try {
                socket.send(copy);
            } catch (IOException closed) {
                // the forwarder was closed meanwhile
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        later.shutdownNow();
        front.close();
        clients.values().forEach(c -> c.back().close());
    }
}
