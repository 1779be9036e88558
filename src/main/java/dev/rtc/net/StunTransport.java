package dev.rtc.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What client transactions run over: a UDP endpoint (unreliable: requests are retransmitted) or a TCP/TLS
 * connection (reliable: sent once). {@link #of(UdpEndpoint)} and {@link #of(StreamConnection)} adapt the two.
 */
public interface StunTransport {
    /** What a transport delivers to the transaction layer, on the transport's receive thread. */
    interface Receiver {
        /** One datagram, or one framed STUN message or ChannelData frame, and where it came from. */
        void message(byte[] data, InetSocketAddress source);

        /**
         * The same, for transports listening on more than one local address, saying which one it arrived on.
         * Transactions use it to report where an answer went (RFC 5780 RESPONSE-PORT).
         */
        default void message(byte[] data, InetSocketAddress source, InetSocketAddress local) {
            message(data, source);
        }

        /** The peer answered with ICMP port unreachable (or refused a connection). */
        void unreachable(InetSocketAddress peer);

        /** The transport stopped delivering; {@code cause} is null for an orderly close. */
        void closed(IOException cause);
    }

    /** Sends one message; on a stream transport the destination must be the connection's peer. */
    void send(byte[] message, InetSocketAddress destination) throws IOException;

    /** True for TCP and TLS: no retransmissions. */
    boolean reliable();

    InetSocketAddress localAddress();

    /** Starts delivering to {@code receiver}. Called once. */
    void start(Receiver receiver);

    /** "UDP", "TCP" or the TLS protocol version, for reports. */
    String name();

    /** A UDP endpoint as a transport. Closing stays with the caller. */
    static StunTransport of(UdpEndpoint udp) {
        return new StunTransport() {
            @Override
            public void send(byte[] message, InetSocketAddress destination) throws IOException {
                udp.send(message, destination);
            }

            @Override
            public boolean reliable() {
                return false;
            }

            @Override
            public InetSocketAddress localAddress() {
                return udp.localAddress();
            }

            @Override
            public String name() {
                return "UDP";
            }

            @Override
            public void start(Receiver receiver) {
                udp.receive(new UdpEndpoint.Listener() {
                    @Override
                    public void datagram(byte[] data, InetSocketAddress source) {
                        receiver.message(data, source);
                    }

                    @Override
                    public void unreachable(InetSocketAddress peer) {
                        receiver.unreachable(peer);
                    }

                    @Override
                    public void failed(IOException error) {
                        receiver.closed(error);
                    }
                });
            }
        };
    }

    /** A TCP or TLS connection as a transport; frames arrive from the connection's peer. */
    static StunTransport of(StreamConnection conn) {
        return new StunTransport() {
            @Override
            public void send(byte[] message, InetSocketAddress destination) throws IOException {
                if (!conn.remoteAddress().equals(destination)) {
                    throw new IOException("connection goes to " + Addresses.format(conn.remoteAddress())
                            + ", not " + Addresses.format(destination));
                }
                conn.send(message);
            }

            @Override
            public boolean reliable() {
                return true;
            }

            @Override
            public InetSocketAddress localAddress() {
                return conn.localAddress();
            }

            @Override
            public String name() {
                return conn.protocol();
            }

            @Override
            public void start(Receiver receiver) {
                conn.receive(new StreamConnection.Listener() {
                    @Override
                    public void frame(byte[] frame) {
                        receiver.message(frame, conn.remoteAddress());
                    }

                    @Override
                    public void closed(IOException cause) {
                        receiver.closed(cause);
                    }
                });
            }
        };
    }
}
