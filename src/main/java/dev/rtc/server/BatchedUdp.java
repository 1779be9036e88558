package dev.rtc.server;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;

/**
 * Batched UDP input and output on a bound {@link DatagramChannel}'s socket: one {@code recvmmsg(2)} takes up to
 * {@code batch} datagrams and one {@code sendmmsg(2)} sends the answers queued for them, instead of one system call
 * per datagram each way (Java's channels have no batched calls; on loopback the per-datagram system calls are most
 * of a STUN server's cost, measured in bench/stun-server.sh). Linux on a 64-bit platform only, through JNA (already
 * on the class path for pcap4j) and the channel's file descriptor (which needs {@code --add-opens
 * java.base/sun.nio.ch}, given in rtc's jar manifest); {@link #unavailable()} says why it cannot be used, and the
 * server then falls back to one datagram per call. One instance per receiving thread; the channel stays open and
 * usable for other sends (answers from another socket); its owner closes it once the receiving thread has left
 * {@link #receive} (after {@link #wake}), so that the descriptor cannot be reused under a call.
 */
final class BatchedUdp {
    /** Room per datagram: more than the largest UDP payload (65507 bytes over IPv4), so none arrives cut. */
    static final int SLOT = 65536;

    private static final int MSG_WAITFORONE = 0x10000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ECONNREFUSED = 111;
    private static final int POLLIN = 0x1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    /** How long a wait for datagrams lasts before it returns to look whether the server is closing. */
    private static final int WAIT_MILLIS = 500;
    /** struct mmsghdr on LP64 Linux: struct msghdr (56 bytes) and msg_len, padded to 64. */
    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    /** Room for a struct sockaddr_in6 (28 bytes), rounded up. */
    private static final int NAME = 32;

    private static final String UNAVAILABLE = probe();

    private final int fd;
    private final int batch;
    private final Memory rxVec;
    private final Memory rxIov;
    private final Memory rxNames;
    private final Memory rxData;
    private final Memory txVec;
    private final Memory txIov;
    private final Memory txData;
    private final Memory pollFds;
    private final ByteBuffer names;
    /** Views of the headers in the platform's order: per-datagram reads and writes without a JNA call each. */
    private final ByteBuffer rxHeaders;
    private final ByteBuffer txHeaders;
    private final ByteBuffer txVectors;
    private final ByteBuffer[] rx;
    private final ByteBuffer[] tx;
    private final long namesAddress;
    private final int[] queuedFor;
    /** The sources of the datagrams of the last receive, read once each. */
    private final InetSocketAddress[] sources;
    private final boolean[] sent;
    private int received;
    private int queued;

    /** Declarations of the C library calls used, bound to libc by JNA's direct mapping. */
    private static final class LibC {
        static native int recvmmsg(int fd, long msgvec, int vlen, int flags, long timeout);

        static native int sendmmsg(int fd, long msgvec, int vlen, int flags);

        static native int poll(long fds, long nfds, int timeout);

        static native int setsockopt(int fd, int level, int name, long value, int length);
    }

    private static String probe() {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            return "batched UDP needs Linux on a 64-bit platform";
        }
        try {
            Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            fdMethod();
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "batched UDP unavailable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    private static Method fdMethod() throws ReflectiveOperationException {
        Class<?> impl = Class.forName("sun.nio.ch.DatagramChannelImpl");
        Method m = impl.getMethod("getFDVal");
        m.setAccessible(true);
        return m;
    }

    /** Why batched I/O cannot be used here, or null when it can. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /** The file descriptor of a channel, for {@link #BatchedUdp}. Only when {@link #unavailable()} is null. */
    static int fd(DatagramChannel channel) throws IOException {
        try {
            return (int) fdMethod().invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("no file descriptor for the UDP socket: " + e.getMessage(), e);
        }
    }

