package dev.rtc.server;

import dev.rtc.RtcException;
import dev.rtc.stun.StunMessage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A two-address, two-port STUN server: four UDP sockets, each answered by its own thread, and TCP listeners on the
 * same four pairs for plain Binding. Plain Binding requests are answered by {@link FastBinding} in reused buffers;
 * the rest goes through {@link BindingResponder}. Every message first passes the per-source {@link RateLimiter}.
 * {@link #close()} closes every socket; {@link #awaitClosed()} blocks until then.
 */
public final class StunServer implements AutoCloseable {
    private static final int UDP = 0;
    private static final int TCP = 1;
    private static final int TLS = 2;

    /** TCP limits: connections at once, idle time before a connection is closed, the largest message accepted. */
    public record TcpLimits(int maxConnections, int idleMillis, int maxMessage) {
        public static final TcpLimits DEFAULT = new TcpLimits(64, 30_000, 2048);
    }

    /** Datagrams taken and answers sent per system call by default, where batched UDP is available. */
    public static final int DEFAULT_UDP_BATCH = 32;

    /**
     * How to run: the addresses, whether CHANGE-REQUEST is honoured, the per-source rate, TCP on or off, the SOFTWARE
     * text, the TCP (and TLS) limits, the size of the rate limiter's table, how many events make one log line
     * ({@code logSample} 1 logs every one), TLS: its context and its four (address, port) pairs, or nulls, and how
     * many datagrams one UDP system call may take or send ({@code udpBatch}; 1 is one call per datagram).
     */
    public record Options(ServerAddressSet addresses, boolean honourChangeRequest, int ratePerSecond, boolean tcp,
                          String software, TcpLimits tcpLimits, int maxSources, int logSample, SSLContext tls,
                          ServerAddressSet tlsAddresses, int udpBatch) {
        public Options(ServerAddressSet addresses, boolean honourChangeRequest, int ratePerSecond, boolean tcp,
                       String software) {
            this(addresses, honourChangeRequest, ratePerSecond, tcp, software, TcpLimits.DEFAULT,
                    RateLimiter.DEFAULT_SOURCES, 1, null, null);
        }

        public Options(ServerAddressSet addresses, boolean honourChangeRequest, int ratePerSecond, boolean tcp,
                       String software, TcpLimits tcpLimits, int maxSources, int logSample, SSLContext tls,
                       ServerAddressSet tlsAddresses) {
            this(addresses, honourChangeRequest, ratePerSecond, tcp, software, tcpLimits, maxSources, logSample, tls,
                    tlsAddresses, DEFAULT_UDP_BATCH);
        }
    }

    private final Options options;
    private final BindingResponder responder;
    private final BindingResponder tlsResponder;
    private final RateLimiter limiter;
    private final ServerCounters counters = new ServerCounters();
    private final Consumer<RequestEvent> log;
    private final DatagramChannel[] udp = new DatagramChannel[4];
    private final BatchedUdp[] batched = new BatchedUdp[4];
    private String udpIo;
    private final List<Thread> udpThreads = new ArrayList<>();
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final List<Socket> connections = new ArrayList<>();
    private final Semaphore tcpSlots;
    private final AtomicLong logSeen = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    private StunServer(Options options, Consumer<RequestEvent> log) {
        this.options = options;
        this.responder = new BindingResponder(options.addresses(), options.honourChangeRequest(), options.software());
        this.tlsResponder = options.tls() == null ? null
                : new BindingResponder(options.tlsAddresses(), options.honourChangeRequest(), options.software());
        this.limiter = new RateLimiter(options.ratePerSecond(), options.maxSources());
        this.log = log;
        this.tcpSlots = new Semaphore(options.tcpLimits().maxConnections());
    }

    /**
     * Binds every socket and starts answering; a socket that cannot be bound ends it with exit 1. {@code log}
     * (null for none) gets one event in {@code options.logSample()}.
     */
    public static StunServer start(Options options, Consumer<RequestEvent> log) {
        StunServer s = new StunServer(options, log);
        try {
            s.bind();
            s.batchUdp();
        } catch (IOException e) {
            s.close();
            throw RtcException.failure(e.getMessage());
        }
        for (int i = 0; i < 4; i++) {
            int index = i;
            Thread t = new Thread(() -> s.udpLoop(index), "rtc-stun-server-udp-" + i);
            t.setDaemon(true);
            s.udpThreads.add(t);
            t.start();
        }
        return s;
    }

    /** TCP and TLS connections open now. */
    public int openConnections() {
        synchronized (connections) {
            return connections.size();
        }
    }

    /** What the server has done so far. */
    public ServerCounters counters() {
        return counters;
    }

    /** The per-source rate limiter (its table size and how many sources it has limited). */
    public RateLimiter limiter() {
        return limiter;
    }

    /** How the UDP sockets are read and written: batched system calls, or one datagram per call and why. */
    public String udpIo() {
        return udpIo;
    }

    private void batchUdp() throws IOException {
        int n = options.udpBatch();
        String why = n <= 1 ? "--udp-batch 1" : BatchedUdp.unavailable();
        if (why != null) {
            udpIo = "one datagram per system call (" + why + ")";
            return;
        }
        int[] fds = new int[4];
        try {
            for (int i = 0; i < 4; i++) {
                fds[i] = BatchedUdp.fd(udp[i]);
            }
        } catch (IOException e) {
            udpIo = "one datagram per system call (" + e.getMessage() + ")";
            return;
        }
        for (int i = 0; i < 4; i++) {
            batched[i] = new BatchedUdp(fds[i], n);
        }
        udpIo = "recvmmsg/sendmmsg, up to " + n + " datagrams per call";
    }

    private void bind() throws IOException {
        ServerAddressSet a = options.addresses();
        for (int i = 0; i < 4; i++) {
            InetSocketAddress local = a.local(i);
            try {
                DatagramChannel ch = DatagramChannel.open();
                udp[i] = ch;
                ch.bind(local);
            } catch (IOException e) {
                throw new IOException("cannot listen on UDP " + BindingResponder.format(local) + ": "
                        + e.getMessage(), e);
            }
        }
        if (options.tcp()) {
            for (int i = 0; i < 4; i++) {
                listen(new ServerSocket(), a.local(i), i, TCP);
            }
        }
        if (options.tls() != null) {
            for (int i = 0; i < 4; i++) {
                listen(options.tls().getServerSocketFactory().createServerSocket(), options.tlsAddresses().local(i), i,
                        TLS);
            }
        }
    }

    private void listen(ServerSocket listener, InetSocketAddress local, int index, int transport) throws IOException {
        listeners.add(listener);
        try {
            listener.bind(local, 64);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + ServerCounters.TRANSPORTS[transport].toUpperCase(Locale.ROOT)
                    + " " + BindingResponder.format(local) + ": " + e.getMessage(), e);
        }
        Thread t = new Thread(() -> acceptLoop(listener, index, transport),
                "rtc-stun-server-" + ServerCounters.TRANSPORTS[transport] + "-" + index);
        t.setDaemon(true);
        acceptors.add(t);
        t.start();
    }

    /** The TLS addresses listened on (none without TLS), for the start-up message. */
    public List<String> tlsListening() {
        List<String> out = new ArrayList<>();
        for (int i = 0; options.tls() != null && i < 4; i++) {
            out.add(BindingResponder.format(options.tlsAddresses().local(i)));
        }
        return out;
    }

    /** The addresses listened on, for the start-up message. */
    public List<String> listening() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(BindingResponder.format(options.addresses().local(i)));
        }
        return out;
    }

    private void udpLoop(int index) {
        FastBinding fast = new FastBinding(options.addresses(), options.software());
        byte[] slow = new byte[65536];
        try {
            if (batched[index] != null) {
                batchedLoop(index, batched[index], fast, slow);
            } else {
                plainLoop(index, fast, slow);
            }
        } catch (ClosedChannelException e) {
            // closing
        } catch (IOException e) {
            if (!closing && log != null) {
                log.accept(new RequestEvent(Instant.now(), "udp", null, null, 0,
                        Answer.drop(DropReason.SEND_FAILED, "UDP loop stopped: " + e.getMessage())));
            }
        } finally {
            close();
        }
    }

    /** One recvmmsg, each datagram decided, the plain Binding answers in one sendmmsg; the rest as plainLoop. */
    private void batchedLoop(int index, BatchedUdp io, FastBinding fast, byte[] slow) throws IOException {
        while (!closing) {
            int n = io.receive();
            if (closing) {
                break;
            }
            if (n > 0) {
                counters.udpReceiveCall();
            }
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ByteBuffer in = io.datagram(i);
                counters.received(UDP);
                InetSocketAddress from = io.source(i);
                if (!limiter.allow(from.getAddress(), now)) {
                    dropped(UDP, from, index, DropReason.RATE_LIMITED, in, slow);
                } else {
                    int r = fast.answer(in, index, from, io.answerBuffer(i));
                    if (r > 0) {
                        io.queue(i, r);
                    } else {
                        decided(index, in, from, r, slow);
                    }
                }
            }
            if (io.queued() > 0) {
                io.flush();
                for (int k = 0; k < io.queued(); k++) {
                    int i = io.answered(k);
                    if (io.sent(k)) {
                        InetSocketAddress to = io.source(i);
                        answeredUdp(io.answer(k), to, to, index, io.datagram(i).limit(), null);
                    } else {
                        counters.drop(DropReason.SEND_FAILED);
                    }
                }
            }
        }
    }

    private void plainLoop(int index, FastBinding fast, byte[] slow) throws IOException {
        DatagramChannel ch = udp[index];
        ByteBuffer in = ByteBuffer.allocateDirect(65536);
        ByteBuffer out = ByteBuffer.allocateDirect(BindingResponder.MAX_RESPONSE);
        while (!closing) {
            in.clear();
            InetSocketAddress from = (InetSocketAddress) ch.receive(in);
            in.flip();
            counters.udpReceiveCall();
            counters.received(UDP);
            if (!limiter.allow(from.getAddress(), System.nanoTime())) {
                dropped(UDP, from, index, DropReason.RATE_LIMITED, in, slow);
                continue;
            }
            int n = fast.answer(in, index, from, out);
            if (n > 0) {
                out.limit(n).position(0);
                sendUdp(ch, out, from, from, index, in.limit(), null);
                out.clear();
            } else {
                decided(index, in, from, n, slow);
            }
        }
    }

    /** A datagram {@link FastBinding} did not answer: the full responder's answer (sent now), or the drop. */
    private void decided(int index, ByteBuffer in, InetSocketAddress from, int fastResult, byte[] slow)
            throws ClosedChannelException {
        if (fastResult != FastBinding.SLOW) {
            dropped(UDP, from, index, FastBinding.dropReason(fastResult), in, slow);
            return;
        }
        in.get(0, slow, 0, in.limit());
        Answer answer = responder.answer(slow, in.limit(), index, from, true);
        if (answer.dropped()) {
            counters.drop(answer.reason());
            logged(UDP, from, index, in.limit(), answer);
        } else {
            sendUdp(udp[answer.fromSocket()], ByteBuffer.wrap(answer.bytes()), from, answer.to(), index,
                    in.limit(), answer);
        }
    }

    /** Sends one answer; a refusal by the kernel (e.g. no route) ends only this answer. */
    private void sendUdp(DatagramChannel channel, ByteBuffer answer, InetSocketAddress from, InetSocketAddress to,
                         int index, int length, Answer decided) throws ClosedChannelException {
        try {
            channel.send(answer.duplicate(), to);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            counters.drop(DropReason.SEND_FAILED);
            return;
        }
        answeredUdp(answer, from, to, index, length, decided);
    }

    /** Counts an answer sent and logs it (one in logSample); {@code answer} holds its bytes, position to limit. */
    private void answeredUdp(ByteBuffer answer, InetSocketAddress from, InetSocketAddress to, int index, int length,
                             Answer decided) {
        counters.answered(UDP);
        int size = answer.remaining();
        if (log != null && sampled()) {
            Answer logged = decided;
            if (logged == null) {
                byte[] bytes = new byte[size];
                answer.get(0, bytes);
                logged = new Answer(bytes, index, to, summary(bytes, options.addresses().advertised(index), to));
            }
            log.accept(new RequestEvent(Instant.now(), "udp", from, options.addresses().advertised(index), length,
                    logged));
        }
    }

    /** Counts a drop and logs it (one in logSample) with the words {@link BindingResponder} finds for it. */
    private void dropped(int transport, InetSocketAddress from, int index, DropReason reason, ByteBuffer in,
                         byte[] scratch) {
        counters.drop(reason);
        if (log == null || !sampled()) {
            return;
        }
        Answer answer;
        if (reason == DropReason.RATE_LIMITED) {
            answer = Answer.drop(reason, "rate limit for " + from.getAddress().getHostAddress());
        } else {
            in.get(0, scratch, 0, in.limit());
            answer = responder.answer(scratch, in.limit(), index, from, transport == UDP);
            if (!answer.dropped()) {
                answer = Answer.drop(reason, reason.label().replace('_', ' '));
            }
        }
        log.accept(new RequestEvent(Instant.now(), ServerCounters.TRANSPORTS[transport], from,
                options.addresses().advertised(index), in.limit(), answer));
    }

    private boolean sampled() {
        return logSeen.incrementAndGet() % options.logSample() == 0;
    }

    private void logged(int transport, InetSocketAddress from, int index, int length, Answer answer) {
        if (log != null && sampled()) {
            log.accept(new RequestEvent(Instant.now(), ServerCounters.TRANSPORTS[transport], from,
                    options.addresses().advertised(index), length, answer));
        }
    }

    /** The log text of an answer {@link FastBinding} wrote. */
    private static String summary(byte[] answer, InetSocketAddress origin, InetSocketAddress to) {
        boolean classic = ByteBuffer.wrap(answer).getInt(4) != StunMessage.MAGIC_COOKIE;
        StringBuilder tx = new StringBuilder();
        for (int i = classic ? 4 : 8; i < 20; i++) {
            tx.append(String.format("%02x", answer[i] & 0xFF));
        }
        return "Binding " + (classic ? "(RFC 3489) " : "") + "tx " + tx + " -> success from "
                + BindingResponder.format(origin) + " to " + BindingResponder.format(to);
    }

    private void acceptLoop(ServerSocket listener, int index, int transport) {
        while (!closing) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (!tcpSlots.tryAcquire()) {
                counters.drop(DropReason.TCP_LIMIT);
                closeQuietly(s);
                continue;
            }
            synchronized (connections) {
                connections.add(s);
            }
            Thread t = new Thread(() -> serveStream(s, index, transport),
                    "rtc-stun-server-" + ServerCounters.TRANSPORTS[transport] + "-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Answers the Binding requests of one TCP (or TLS) connection, RFC 8489 framing (messages back to back). The
     * connection is closed when it has been idle for the idle limit (counted from the last whole message, so a
     * trickle of bytes does not keep it open), at a message over the size limit, or at a byte that starts no STUN
     * message.
     */
    private void serveStream(Socket s, int index, int transport) {
        InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
        TcpLimits limits = options.tcpLimits();
        String name = ServerCounters.TRANSPORTS[transport];
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] message = new byte[Math.max(StunMessage.HEADER_LENGTH, limits.maxMessage())];
            while (!closing) {
                long deadline = System.nanoTime() + limits.idleMillis() * 1_000_000L;
                readFully(s, in, message, 0, StunMessage.HEADER_LENGTH, deadline);
                counters.received(transport);
                int length = ((message[2] & 0xFF) << 8) | (message[3] & 0xFF);
                if ((message[0] & 0xC0) != 0) {
                    counters.drop(DropReason.MALFORMED);
                    logged(transport, from, index, 20, Answer.drop(DropReason.MALFORMED,
                            "not a STUN message on " + name + "; connection closed"));
                    return;
                }
                if (length + StunMessage.HEADER_LENGTH > limits.maxMessage()) {
                    counters.drop(DropReason.TCP_LIMIT);
                    logged(transport, from, index, 20, Answer.drop(DropReason.TCP_LIMIT, "a message of "
                            + (length + 20) + " bytes, over the limit of " + limits.maxMessage()
                            + "; connection closed"));
                    return;
                }
                readFully(s, in, message, StunMessage.HEADER_LENGTH, length, deadline);
                int total = StunMessage.HEADER_LENGTH + length;
                Answer answer = !limiter.allow(from.getAddress(), System.nanoTime())
                        ? Answer.drop(DropReason.RATE_LIMITED, "rate limit for " + from.getAddress().getHostAddress())
                        : (transport == TLS ? tlsResponder : responder).answer(message, total, index, from, false);
                if (answer.dropped()) {
                    counters.drop(answer.reason());
                } else {
                    out.write(answer.bytes());
                    out.flush();
                    counters.answered(transport);
                }
                logged(transport, from, index, total, answer);
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client went away or idled out
        } catch (IOException e) {
            // a reset connection (or a failed TLS handshake) ends only that connection
        } finally {
            synchronized (connections) {
                connections.remove(s);
            }
            tcpSlots.release();
        }
    }

    /** Reads exactly {@code len} bytes, giving up (SocketTimeoutException) at {@code deadline} (System.nanoTime). */
    private static void readFully(Socket s, InputStream in, byte[] buf, int off, int len, long deadline)
            throws IOException {
        while (len > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("idle");
            }
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n = in.read(buf, off, len);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
            len -= n;
        }
    }

    /** Blocks until the server is closed. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Waits at most {@code millis} for the server to be closed; true if it is. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closing;
            closing = true;
        }
        if (!first) {
            // another thread is closing: wait for it, unless this is one of the server's own threads (which that
            // close is waiting for)
            if (!udpThreads.contains(Thread.currentThread()) && !acceptors.contains(Thread.currentThread())) {
                try {
                    closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return;
        }
        // A batched socket's descriptor is used by its thread outside the channel, so that thread is woken (by an
        // empty datagram to the socket, or at the end of its half-second wait) and waited for before the channel
        // closes: a closed descriptor's number can be reused at once by another socket. A plain one is woken by
        // closing its channel.
        for (int i = 0; i < 4; i++) {
            if (batched[i] == null) {
                closeQuietly(udp[i]);
            } else {
                wake(udp[i]);
            }
        }
        for (int i = 0; i < udpThreads.size(); i++) {
            Thread t = udpThreads.get(i);
            if (batched[i] != null && t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            if (batched[i] != null) {
                closeQuietly(udp[i]);
            }
        }
        for (ServerSocket l : listeners) {
            closeQuietly(l);
        }
        synchronized (connections) {
            for (Socket s : connections) {
                closeQuietly(s);
            }
        }
        // A listening socket is released only when the thread blocked in accept() on it has left: wait for them,
        // so that "closed" means the ports can be bound again.
        List<Thread> threads = new ArrayList<>(acceptors);
        threads.addAll(udpThreads);
        for (Thread t : threads) {
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

    private static void wake(DatagramChannel ch) {
        try {
            ch.send(ByteBuffer.allocate(0), ch.getLocalAddress());
        } catch (IOException | RuntimeException ignored) {
            // the wait ends by itself within half a second
        }
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
