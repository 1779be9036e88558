package dev.rtc.nat;

import dev.rtc.net.Addresses;
import dev.rtc.RtcException;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.TransactionId;
import dev.rtc.stun.TransactionTransmitCounter;
import dev.rtc.stun.Verification;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Runs one round of NAT tests: three fresh sockets on random ports in 49152-65535 (one per {@link Probe.Role}), all
 * tests at once, each retransmitted inside its window on the RFC 8489 schedule ({@link RetransmitPolicy}). The
 * change tests go out with the first Binding; the tests that need the alternate address follow as soon as the
 * first answer names it. A round costs about one round trip plus one window. Replies are matched by transaction id and
 * receiving socket, then judged by {@link Evidence}; the decision is {@link Classifier}'s.
 */
public final class NatProber {
    private static final int FIRST_DYNAMIC_PORT = 49152;
    private static final int DYNAMIC_PORTS = 65536 - FIRST_DYNAMIC_PORT;

    private final ProbeSettings settings;
    private final Random random;

    public NatProber(ProbeSettings settings) {
        this(settings, new SecureRandom());
    }

    NatProber(ProbeSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
    }

    /** One test in flight. */
    private static final class Pending {
        final Probe probe;
        final DatagramChannel channel;
        final InetSocketAddress destination;
        final TransactionId transactionId;
        final IntFunction<byte[]> transmission;
        final List<Long> sentAt = new ArrayList<>();
        long first;
        long next;
        long[] offsets;
        long deadline;
        int transmissions;
        Reply reply;
        /** The round trip of the transmission answered, when known (null: no answer, or ambiguous). */
        Long rttNanos;
        boolean done;

        Pending(Probe probe, DatagramChannel channel, InetSocketAddress destination, TransactionId id,
                IntFunction<byte[]> transmission) {
            this.probe = probe;
            this.channel = channel;
            this.destination = destination;
            this.transactionId = id;
            this.transmission = transmission;
        }
    }

