package dev.rtc.server;

import dev.rtc.RtcException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A two-address, two-port STUN server: four UDP sockets answered from one selector thread, and TCP listeners on
 * the same four pairs for plain Binding. Every answer goes through {@link BindingResponder} and a per-source
 * {@link RateLimiter}. {@link #close()} closes every socket; {@link #awaitClosed()} blocks until then.
 */
public final class StunServer implements AutoCloseable {
    private static final int MAX_TCP_CONNECTIONS = 64;
    private static final int TCP_IDLE_MILLIS = 30_000;
    private static final int MAX_TCP_MESSAGE = 2048;

    /** How to run: the addresses, whether CHANGE-REQUEST is honoured, the per-source rate, TCP on or off. */
    public record Options(ServerAddressSet addresses, boolean honourChangeRequest, int ratePerSecond, boolean tcp,
                          String software) {
    }

    private final Options options;
    private final BindingResponder responder;
    private final RateLimiter limiter;
    private final Consumer<RequestEvent> log;
    private final Selector selector;
    private final DatagramChannel[] udp = new DatagramChannel[4];
    private final List<ServerSocketChannel> tcp = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final List<Socket> connections = new ArrayList<>();
    private final Semaphore tcpSlots = new Semaphore(MAX_TCP_CONNECTIONS);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    private StunServer(Options options, Consumer<RequestEvent> log) throws IOException {
        this.options = options;
        this.responder = new BindingResponder(options.addresses(), options.honourChangeRequest(), options.software());
        this.limiter = new RateLimiter(options.ratePerSecond());
        this.log = log;
        this.selector = Selector.open();
    }

    /** Binds every socket and starts answering; a socket that cannot be bound ends it with exit 1. */
    public static StunServer start(Options options, Consumer<RequestEvent> log) {
        StunServer s;
        try {
            s = new StunServer(options, log);
        } catch (IOException e) {
            throw RtcException.failure("cannot open a selector: " + e.getMessage());
        }
        try {
            s.bind();
        } catch (IOException e) {
            s.close();
            throw RtcException.failure(e.getMessage());
        }
        Thread t = new Thread(s::udpLoop, "rtc-stun-server-udp");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private void bind() throws IOException {
        ServerAddressSet a = options.addresses();
        for (int i = 0; i < 4; i++) {
            InetSocketAddress local = a.local(i);
            try {
                DatagramChannel ch = DatagramChannel.open();
                udp[i] = ch;
                ch.bind(local);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, i);
            } catch (IOException e) {
                throw new IOException("cannot listen on UDP " + BindingResponder.format(local) + ": "
                        + e.getMessage(), e);
            }
        }
        if (!options.tcp()) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            InetSocketAddress local = a.local(i);
            try {
                ServerSocketChannel ch = ServerSocketChannel.open();
                tcp.add(ch);
                ch.bind(local, 64);
            } catch (IOException e) {
                throw new IOException("cannot listen on TCP " + BindingResponder.format(local) + ": "
                        + e.getMessage(), e);
            }
            int index = i;
            Thread t = new Thread(() -> acceptLoop(tcp.get(index), index), "rtc-stun-server-tcp-" + i);
            t.setDaemon(true);
            acceptors.add(t);
            t.start();
        }
    }

    /** The addresses listened on, for the start-up message. */
    public List<String> listening() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(BindingResponder.format(options.addresses().local(i)));
        }
        return out;
    }

    private void udpLoop() {
        ByteBuffer in = ByteBuffer.allocate(65536);
        try {
            while (!closing) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    int index = (Integer) key.attachment();
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    in.clear();
                    InetSocketAddress from = (InetSocketAddress) ch.receive(in);
                    if (from != null) {
                        handleUdp(index, from, in.array(), in.position());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException | ClosedChannelException e) {
            // closing
        } catch (IOException e) {
            if (!closing) {
                log.accept(new RequestEvent(Instant.now(), "udp", null, null, 0,
                        Answer.drop("UDP loop stopped: " + e.getMessage())));
            }
        } finally {
            close();
        }
    }

    private void handleUdp(int index, InetSocketAddress from, byte[] buf, int len) {
        Answer answer = limited(from) ? Answer.drop("rate limit for " + from.getAddress().getHostAddress())
                : responder.answer(buf, len, index, from, true);
        if (!answer.dropped()) {
            try {
                udp[answer.fromSocket()].send(ByteBuffer.wrap(answer.bytes()), answer.to());
            } catch (IOException e) {
                answer = Answer.drop("send to " + BindingResponder.format(answer.to()) + " failed: " + e.getMessage());
            }
        }
        log.accept(new RequestEvent(Instant.now(), "udp", from, options.addresses().advertised(index), len, answer));
    }

    private boolean limited(InetSocketAddress from) {
        return !limiter.allow(from.getAddress(), System.nanoTime());
    }

    private void acceptLoop(ServerSocketChannel listener, int index) {
        while (!closing) {
            Socket s;
            try {
                s = listener.socket().accept();
            } catch (IOException e) {
                return;
            }
            if (!tcpSlots.tryAcquire()) {
                closeQuietly(s);
                continue;
            }
            synchronized (connections) {
                connections.add(s);
            }
            Thread t = new Thread(() -> serveTcp(s, index), "rtc-stun-server-tcp-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serveTcp(Socket s, int index) {
        InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
        try (s) {
            s.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closing) {
                byte[] header = new byte[20];
                in.readFully(header);
                int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
                if ((header[0] & 0xC0) != 0 || length + 20 > MAX_TCP_MESSAGE) {
                    log.accept(new RequestEvent(Instant.now(), "tcp", from, options.addresses().advertised(index),
                            20, Answer.drop("not a STUN message on TCP; connection closed")));
                    return;
                }
                byte[] message = new byte[20 + length];
                System.arraycopy(header, 0, message, 0, 20);
                in.readFully(message, 20, length);
                Answer answer = limited(from) ? Answer.drop("rate limit for " + from.getAddress().getHostAddress())
                        : responder.answer(message, message.length, index, from, false);
                if (!answer.dropped()) {
                    out.write(answer.bytes());
                    out.flush();
                }
                log.accept(new RequestEvent(Instant.now(), "tcp", from, options.addresses().advertised(index),
                        message.length, answer));
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client went away or idled out
        } catch (IOException e) {
            // a reset connection ends only that connection
        } finally {
            synchronized (connections) {
                connections.remove(s);
            }
            tcpSlots.release();
        }
    }

    /** Blocks until the server is closed. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing && closed.getCount() == 0) {
                return;
            }
            closing = true;
        }
        closeQuietly(selector);
        for (DatagramChannel ch : udp) {
            closeQuietly(ch);
        }
        for (ServerSocketChannel ch : tcp) {
            closeQuietly(ch);
        }
        synchronized (connections) {
            for (Socket s : connections) {
                closeQuietly(s);
            }
        }
        // A listening socket is released only when the thread blocked in accept() on it has left: wait for them,
        // so that "closed" means the ports can be bound again.
        for (Thread t : acceptors) {
            if (t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        closed.countDown();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
