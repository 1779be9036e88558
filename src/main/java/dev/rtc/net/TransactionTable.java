package dev.rtc.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Client transactions over one transport, on bytes: sends each request, retransmits it over UDP on the
 * {@link RetransmitPolicy}'s schedule, and matches each STUN response to its request by transaction id (and,
 * unless told otherwise, by the address the request went to). Everything else that arrives (indications,
 * ChannelData, requests, responses to nobody) goes to the {@link #onOther other} handler. Time comes from the
 * {@link Clock} and {@link Scheduler} given, so tests drive it by hand. {@link StunClient} adds the codec.
 */
public final class TransactionTable {
    /**
     * A matched answer.
     *
     * @param data          the response as received
     * @param source        where it came from
     * @param local         the local address it arrived on
     * @param sinceFirst    time from the first transmission to the answer
     * @param sinceAnswered time from the transmission it answered, when that is unambiguous (one transmission)
     * @param transmissions how many times the request went out
     * @param ignored       replies with the transaction id from other addresses, ignored before this one
     * @param sentAt        when each transmission went out, from the first (the first is zero)
     */
    public record Reply(byte[] data, InetSocketAddress source, InetSocketAddress local, Duration sinceFirst,
            Optional<Duration> sinceAnswered, int transmissions, List<IgnoredReply> ignored, List<Duration> sentAt) {
        /** Retransmissions: transmissions after the first. */
        public int retransmissions() {
            return transmissions - 1;
        }
    }

    private static final int HEADER = 20;

    private final StunTransport transport;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Map<String, Pending> pending = new HashMap<>();
    private volatile BiConsumer<byte[], InetSocketAddress> other = (data, source) -> { };
    /** Destinations refused by ICMP port unreachable through {@link #refuse}: later requests fail at once. */
    private final Map<InetSocketAddress, String> refusedDestinations = new HashMap<>();

    /** Starts receiving on the transport at once. */
    public TransactionTable(StunTransport transport, Scheduler scheduler, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        transport.start(new StunTransport.Receiver() {
            @Override
            public void message(byte[] data, InetSocketAddress source) {
                received(data, source, transport.localAddress());
            }

            @Override
            public void message(byte[] data, InetSocketAddress source, InetSocketAddress local) {
                received(data, source, local);
            }

            @Override
            public void unreachable(InetSocketAddress peer) {
                refused(peer);
            }

            @Override
            public void closed(IOException cause) {
                lost(cause);
            }
        });
    }

    /** Where messages that answer no pending transaction go (called on the transport's receive thread). */
    public void onOther(BiConsumer<byte[], InetSocketAddress> handler) {
        this.other = Objects.requireNonNull(handler, "handler");
    }

    public StunTransport transport() {
        return transport;
    }

    /**
     * Starts a transaction: sends {@code request} (a whole encoded STUN request) to {@code destination} now,
     * retransmits it on the policy's schedule over UDP, and completes with the first valid answer, or
     * exceptionally with a {@link StunTransactionException}.
     */
    public CompletableFuture<Reply> send(byte[] request, InetSocketAddress destination, RetransmitPolicy policy,
            SourceCheck check) {
        byte[] copy = request.clone();
        return send(n -> copy, destination, policy, check);
    }

    /**
     * Starts a transaction whose transmissions may differ (RFC 7982's TRANSACTION-TRANSMIT-COUNTER counts them):
     * {@code transmission} gives the bytes of transmission n, from 1; every one carries the same transaction id.
     */
    public CompletableFuture<Reply> send(IntFunction<byte[]> transmission, InetSocketAddress destination,
            RetransmitPolicy policy, SourceCheck check) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(policy, "policy");
        byte[] request = transmission.apply(1);
        if (request.length < HEADER) {
            throw new IllegalArgumentException("a STUN request has at least 20 bytes, not " + request.length);
        }
        String key = key(request, 0);
        Pending p = new Pending(request, transmission, destination, check);
        synchronized (this) {
            String refusal = refusedDestinations.get(destination);
            if (refusal != null) {
                p.future.completeExceptionally(new StunTransactionException(
                        StunTransactionException.Kind.UNREACHABLE, destination, refusal, null));
                return p.future;
            }
            if (pending.containsKey(key)) {
                throw new IllegalArgumentException("transaction " + key + " is already pending");
            }
            pending.put(key, p);
            p.key = key;
            p.start = clock.nanoTime();
            p.offsets = transport.reliable() ? List.of(Duration.ZERO) : policy.transmissionOffsets();
            Duration deadline = transport.reliable() ? policy.streamDeadline() : policy.udpDeadline();
            p.deadline = scheduler.schedule(() -> expire(p), deadline.toNanos());
        }
        transmit(p);
        return p.future;
    }

    /** Fails every pending transaction (e.g. before closing the transport). */
    public void cancelAll(String why) {
        List<Pending> all;
        synchronized (this) {
            all = new ArrayList<>(pending.values());
        }
        for (Pending p : all) {
            fail(p, new StunTransactionException(StunTransactionException.Kind.IO, p.destination, why, null));
        }
    }

    /**
     * Fails every transaction to {@code destination} as refused, and every later one at once: for an unconnected
     * socket, which hears no ICMP itself, when a connected one to the same destination was refused.
     */
    public void refuse(InetSocketAddress destination, String why) {
        synchronized (this) {
            refusedDestinations.put(destination, why);
        }
        refuseAll(destination, why);
    }

    /** Ends every transaction to {@code destination} now as unanswered, as if its deadline had come. */
    public void expire(InetSocketAddress destination) {
        List<Pending> hit;
        synchronized (this) {
            hit = pending.values().stream().filter(p -> p.destination.equals(destination)).toList();
        }
        hit.forEach(this::expire);
    }

    /** How many transactions are waiting for an answer. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    private void transmit(Pending p) {
        byte[] bytes;
        synchronized (this) {
            if (p.done) {
                return;
            }
            p.transmissions++;
            int next = p.transmissions;
            if (next < p.offsets.size()) {
                long due = p.start + p.offsets.get(next).toNanos();
                p.retransmit = scheduler.schedule(() -> transmit(p), due - clock.nanoTime());
            }
            bytes = next == 1 ? p.request : p.transmission.apply(next);
            p.sentAt.add(Duration.ofNanos(clock.nanoTime() - p.start));
        }
        try {
            transport.send(bytes, p.destination);
        } catch (IOException e) {
            fail(p, new StunTransactionException(StunTransactionException.Kind.IO, p.destination,
                    "cannot send to " + Addresses.format(p.destination) + ": " + e.getMessage(), e));
        }
    }

    private void expire(Pending p) {
        StunTimeoutException timeout;
        synchronized (this) {
            if (p.done) {
                return;
            }
            timeout = new StunTimeoutException(p.destination, p.transmissions,
                    Duration.ofNanos(clock.nanoTime() - p.start), p.ignored);
        }
        fail(p, timeout);
    }

    private void received(byte[] data, InetSocketAddress source, InetSocketAddress local) {
        if (!isResponse(data)) {
            other.accept(data, source);
            return;
        }
        Pending p;
        Reply reply;
        synchronized (this) {
            p = pending.get(key(data, 0));
            if (p == null) {
                reply = null;
            } else {
                long now = clock.nanoTime();
                Duration since = Duration.ofNanos(now - p.start);
                if (p.check == SourceCheck.DESTINATION && !p.destination.equals(source)) {
                    p.ignored.add(new IgnoredReply(source, since, data));
                    return;
                }
                finish(p);
                Optional<Duration> answered = p.transmissions == 1 ? Optional.of(since) : Optional.empty();
                reply = new Reply(data, source, local, since, answered, p.transmissions,
                        List.copyOf(p.ignored), List.copyOf(p.sentAt));
            }
        }
        if (p == null) {
            other.accept(data, source);
        } else {
            p.future.complete(reply);
        }
    }

    private void refused(InetSocketAddress peer) {
        refuseAll(peer, null);
    }

    /** Fails the transactions to {@code destination} (null: all) as refused, saying {@code why} (null: ICMP). */
    private void refuseAll(InetSocketAddress destination, String why) {
        List<Pending> hit = new ArrayList<>();
        synchronized (this) {
            for (Pending p : pending.values()) {
                if (destination == null || p.destination.equals(destination)) {
                    hit.add(p);
                }
            }
        }
        for (Pending p : hit) {
            fail(p, new StunTransactionException(StunTransactionException.Kind.UNREACHABLE, p.destination,
                    why != null ? why : refusal(p.destination), null));
        }
    }

    /** The words for a destination that answered with ICMP port unreachable. */
    private static String refusal(InetSocketAddress destination) {
        return Addresses.format(destination) + " refused (ICMP port unreachable)";
    }

    private void lost(IOException cause) {
        List<Pending> all;
        synchronized (this) {
            all = new ArrayList<>(pending.values());
        }
        for (Pending p : all) {
            String why = cause == null ? "connection to " + Addresses.format(p.destination) + " closed before the answer"
                    : "connection to " + Addresses.format(p.destination) + " failed before the answer: "
                            + cause.getMessage();
            fail(p, new StunTransactionException(StunTransactionException.Kind.IO, p.destination, why, cause));
        }
    }

    private void fail(Pending p, StunTransactionException e) {
        synchronized (this) {
            if (p.done) {
                return;
            }
            finish(p);
        }
        p.future.completeExceptionally(e);
    }

    /**
     * Ends a transaction under the table's lock: the first of answer, timeout and failure to get here wins, so a
     * deadline firing while an answer is being handed over cannot turn it into a timeout.
     */
    private void finish(Pending p) {
        p.done = true;
        pending.remove(p.key, p);
        cancelTimers(p);
    }

    private static void cancelTimers(Pending p) {
        if (p.retransmit != null) {
            p.retransmit.cancel();
        }
        if (p.deadline != null) {
            p.deadline.cancel();
        }
    }

    /** A STUN success or error response: top two bits 0, class bit C1 set, a whole header. */
    static boolean isResponse(byte[] data) {
        return data.length >= HEADER && (data[0] & 0xC0) == 0 && (data[0] & 0x01) != 0;
    }

    /**
     * The 16 bytes after the type and length: the cookie and the 96-bit id of RFC 5389+ messages, or the 128-bit
     * id of RFC 3489 ones; either way the same in a request and its response.
     */
    private static String key(byte[] msg, int off) {
        return HexFormat.of().formatHex(msg, off + 4, off + HEADER);
    }

    private static final class Pending {
        final byte[] request;
        final IntFunction<byte[]> transmission;
        final List<Duration> sentAt = new ArrayList<>();
        final InetSocketAddress destination;
        final SourceCheck check;
        final CompletableFuture<Reply> future = new CompletableFuture<>();
        final List<IgnoredReply> ignored = new ArrayList<>();
        String key;
        boolean done;
        List<Duration> offsets;
        long start;
        int transmissions;
        Scheduler.Cancellable retransmit;
        Scheduler.Cancellable deadline;

        Pending(byte[] request, IntFunction<byte[]> transmission, InetSocketAddress destination, SourceCheck check) {
            this.request = request;
            this.transmission = transmission;
            this.destination = destination;
            this.check = check;
        }
    }
}
