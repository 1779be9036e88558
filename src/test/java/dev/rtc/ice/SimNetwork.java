package dev.rtc.ice;

import dev.rtc.net.ManualScheduler;
import dev.rtc.stun.StunMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A network for ICE agents without sockets: datagrams are delivered on a {@link ManualScheduler} after a delay,
 * may be lost (seeded), dropped by a rule, and pass NATs with a chosen mapping and filtering behaviour (RFC 4787).
 * Hosts behind a NAT are reachable only through it, except from behind the same NAT.
 */
final class SimNetwork {
    /** Gets what arrives at one base. */
    interface Receiver {
        void datagram(byte[] data, InetSocketAddress base, InetSocketAddress source);
    }

    /** RFC 4787 filtering. */
    enum Filtering { ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT }

    /** One datagram put on the wire: when, from and to (as the wire sees them, after NAT), and the message. */
    record Sent(Duration at, InetSocketAddress from, InetSocketAddress to, StunMessage message, boolean delivered) {
    }

    /** A NAT with one public address. */
    static final class Nat {
        final InetAddress publicAddress;
        final boolean perDestination;
        final Filtering filtering;
        private final Map<String, Integer> ports = new HashMap<>();
        private final Map<Integer, InetSocketAddress> inside = new HashMap<>();
        private final Map<Integer, Set<InetSocketAddress>> contacted = new HashMap<>();
        private int nextPort = 40000;
        int filtered;

        Nat(String publicAddress, boolean perDestination, Filtering filtering) {
            this.publicAddress = address(publicAddress);
            this.perDestination = perDestination;
            this.filtering = filtering;
        }

        /** The public address of a datagram from {@code base} to {@code destination}, creating the mapping. */
        InetSocketAddress outbound(InetSocketAddress base, InetSocketAddress destination) {
            String key = perDestination ? base + ">" + destination : base.toString();
            int port = ports.computeIfAbsent(key, k -> nextPort++);
            inside.put(port, base);
            contacted.computeIfAbsent(port, p -> new HashSet<>()).add(destination);
            return new InetSocketAddress(publicAddress, port);
        }

        /** Where a datagram from {@code source} to a public port goes inside, or null when it is filtered. */
        InetSocketAddress inbound(InetSocketAddress source, int port) {
            InetSocketAddress to = inside.get(port);
            Set<InetSocketAddress> sent = contacted.getOrDefault(port, Set.of());
            boolean pass = to != null && switch (filtering) {
                case ENDPOINT_INDEPENDENT -> true;
                case ADDRESS_DEPENDENT -> sent.stream().anyMatch(a -> a.getAddress().equals(source.getAddress()));
                case ADDRESS_AND_PORT_DEPENDENT -> sent.contains(source);
            };
            if (!pass) {
                filtered++;
                return null;
            }
            return to;
        }
    }

    final ManualScheduler clock = new ManualScheduler();
    private final Random random;
    private final Map<InetSocketAddress, Receiver> receivers = new HashMap<>();
    private final Map<InetSocketAddress, Nat> behind = new HashMap<>();
    private final List<Nat> nats = new ArrayList<>();
    final List<Sent> log = new ArrayList<>();
    double loss;
    Duration delay = Duration.ofMillis(10);
    /** Extra one-way delay of datagrams from an address (as the wire sees it). */
    final Map<InetAddress, Duration> slowFrom = new HashMap<>();
    /** Drops datagrams (wire source, wire destination) for which it holds. */
    BiPredicate<InetSocketAddress, InetSocketAddress> drop = (s, d) -> false;

    SimNetwork(long seed) {
        this.random = new Random(seed);
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static InetSocketAddress at(String host, int port) {
        return new InetSocketAddress(address(host), port);
    }

    /** Attaches a receiver at {@code base}, behind {@code nat} (null: on the public network). */
    void attach(InetSocketAddress base, Nat nat, Receiver receiver) {
        receivers.put(base, receiver);
        if (nat != null) {
            behind.put(base, nat);
            if (!nats.contains(nat)) {
                nats.add(nat);
            }
        }
    }

    /** The transport an agent sends through. */
    IceAgent.Transport transport() {
        return this::send;
    }

    void send(InetSocketAddress base, InetSocketAddress destination, byte[] data) {
        Nat nat = behind.get(base);
        InetSocketAddress from = nat == null || nat == behind.get(destination) ? base
                : nat.outbound(base, destination);
        boolean lost = drop.test(from, destination) || loss > 0 && random.nextDouble() < loss;
        log.add(new Sent(clock.elapsed(), from, destination, StunMessage.decode(data), !lost));
        if (lost) {
            return;
        }
        Duration d = delay.plus(slowFrom.getOrDefault(from.getAddress(), Duration.ZERO));
        clock.schedule(() -> deliver(nat, from, destination, data), d.toNanos());
    }

    private void deliver(Nat senderNat, InetSocketAddress from, InetSocketAddress destination, byte[] data) {
        InetSocketAddress to = destination;
        for (Nat n : nats) {
            if (n.publicAddress.equals(destination.getAddress())) {
                to = n.inbound(from, destination.getPort());
                break;
            }
        }
        if (to == null) {
            return;
        }
        Nat targetNat = behind.get(to);
        if (targetNat != null && to.equals(destination) && targetNat != senderNat) {
            return;  // a private address, not routed from outside its NAT
        }
        Receiver r = receivers.get(to);
        if (r != null) {
            r.datagram(data, to, from);
        }
    }

    /** The requests put on the wire from {@code from} (wire address). */
    List<Sent> requestsFrom(InetSocketAddress from) {
        return log.stream().filter(s -> s.from().equals(from)
                && s.message().messageClass() == dev.rtc.stun.MessageClass.REQUEST).toList();
    }
}
