package dev.rtc.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bound UDP socket with a receive loop on its own thread. Unconnected endpoints talk to any peer; a connected
 * one ({@link #connect}) talks to one peer only and learns from the kernel when that peer answers with ICMP
 * port unreachable, which it reports through {@link Listener#unreachable}.
 */
public final class UdpEndpoint implements AutoCloseable {
    /** The largest UDP payload rtc receives (IPv4's limit; larger datagrams cannot arrive). */
    public static final int MAX_DATAGRAM = 65_507;
    /** The dynamic port range of RFC 6335, where ICE and rtc pick random ports. */
    public static final int DYNAMIC_LOW = 49152;
    public static final int DYNAMIC_HIGH = 65535;

    /** What the receive loop delivers. Called on the endpoint's receive thread. */
    public interface Listener {
        /** One datagram: its payload (a fresh array) and the address it came from. */
        void datagram(byte[] data, InetSocketAddress source);

        /** The connected peer answered with ICMP port unreachable (connected endpoints only, on Linux). */
        default void unreachable(InetSocketAddress peer) {
        }

        /** The receive loop stopped on an error other than closing the endpoint. */
        default void failed(IOException error) {
        }
    }

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress peer;
    private volatile Thread receiver;
    private volatile boolean closed;

    private UdpEndpoint(DatagramChannel channel, InetSocketAddress peer) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.peer = peer;
    }

    /** Binds an unconnected endpoint on {@code local}; port 0 lets the system pick one. */
    public static UdpEndpoint bind(InetSocketAddress local) throws IOException {
        DatagramChannel ch = open(local.getAddress());
        try {
            ch.bind(local);
            return new UdpEndpoint(ch, null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Binds an unconnected endpoint on a random free port of 49152-65535 of {@code address}. */
    public static UdpEndpoint bindRandomDynamic(InetAddress address) throws IOException {
        IOException last = null;
        for (int tries = 0; tries < 64; tries++) {
            int port = DYNAMIC_LOW + ThreadLocalRandom.current().nextInt(DYNAMIC_HIGH - DYNAMIC_LOW + 1);
            try {
                return bind(new InetSocketAddress(address, port));
            } catch (IOException busy) {
                last = busy;
            }
        }
        throw new IOException("no free UDP port in " + DYNAMIC_LOW + "-" + DYNAMIC_HIGH + " on "
                + address.getHostAddress(), last);
    }

    /**
     * Binds on {@code local} (port 0: any) and connects to {@code peer}: only the peer's datagrams arrive, and
     * its ICMP port unreachable is reported.
     */
    public static UdpEndpoint connect(InetSocketAddress local, InetSocketAddress peer) throws IOException {
        Objects.requireNonNull(peer, "peer");
        if (peer.isUnresolved()) {
            throw new IOException("cannot resolve " + peer.getHostString());
        }
        InetAddress localAddress = local == null ? null : local.getAddress();
        DatagramChannel ch = open(localAddress != null ? localAddress : peer.getAddress());
        try {
            ch.bind(local);
            ch.connect(peer);
            return new UdpEndpoint(ch, peer);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static DatagramChannel open(InetAddress family) throws IOException {
        if (family instanceof java.net.Inet6Address && !family.isAnyLocalAddress()) {
            return DatagramChannel.open(StandardProtocolFamily.INET6);
        }
        if (family instanceof java.net.Inet4Address) {
            return DatagramChannel.open(StandardProtocolFamily.INET);
        }
        return DatagramChannel.open();
    }

    /** The address the socket is bound to (after {@link #connect}: the source address the kernel chose). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** The connected peer, or null for an unconnected endpoint. */
    public InetSocketAddress peer() {
        return peer;
    }

    /** Sends one datagram; a connected endpoint accepts only its peer as destination. */
    public void send(byte[] data, InetSocketAddress destination) throws IOException {
        if (destination.isUnresolved()) {
            throw new IOException("cannot resolve " + destination.getHostString());
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        if (peer != null) {
            if (!peer.equals(destination)) {
                throw new IOException("endpoint is connected to " + Addresses.format(peer) + ", not "
                        + Addresses.format(destination));
            }
            channel.write(buf);
        } else {
            channel.send(buf, destination);
        }
    }

    /**
     * Starts the receive loop on a daemon thread of its own; it runs until {@link #close()}. Call once.
     */
    public synchronized void receive(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (receiver != null) {
            throw new IllegalStateException("receive loop already started");
        }
        Thread t = new Thread(() -> loop(listener), "rtc-udp-" + local.getPort());
        t.setDaemon(true);
        receiver = t;
        t.start();
    }

    private void loop(Listener listener) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM + 1);
        while (!closed) {
            buf.clear();
            try {
                SocketAddress from;
                if (peer != null) {
                    int n = channel.read(buf);
                    from = n < 0 ? null : peer;
                } else {
                    from = channel.receive(buf);
                }
                if (from == null) {
                    continue;
                }
                buf.flip();
                byte[] data = new byte[buf.remaining()];
                buf.get(data);
                listener.datagram(data, (InetSocketAddress) from);
            } catch (PortUnreachableException e) {
                listener.unreachable(peer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    listener.failed(e);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a datagram channel does not fail in a way the caller could act on
        }
    }

    @Override
    public String toString() {
        return "udp " + Addresses.format(local) + (peer == null ? "" : " -> " + Addresses.format(peer));
    }
}