    public Round run() {
        InetSocketAddress primary = settings.server();
        InetAddress localIp = settings.localAddress() != null ? settings.localAddress() : routeTo(primary);
        if ((localIp instanceof Inet6Address) != (primary.getAddress() instanceof Inet6Address)) {
            throw RtcException.usage("the local address " + localIp.getHostAddress()
                    + " is not of the server's address family");
        }
        warmUp(primary);
        Map<Probe.Role, DatagramChannel> sockets = new EnumMap<>(Probe.Role.class);
        try (Selector selector = Selector.open()) {
            for (Probe.Role role : Probe.Role.values()) {
                DatagramChannel ch = bindFresh(localIp);
                sockets.put(role, ch);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ);
            }
            return probe(selector, sockets, primary);
        } catch (IOException e) {
            throw RtcException.failure("NAT test I/O failed: " + e.getMessage());
        } finally {
            for (DatagramChannel ch : sockets.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private Round probe(Selector selector, Map<Probe.Role, DatagramChannel> sockets, InetSocketAddress primary)
            throws IOException {
        long rto = settings.rto().toNanos();
        long window = settings.window().toNanos();
        Map<Probe, Pending> pending = new EnumMap<>(Probe.class);
        Map<TransactionId, Pending> byTransaction = new HashMap<>();
        InetSocketAddress local = (InetSocketAddress) sockets.get(Probe.Role.MAPPING).getLocalAddress();
        long start = System.nanoTime();
        for (Probe p : List.of(Probe.BINDING, Probe.CHANGE_IP_AND_PORT, Probe.CHANGE_PORT)) {
            launch(p, sockets.get(p.role()), primary, start, window, rto, pending, byTransaction);
        }
        ServerAddresses server = null;
        ByteBuffer in = ByteBuffer.allocate(65536);
        while (true) {
            long now = System.nanoTime();
            long wake = Long.MAX_VALUE;
            for (Pending t : pending.values()) {
                if (t.done) {
                    continue;
                }
                if (now >= t.deadline) {
                    t.done = true;
                    continue;
                }
                if (now >= t.next) {
                    send(t);
                    t.next = t.transmissions < t.offsets.length ? t.first + t.offsets[t.transmissions]
                            : Long.MAX_VALUE;
                }
                wake = Math.min(wake, Math.min(t.next, t.deadline));
            }
            if (wake == Long.MAX_VALUE) {
                break;
            }
            selector.select(Math.max(1, (wake - now + 999_999) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel ch = (DatagramChannel) key.channel();
                while (true) {
                    in.clear();
                    InetSocketAddress from = (InetSocketAddress) ch.receive(in);
                    if (from == null) {
                        break;
                    }
                    Pending t = match(in, from, ch, byTransaction, System.nanoTime());
                    if (t == null || t.probe != Probe.BINDING || server != null) {
                        continue;
                    }
                    Evidence.Judgement j = Evidence.judge(Probe.BINDING, primary, primary, t.reply);
                    if (j instanceof Evidence.ServerIncapable si) {
                        return new Round.ServerIncapable(si.why(), records(pending, null, primary));
                    }
                    if (j instanceof Evidence.Ignored) {
                        t.reply = null;
                        t.done = false;
                        continue;
                    }
                    String problem = Evidence.alternateProblem(primary, t.reply.otherAddress());
                    if (problem != null) {
                        return new Round.ServerIncapable(problem, records(pending, null, primary));
                    }
                    server = new ServerAddresses(primary, t.reply.otherAddress());
                    long now2 = System.nanoTime();
                    launch(Probe.MAPPING_ALTERNATE_IP, ch, server.alternateIpPrimaryPort(), now2, window, rto, pending,
                            byTransaction);
                    launch(Probe.MAPPING_ALTERNATE, ch, server.alternate(), now2, window, rto, pending,
                            byTransaction);
                    // On a slow path the change tests' answers may still be on their way: give them three
                    // round trips at least. An ambiguous round trip (answered after a retransmission that no
                    // echoed counter resolved) is no measure of the path (Karn's rule): the window stands.
                    long rtt = t.rttNanos == null ? 0 : t.rttNanos;
                    for (Probe p : List.of(Probe.CHANGE_IP_AND_PORT, Probe.CHANGE_PORT)) {
                        Pending c = pending.get(p);
                        c.deadline = Math.max(c.deadline, c.first + 3 * rtt);
                    }
                    InetSocketAddress mapped = t.reply.mapped();
                    if (!mapped.equals(local)) {
                        // The hairpin path (to the NAT and back) is shorter than the path to the server, so the
                        // change tests' window, or three round trips to the server, is enough for it too.
                        launch(Probe.HAIRPIN, ch, mapped, now2, window, rto, pending, byTransaction);
                        Pending h = pending.get(Probe.HAIRPIN);
                        h.deadline = Math.max(pending.get(Probe.CHANGE_PORT).deadline, now2 + 3 * rtt + rto);
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        return decide(pending, server, primary, local);
    }

    private Round decide(Map<Probe, Pending> pending, ServerAddresses server, InetSocketAddress primary,
                         InetSocketAddress local) {
        List<ProbeRecord> records = records(pending, server, primary);
        Map<Probe, InetSocketAddress> mapped = new EnumMap<>(Probe.class);
        if (server != null) {
            for (Pending t : pending.values()) {
                if (t.reply == null || t.probe == Probe.HAIRPIN) {
                    continue;
                }
                Evidence.Judgement j = Evidence.judge(t.probe, t.destination, t.probe.expectedSource(server),
                        t.reply);
                if (j instanceof Evidence.ServerIncapable si) {
                    return new Round.ServerIncapable(si.why(), records);
                }
                if (j instanceof Evidence.Accepted a) {
                    mapped.put(t.probe, a.mapped());
                }
            }
        } else {
            for (Probe p : List.of(Probe.CHANGE_IP_AND_PORT, Probe.CHANGE_PORT)) {
                if (pending.get(p).reply != null) {
                    mapped.put(p, pending.get(p).reply.mapped());
                }
            }
        }
        Pending hairpin = pending.get(Probe.HAIRPIN);
        Observations o = new Observations(local, mapped.get(Probe.BINDING), mapped.get(Probe.MAPPING_ALTERNATE_IP),
                mapped.get(Probe.MAPPING_ALTERNATE), mapped.containsKey(Probe.CHANGE_IP_AND_PORT),
                mapped.containsKey(Probe.CHANGE_PORT), hairpin == null ? null : hairpin.reply != null);
        Classifier.Result r = Classifier.classify(o);
        if (r instanceof Classifier.Inconclusive i) {
            return new Round.Inconclusive(i.why(), records);
        }
        return new Round.Classified(((Classifier.Verdict) r).classification(), records);
    }

    /** Matches a datagram to its test and records the reply; null when it is not one of ours. */
    private Pending match(ByteBuffer in, InetSocketAddress from, DatagramChannel ch,
                          Map<TransactionId, Pending> byTransaction, long now) {
        StunMessage msg;
        try {
            msg = StunMessage.decode(in.array(), 0, in.position());
        } catch (StunParseException e) {
            return null;
        }
        Pending t = byTransaction.get(msg.transactionId());
        if (t == null || t.channel != ch || t.reply != null || Fingerprint.verify(msg) == Verification.INVALID) {
            return null;
        }
        double rtt = (now - t.first) / 1e6;
        int answered = t.transmissions == 1 ? 1 : msg.first(TransactionTransmitCounter.class)
                .map(TransactionTransmitCounter::requests).filter(n -> n >= 1 && n <= t.transmissions).orElse(0);
        t.rttNanos = answered == 0 ? null : now - t.sentAt.get(answered - 1);
        if (t.probe == Probe.HAIRPIN) {
            if (msg.messageClass() != MessageClass.REQUEST) {
                return null;
            }
            t.reply = new Reply(true, Reply.Kind.OTHER, 0, from, null, null, false, null, rtt);
            t.done = true;
            return t;
        }
        Reply.Kind kind = switch (msg.messageClass()) {
            case SUCCESS_RESPONSE -> Reply.Kind.SUCCESS;
            case ERROR_RESPONSE -> Reply.Kind.ERROR;
            default -> Reply.Kind.OTHER;
        };
        if (kind == Reply.Kind.OTHER) {
            return null;
        }
        int code = msg.first(ErrorCode.class).map(ErrorCode::code).orElse(kind == Reply.Kind.ERROR ? 400 : 0);
        t.reply = new Reply(true, kind, code, from,
                address(msg, AttributeType.XOR_MAPPED_ADDRESS, AttributeType.MAPPED_ADDRESS),
                address(msg, AttributeType.RESPONSE_ORIGIN, AttributeType.SOURCE_ADDRESS),
                msg.first(AttributeType.RESPONSE_ORIGIN).isEmpty(),
                address(msg, AttributeType.OTHER_ADDRESS, AttributeType.CHANGED_ADDRESS), rtt);
        t.done = true;
        return t;
    }

    private static InetSocketAddress address(StunMessage msg, AttributeType preferred, AttributeType older) {
        for (AttributeType type : List.of(preferred, older)) {
            var a = msg.first(type);
            if (a.isPresent() && a.get() instanceof AddressAttribute aa) {
                return aa.address();
            }
        }
        return null;
    }

    private void launch(Probe probe, DatagramChannel ch, InetSocketAddress destination, long now, long window,
                        long rto, Map<Probe, Pending> pending, Map<TransactionId, Pending> byTransaction) {
        TransactionId id = TransactionId.random();
        // each transmission counts itself (RFC 7982), so a server that echoes the count tells which it answered
        IntFunction<byte[]> transmission = n -> {
            StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).transactionId(id);
            if (probe.changes()) {
                b.add(new ChangeRequest(probe.changeIp(), probe.changePort()));
            }
            return b.add(new TransactionTransmitCounter(n, 0)).buildWithFingerprint().encode();
        };
        Pending t = new Pending(probe, ch, destination, id, transmission);
        t.first = now;
        t.next = now;
        t.offsets = RetransmitPolicy.of(Duration.ofNanos(rto), 32, 1).withTimeout(Duration.ofNanos(window))
                .transmissionOffsets().stream().mapToLong(Duration::toNanos).toArray();
        t.deadline = now + window;
        pending.put(probe, t);
        byTransaction.put(t.transactionId, t);
    }

    private static void send(Pending t) throws IOException {
        byte[] bytes = t.transmission.apply(t.transmissions + 1);
        t.sentAt.add(System.nanoTime());
        t.channel.send(ByteBuffer.wrap(bytes), t.destination);
        t.transmissions++;
    }

    private List<ProbeRecord> records(Map<Probe, Pending> pending, ServerAddresses server,
                                      InetSocketAddress primary) {
        List<ProbeRecord> out = new ArrayList<>();
        for (Pending t : pending.values()) {
            InetSocketAddress expected = t.probe == Probe.HAIRPIN ? t.destination
                    : server != null ? t.probe.expectedSource(server)
                    : t.probe.changes() ? null : primary;
            String outcome;
            if (t.reply == null) {
                outcome = t.done ? "no answer" : "cut short";
            } else if (t.probe == Probe.HAIRPIN) {
                outcome = "came back";
            } else if (server == null && t.probe != Probe.BINDING) {
                outcome = "answered (not judged: no alternate address)";
            } else {
                Evidence.Judgement j = Evidence.judge(t.probe, t.destination,
                        expected == null ? t.destination : expected, t.reply);
                if (j instanceof Evidence.Ignored i) {
                    outcome = "ignored: " + i.why();
                } else if (j instanceof Evidence.ServerIncapable s) {
                    outcome = "invalid: " + s.why();
                } else {
                    String note = ((Evidence.Accepted) j).note();
                    outcome = note == null ? "answered" : "answered (" + note + ")";
                }
            }
            InetSocketAddress localAddress;
            try {
                localAddress = (InetSocketAddress) t.channel.getLocalAddress();
            } catch (IOException e) {
                localAddress = null;
            }
            out.add(new ProbeRecord(t.probe, localAddress, t.destination, expected,
                    t.reply == null ? null : t.reply.actualSource(), t.rttNanos == null ? null : t.rttNanos / 1e6,
                    t.reply != null && t.rttNanos == null, t.transmissions, t.reply == null ? null : t.reply.mapped(),
                    outcome));
        }
        return out;
    }

    private DatagramChannel bindFresh(InetAddress ip) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 64; attempt++) {
            DatagramChannel ch = DatagramChannel.open(ip instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
            try {
                ch.bind(new InetSocketAddress(ip, FIRST_DYNAMIC_PORT + random.nextInt(DYNAMIC_PORTS)));
                return ch;
            } catch (BindException e) {
                last = e;
                ch.close();
            } catch (IOException e) {
                ch.close();
                throw new IOException("cannot bind a UDP socket on " + ip.getHostAddress() + ": " + e.getMessage(), e);
            }
        }
        throw new IOException("no free UDP port in 49152-65535 on " + ip.getHostAddress() + ": "
                + (last == null ? "" : last.getMessage()));
    }

    /**
     * Builds and reads one answer before the clock starts, so that loading the codec does not count as round-trip
     * time (nor trigger a needless retransmission) on the first test.
     */
    private static void warmUp(InetSocketAddress address) {
        StunMessage answer = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .add(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, address))
                .add(new AddressAttribute(AttributeType.OTHER_ADDRESS, address))
                .buildWithFingerprint();
        byte[] bytes = answer.encode();
        StunMessage read = StunMessage.decode(bytes, 0, bytes.length);
        Fingerprint.verify(read);
        address(read, AttributeType.XOR_MAPPED_ADDRESS, AttributeType.MAPPED_ADDRESS);
    }

    /** The local address the route to the server uses. */
    private static InetAddress routeTo(InetSocketAddress server) {
        try (DatagramChannel ch = DatagramChannel.open(server.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
            ch.connect(server);
            return ((InetSocketAddress) ch.getLocalAddress()).getAddress();
        } catch (IOException e) {
            throw RtcException.failure("no route to " + Addresses.format(server) + ": " + e.getMessage());
        }
    }
}