    /**
     * Batched I/O on socket {@code fd}, up to {@code batch} datagrams per call. A wait for datagrams lasts at most
     * half a second (the socket's receive timeout is set so), so that the thread notices a closing server; a
     * datagram to the socket ends the wait sooner.
     */
    BatchedUdp(int fd, int batch) throws IOException {
        this.fd = fd;
        this.batch = batch;
        rxVec = new Memory((long) batch * MMSGHDR);
        rxIov = new Memory((long) batch * IOVEC);
        rxNames = new Memory((long) batch * NAME);
        rxData = new Memory((long) batch * SLOT);
        txVec = new Memory((long) batch * MMSGHDR);
        txIov = new Memory((long) batch * IOVEC);
        txData = new Memory((long) batch * BindingResponder.MAX_RESPONSE);
        pollFds = new Memory(8);
        rxVec.clear();
        txVec.clear();
        namesAddress = Pointer.nativeValue(rxNames);
        names = rxNames.getByteBuffer(0, rxNames.size()).order(ByteOrder.nativeOrder());
        rxHeaders = rxVec.getByteBuffer(0, rxVec.size()).order(ByteOrder.nativeOrder());
        txHeaders = txVec.getByteBuffer(0, txVec.size()).order(ByteOrder.nativeOrder());
        txVectors = txIov.getByteBuffer(0, txIov.size()).order(ByteOrder.nativeOrder());
        rx = new ByteBuffer[batch];
        tx = new ByteBuffer[batch];
        queuedFor = new int[batch];
        sources = new InetSocketAddress[batch];
        sent = new boolean[batch];
        for (int i = 0; i < batch; i++) {
            rxIov.setLong((long) i * IOVEC, Pointer.nativeValue(rxData) + (long) i * SLOT);
            rxIov.setLong((long) i * IOVEC + 8, SLOT);
            long h = (long) i * MMSGHDR;
            rxVec.setLong(h, Pointer.nativeValue(rxNames) + (long) i * NAME);
            rxVec.setInt(h + 8, NAME);
            rxVec.setLong(h + 16, Pointer.nativeValue(rxIov) + (long) i * IOVEC);
            rxVec.setLong(h + 24, 1);
            txIov.setLong((long) i * IOVEC, Pointer.nativeValue(txData) + (long) i * BindingResponder.MAX_RESPONSE);
            txVec.setLong(h + 16, Pointer.nativeValue(txIov) + (long) i * IOVEC);
            txVec.setLong(h + 24, 1);
            rx[i] = rxData.getByteBuffer((long) i * SLOT, SLOT).order(ByteOrder.BIG_ENDIAN);
            tx[i] = txData.getByteBuffer((long) i * BindingResponder.MAX_RESPONSE, BindingResponder.MAX_RESPONSE)
                    .order(ByteOrder.BIG_ENDIAN); // JNA's views come in the platform's order; STUN is big-endian
        }
        pollFds.setInt(0, fd);
        pollFds.setShort(4, (short) POLLIN);
        Memory timeval = new Memory(16);
        timeval.setLong(0, WAIT_MILLIS / 1000);
        timeval.setLong(8, (WAIT_MILLIS % 1000) * 1000L);
        if (LibC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, Pointer.nativeValue(timeval), 16) != 0) {
            throw new IOException("setsockopt SO_RCVTIMEO failed, errno " + Native.getLastError());
        }
    }

    /**
     * Waits for datagrams (at most half a second) and takes those waiting, at most the batch: returns how many (then
     * {@link #datagram}, {@link #source}), or 0 when none came. One system call while datagrams keep coming.
     * Forgets what the previous call received and queued.
     */
    int receive() throws IOException {
        for (int i = 0; i < received; i++) {
            rxHeaders.putInt(i * MMSGHDR + 8, NAME);
            sources[i] = null;
        }
        received = 0;
        queued = 0;
        int n = LibC.recvmmsg(fd, Pointer.nativeValue(rxVec), batch, MSG_WAITFORONE, 0);
        if (n > 0) {
            received = n;
            for (int i = 0; i < n; i++) {
                rx[i].limit(Math.min(SLOT, rxHeaders.getInt(i * MMSGHDR + 56))).position(0);
            }
            return n;
        }
        int errno = n < 0 ? Native.getLastError() : EAGAIN;
        if (errno == EAGAIN) {
            // the receive timeout, or a socket in non-blocking mode: wait in poll instead
            pollFds.setShort(6, (short) 0);
            if (LibC.poll(Pointer.nativeValue(pollFds), 1, WAIT_MILLIS) < 0 && Native.getLastError() != EINTR) {
                throw new IOException("poll failed, errno " + Native.getLastError());
            }
        } else if (errno != EINTR && errno != ECONNREFUSED) {
            throw new IOException("recvmmsg failed, errno " + errno);
        }
        return 0;
    }

    /** Datagram {@code i} of the last {@link #receive}, from position 0 to its length. */
    ByteBuffer datagram(int i) {
        return rx[i];
    }

    /** Where datagram {@code i} came from (an IPv4-mapped IPv6 source as the IPv4 address). */
    InetSocketAddress source(int i) throws IOException {
        if (sources[i] == null) {
            sources[i] = readSource(i);
        }
        return sources[i];
    }

    private InetSocketAddress readSource(int i) throws IOException {
        int at = i * NAME;
        int family = names.getShort(at) & 0xFFFF;
        int port = ((names.get(at + 2) & 0xFF) << 8) | (names.get(at + 3) & 0xFF);
        byte[] a;
        int scope = 0;
        if (family == 2) {
            a = new byte[4];
            names.get(at + 4, a);
        } else if (family == 10) {
            a = new byte[16];
            names.get(at + 8, a);
            scope = names.getInt(at + 24);
        } else {
            throw new IOException("recvmmsg gave a source of address family " + family);
        }
        try {
            InetAddress ip = InetAddress.getByAddress(a);
            if (scope != 0 && ip instanceof Inet6Address) {
                ip = Inet6Address.getByAddress(null, a, scope);
            }
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IOException(e);
        }
    }

    /** The buffer for the answer to datagram {@code i}, written from index 0; then {@link #queue}. */
    ByteBuffer answerBuffer(int i) {
        return tx[queued].clear();
    }

    /** Queues the answer of {@code length} bytes just written into {@link #answerBuffer} for datagram {@code i}. */
    void queue(int i, int length) {
        int k = queued++;
        int h = k * MMSGHDR;
        txHeaders.putLong(h, namesAddress + (long) i * NAME);
        txHeaders.putInt(h + 8, rxHeaders.getInt(i * MMSGHDR + 8));
        txVectors.putLong(k * IOVEC + 8, length);
        tx[k].limit(length).position(0);
        queuedFor[k] = i;
    }

    /** Answers queued since the last {@link #receive}. */
    int queued() {
        return queued;
    }

    /** The datagram answer {@code k} answers, its bytes, and whether {@link #flush} sent it. */
    int answered(int k) {
        return queuedFor[k];
    }

    ByteBuffer answer(int k) {
        return tx[k];
    }

    boolean sent(int k) {
        return sent[k];
    }

    /** Sends the queued answers, each to its datagram's source, in as few calls as the kernel allows. */
    void flush() throws IOException {
        int k = 0;
        while (k < queued) {
            int n = LibC.sendmmsg(fd, Pointer.nativeValue(txVec) + (long) k * MMSGHDR, queued - k, 0);
            if (n > 0) {
                for (int j = k; j < k + n; j++) {
                    sent[j] = true;
                }
                k += n;
                continue;
            }
            int errno = Native.getLastError();
            if (errno == EINTR) {
                continue;
            }
            if (errno == 9) { // EBADF: the socket is gone
                throw new IOException("sendmmsg failed, errno " + errno);
            }
            sent[k++] = false; // this answer only: e.g. no route to its destination
        }
    }
}
