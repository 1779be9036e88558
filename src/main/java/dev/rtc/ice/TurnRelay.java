package dev.rtc.ice;

import dev.rtc.net.Clock;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.Scheduler;
import dev.rtc.net.StreamConnection;
import dev.rtc.net.StunClient;
import dev.rtc.net.StunTransactionException;
import dev.rtc.net.TlsOptions;
import dev.rtc.net.UdpEndpoint;
import dev.rtc.turn.AllocateMachine;
import dev.rtc.turn.Allocation;
import dev.rtc.turn.CredentialSource;
import dev.rtc.turn.TurnClient;
import dev.rtc.turn.TurnRequestException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TURN allocation held for an ICE session: the relay candidate's base (RFC 8445 section 5.1.1.2). Checks and
 * data from the relayed address go to each peer on a channel (RFC 8656 section 12): the first datagram to a peer
 * binds one, which installs the permission too, and what is sent before the server confirmed waits (a few
 * datagrams) instead of being lost. What peers send arrives as ChannelData or as Data indications. The allocation
 * is refreshed before its lifetime runs out, the channels (and so the permissions) every {@link #BINDING_REFRESH},
 * and the allocation is released when the session closes.
 *
 * <p>{@link #send} never blocks: the ChannelBind and Refresh transactions run on the relay's own thread, since the
 * ICE agent sends with its lock held.
 */
final class TurnRelay implements AutoCloseable {
    /** What arrives through the relay from a peer. */
    @FunctionalInterface
    interface Receiver {
        void received(InetSocketAddress relayed, InetSocketAddress peer, byte[] data);
    }

    /** How long a permission lasts is 300 s, a channel 600 s (RFC 8656); both are renewed before. */
    static final Duration BINDING_REFRESH = Duration.ofMinutes(4);
    private static final int FIRST_CHANNEL = 0x4000;
    /** Peers (channels) one relay serves: more than the agent ever pairs with. */
    private static final int MAX_PEERS = 256;
    /** Datagrams that wait for a peer's channel to be bound. */
    private static final int MAX_WAITING = 8;

    private final IceServerUri uri;
    private final List<AutoCloseable> open;
    private final TurnClient turn;
    private final Allocation allocation;
    private final Scheduler scheduler;
    private final ExecutorService worker;
    private final Map<InetSocketAddress, Peer> peers = new ConcurrentHashMap<>();
    private final AtomicInteger nextChannel = new AtomicInteger(FIRST_CHANNEL);
    private final AtomicInteger refreshes = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();
    private volatile boolean closed;
    private Scheduler.Cancellable allocationRefresh;
    private volatile long lastLifetime;
    private volatile boolean released;

    /** One peer's channel. */
    private static final class Peer {
        final InetSocketAddress address;
        final int channel;
        /** Set once the server confirmed the ChannelBind; until then datagrams wait. */
        volatile boolean bound;
        volatile String failure;
        final List<byte[]> waiting = new ArrayList<>();

        Peer(InetSocketAddress address, int channel) {
            this.address = address;
            this.channel = channel;
        }
    }

    /** Why no allocation was made. */
    static final class AllocationFailed extends Exception {
        AllocationFailed(String message) {
            super(message);
        }
    }

    private TurnRelay(IceServerUri uri, List<AutoCloseable> open, TurnClient turn, Allocation allocation,
                      Scheduler scheduler) {
        this.uri = uri;
        this.open = open;
        this.turn = turn;
        this.allocation = allocation;
        this.scheduler = scheduler;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rtc-ice-turn");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Allocates on {@code uri}'s server from {@code local} (null: any address), following one ALTERNATE-SERVER
     * redirect, within {@code timeout}. {@code receiver} hears every datagram peers send through the relay.
     */
    static TurnRelay allocate(IceServerUri uri, InetAddress local, CredentialSource credentials, TlsOptions tls,
                              Scheduler scheduler, Clock clock, Duration timeout, Duration rto, Receiver receiver)
            throws AllocationFailed, InterruptedException {
        return allocate(uri, local, credentials, tls, scheduler, clock, timeout, rto, receiver, null);
    }

    /**
     * As above, with the first refresh after {@code firstRefresh} instead of near the end of the granted lifetime
     * (null): for tests, which cannot wait out the usual ten minutes. Later refreshes follow the lifetime each
     * Refresh is granted.
     */
    static TurnRelay allocate(IceServerUri uri, InetAddress local, CredentialSource credentials, TlsOptions tls,
                              Scheduler scheduler, Clock clock, Duration timeout, Duration rto, Receiver receiver,
                              Duration firstRefresh) throws AllocationFailed, InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(uri.host()), uri.port());
            if (credentials == null) {
                throw new AllocationFailed("a TURN server needs credentials: -u USER with --credential, "
                        + "--credential-file, or --secret for REST credentials");
            }
            var creds = credentials.credentials(Instant.now());
            java.util.function.Supplier<RetransmitPolicy> policy = () -> RetransmitPolicy.of(rto, 7, 16)
                    .cappedAt(Duration.ofNanos(Math.max(1_000_000, deadline - clock.nanoTime())));
            boolean redirected = false;
            for (int hop = 0; hop < 2; hop++) {
                StunClient client = connect(uri, server, local, tls, scheduler, clock, deadline, open);
                TurnClient turn = new TurnClient(client, server, creds, policy);
                AllocateMachine.Step step;
                try {
                    step = turn.allocate(redirected);
                } catch (StunTransactionException e) {
                    throw new AllocationFailed(e.getMessage());
                }
                if (step instanceof AllocateMachine.Allocated a) {
                    TurnRelay relay = new TurnRelay(uri, open, turn, a.allocation(), scheduler);
                    turn.onPeerData((peer, data) -> receiver.received(a.allocation().relayed(), peer, data));
                    if (firstRefresh == null) {
                        relay.scheduleRefresh(a.allocation().lifetimeSeconds());
                    } else {
                        relay.scheduleRefreshIn(firstRefresh.toNanos());
                    }
                    return relay;
                }
                if (step instanceof AllocateMachine.Failed f) {
                    throw new AllocationFailed(f.detail());
                }
                if (step instanceof AllocateMachine.Redirect r && hop == 0) {
                    server = r.alternate();
                    redirected = true;
                    continue;
                }
                throw new AllocationFailed("redirected twice; rtc follows one ALTERNATE-SERVER");
            }
            throw new AllocationFailed("redirected twice; rtc follows one ALTERNATE-SERVER");
        } catch (IOException e) {
            closeAll(open);
            throw new AllocationFailed(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (AllocationFailed | InterruptedException | RuntimeException e) {
            closeAll(open);
            throw e;
        }
    }

    private static StunClient connect(IceServerUri uri, InetSocketAddress server, InetAddress local, TlsOptions tls,
                                      Scheduler scheduler, Clock clock, long deadline, List<AutoCloseable> open)
            throws IOException {
        if (uri.transport() == IceServerUri.Transport.UDP) {
            UdpEndpoint e = UdpEndpoint.bind(new InetSocketAddress(local, 0));
            open.add(e);
            return StunClient.over(e, scheduler, clock);
        }
        InetSocketAddress from = local == null ? null : new InetSocketAddress(local, 0);
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - clock.nanoTime()));
        StreamConnection c = StreamConnection.connect(from, server, left,
                uri.transport() == IceServerUri.Transport.TLS ? tls : null, clock);
        open.add(c);
        return StunClient.over(c, scheduler, clock);
    }

    Allocation allocation() {
        return allocation;
    }

    IceServerUri uri() {
        return uri;
    }

    /** The lifetime the last Refresh was granted, in seconds; the Allocate's before any refresh. */
    long lifetimeSeconds() {
        return refreshes.get() == 0 ? allocation.lifetimeSeconds() : lastLifetime;
    }

    /** The server confirmed the release (the Refresh with LIFETIME 0). */
    boolean released() {
        return released;
    }

    /** Allocation refreshes the server confirmed. */
    int refreshes() {
        return refreshes.get();
    }

    /** What went wrong after the allocation: refused channels, failed refreshes. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Binds channels to these peers ahead of the checks, so that the peers' own checks get through. */
    void prepare(List<InetSocketAddress> addresses) {
        for (InetSocketAddress a : addresses) {
            if (a.getAddress().getClass() == allocation.relayed().getAddress().getClass()) {
                peer(a);
            }
        }
    }

    /** Sends one datagram from the relayed address to {@code peer}; never blocks. */
    void send(InetSocketAddress peer, byte[] data) {
        Peer p = peer(peer);
        if (p == null || p.failure != null) {
            return;
        }
        if (!p.bound) {
            synchronized (p) {
                if (!p.bound) {
                    if (p.waiting.size() < MAX_WAITING) {
                        p.waiting.add(data);
                    }
                    return;
                }
            }
        }
        sendOnChannel(p, data);
    }

    private void sendOnChannel(Peer p, byte[] data) {
        try {
            turn.sendChannelData(p.channel, data);
        } catch (IOException e) {
            // the server's transport is gone: the check goes unanswered and its pair fails by timeout
        }
    }

    private Peer peer(InetSocketAddress address) {
        Peer p = peers.get(address);
        if (p != null || closed) {
            return p;
        }
        if (peers.size() >= MAX_PEERS) {
            return null;
        }
        Peer created = new Peer(address, nextChannel.getAndIncrement());
        Peer before = peers.putIfAbsent(address, created);
        if (before != null) {
            return before;
        }
        submit(() -> bind(created, true));
        return created;
    }

    private void bind(Peer p, boolean first) {
        try {
            turn.channelBind(p.channel, p.address);
            if (first) {
                List<byte[]> flush;
                synchronized (p) {
                    p.bound = true;
                    flush = new ArrayList<>(p.waiting);
                    p.waiting.clear();
                }
                flush.forEach(d -> sendOnChannel(p, d));
            }
            long every = BINDING_REFRESH.toMillis();
            scheduler.schedule(() -> submit(() -> bind(p, false)), TimeUnit.MILLISECONDS.toNanos(every));
        } catch (TurnRequestException e) {
            p.failure = e.getMessage();
            synchronized (p) {
                p.waiting.clear();
            }
            problem(uri.text() + ": " + e.getMessage() + " for peer " + dev.rtc.net.Addresses.format(p.address));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Refreshes at half the lifetime for short ones, a minute before the end for the usual 10 minutes. */
    private void scheduleRefresh(long lifetimeSeconds) {
        long at = lifetimeSeconds <= 120 ? Math.max(1, lifetimeSeconds / 2) : lifetimeSeconds - 60;
        scheduleRefreshIn(TimeUnit.SECONDS.toNanos(at));
    }

    private void scheduleRefreshIn(long nanos) {
        synchronized (this) {
            if (!closed) {
                allocationRefresh = scheduler.schedule(() -> submit(this::refresh), nanos);
            }
        }
    }

    private void refresh() {
        try {
            long granted = turn.refresh(allocation.lifetimeSeconds());
            refreshes.incrementAndGet();
            lastLifetime = granted;
            scheduleRefresh(granted);
        } catch (TurnRequestException e) {
            problem(uri.text() + ": the allocation was not refreshed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Runnable task) {
        if (!closed) {
            try {
                worker.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void problem(String line) {
        synchronized (problems) {
            if (problems.size() < 20) {
                problems.add(line);
            }
        }
    }

    /** Releases the allocation (Refresh with LIFETIME 0, within {@code limit}) and closes its transport. */
    void release(Duration limit, Duration rto) {
        synchronized (this) {
            closed = true;
            if (allocationRefresh != null) {
                allocationRefresh.cancel();
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
            released = turn.release(RetransmitPolicy.of(rto, 3, 2).cappedAt(limit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAll(open);
        }
    }

    @Override
    public void close() {
        release(Duration.ofMillis(800), Duration.ofMillis(250));
    }

    private static void closeAll(List<AutoCloseable> open) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing cannot change what the session found
            }
        }
    }
}
