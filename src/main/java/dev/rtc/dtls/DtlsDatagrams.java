package dev.rtc.dtls;

import dev.rtc.ice.IceSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram path a DTLS handshake runs over: an ICE session's selected pair, or a plain UDP socket connected to
 * one peer. Arriving datagrams are demultiplexed as RFC 7983 says: a first byte of 20 to 63 is DTLS and is queued
 * (a bounded queue; when it is full the datagram is dropped, as the network might, and DTLS retransmits); anything
 * else (RTP/RTCP at 128-191, rtc's measure packets, ZRTP, TURN channels) goes on to the delegate listener, so
 * DTLS never swallows other traffic.
 */
public final class DtlsDatagrams implements DatagramTransport, IceSession.DataListener {
    /** Datagrams up to this size are sent, as browsers keep DTLS records under a 1200-byte path MTU. */
    public static final int MTU = 1200;
    /** Datagrams up to this size are taken in; a peer may use a larger MTU than rtc does. */
    static final int RECEIVE_LIMIT = 1500;
    static final int QUEUE = 64;

    /** Where this transport sends its datagrams. */
    @FunctionalInterface
    public interface Sender {
        void send(byte[] datagram) throws IOException;
    }

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Sender sender;
    private final IceSession.DataListener delegate;
    private final Runnable onClose;
    private volatile boolean closed;
    private long dropped;

    DtlsDatagrams(Sender sender, IceSession.DataListener delegate, Runnable onClose) {
        this.sender = sender;
        this.delegate = delegate;
        this.onClose = onClose;
    }

    /**
     * A transport over a connected ICE session's selected pair. It becomes the session's data listener; datagrams
     * that are not DTLS go on to {@code delegate} (null: dropped). Closing it gives the session back to the
     * delegate.
     */
    public static DtlsDatagrams over(IceSession session, IceSession.DataListener delegate) {
        DtlsDatagrams d = new DtlsDatagrams(datagram -> {
            if (!session.sendData(datagram)) {
                throw new IOException("no ICE pair is selected");
            }
        }, delegate, () -> session.onData(delegate));
        session.onData(d);
        return d;
    }

    /**
     * A transport over a UDP socket that talks to {@code peer} only (datagrams from elsewhere are ignored). A daemon
     * thread reads the socket until the transport is closed; closing does not close the socket.
     */
    public static DtlsDatagrams over(DatagramSocket socket, InetSocketAddress peer,
            IceSession.DataListener delegate) {
        Thread[] reader = new Thread[1];
        DtlsDatagrams d = new DtlsDatagrams(datagram -> socket.send(new DatagramPacket(datagram, datagram.length,
                peer)), delegate, () -> reader[0].interrupt());
        reader[0] = new Thread(() -> read(socket, peer, d), "dtls-udp-" + socket.getLocalPort());
        reader[0].setDaemon(true);
        reader[0].start();
        return d;
    }

    private static void read(DatagramSocket socket, InetSocketAddress peer, DtlsDatagrams d) {
        byte[] buf = new byte[65535];
        try {
            socket.setSoTimeout(200);
        } catch (SocketException e) {
            return;
        }
        while (!d.closed && !socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            if (p.getSocketAddress().equals(peer)) {
                d.datagram(Arrays.copyOfRange(buf, p.getOffset(), p.getOffset() + p.getLength()));
            }
        }
    }

    /** RFC 7983 section 7: a first byte in [20, 63] is DTLS. */
    public static boolean isDtls(byte[] datagram) {
        if (datagram.length == 0) {
            return false;
        }
        int b = datagram[0] & 0xFF;
        return b >= 20 && b <= 63;
    }

    @Override
    public void datagram(byte[] data) {
        if (closed) {
            if (delegate != null && !isDtls(data)) {
                delegate.datagram(data);
            }
            return;
        }
        if (isDtls(data)) {
            if (!queue.offer(data)) {
                synchronized (this) {
                    dropped++;
                }
            }
        } else if (delegate != null) {
            delegate.datagram(data);
        }
    }

    /** DTLS datagrams dropped because the queue was full. */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("the DTLS transport is closed");
        }
        byte[] d;
        try {
            d = queue.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a DTLS datagram");
        }
        if (d == null) {
            return -1;
        }
        // a record longer than the caller's buffer is cut, and its MAC or length check then rejects it
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the DTLS transport is closed");
        }
        sender.send(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            onClose.run();
        }
    }
}
