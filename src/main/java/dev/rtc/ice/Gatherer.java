package dev.rtc.ice;

import dev.rtc.net.Clock;
import dev.rtc.net.Durations;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.Scheduler;
import dev.rtc.net.StreamConnection;
import dev.rtc.net.StunClient;
import dev.rtc.net.UdpEndpoint;
import dev.rtc.turn.TurnClient;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gathers ICE candidates the way a browser does and judges every server: host candidates from the chosen local
 * addresses (one UDP socket per address and component, which is also the base for srflx and UDP TURN), then every
 * server URL in parallel, each bounded by what is left of the global timeout. Allocations are released with a
 * Refresh of LIFETIME 0 before the run ends; {@code --check-relay} sends packets through each working TURN URL.
 */
public final class Gatherer {
    /** Gets candidates and verdicts as they arrive (from worker threads, one call at a time). */
    public interface Listener {
        default void candidate(Candidate candidate) {
        }

        default void server(ServerVerdict verdict) {
        }
    }

    /** A local UDP socket: host candidate and base for srflx and UDP TURN. */
    record Base(HostAddresses.HostAddress host, int component, UdpEndpoint endpoint, StunClient client) {
        InetSocketAddress local() {
            return endpoint.localAddress();
        }
    }

    private static final Duration GRACE = Duration.ofMillis(300);
    /** The port of active TCP candidates (RFC 6544: 9, the discard port). */
    private static final int DISCARD_PORT = 9;
    private static final Duration RELEASE_LIMIT = Duration.ofMillis(800);

    private final Clock clock;
    private final Object emitLock = new Object();

    public Gatherer(Clock clock) {
        this.clock = clock;
    }

    /** Runs the whole gathering and returns the report; {@code listener} sees candidates and verdicts live. */
    public GatherReport run(GatherOptions options, Listener listener) throws IOException, InterruptedException {
        ExecutorService workers = Executors.newCachedThreadPool(daemon("rtc-gather"));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("rtc-gather-timer"));
        Run run = new Run(options, listener, clock.nanoTime(), Scheduler.on(timers));
        try {
            return gather(run, workers);
        } finally {
            run.closeAll();
            workers.shutdownNow();
            timers.shutdownNow();
        }
    }

    private GatherReport gather(Run run, ExecutorService workers) throws IOException, InterruptedException {
        GatherOptions o = run.options;
        for (HostAddresses.HostAddress h : o.hosts()) {
            for (int c = 1; c <= o.components(); c++) {
                UdpEndpoint e = UdpEndpoint.bindRandomDynamic(h.address());
                Base base = new Base(h, c, e, run.client(e));
                run.bases.add(base);
                run.closeables.add(e);
                if (!o.relayOnly()) {
                    run.emit(hostCandidate(run, base));
                }
            }
            if (!o.relayOnly()) {
                for (int c = 1; c <= o.components(); c++) {
                    run.emit(activeTcpCandidate(run, h, c));
                }
            }
        }
        List<Future<ServerVerdict>> futures = new ArrayList<>();
        int turnCount = (int) o.servers().stream().filter(IceServerUri::isTurn).count();
        int turnIndex = 0;
        for (IceServerUri uri : o.servers()) {
            int urlPreference = uri.isTurn() ? turnCount - turnIndex++ : 0;
            futures.add(workers.submit(() -> new ServerProbe(run, uri, urlPreference, workers).call()));
        }
        List<ServerVerdict> verdicts = new ArrayList<>();
        boolean timedOut = false;
        for (int i = 0; i < futures.size(); i++) {
            IceServerUri uri = o.servers().get(i);
            long waitNanos = run.deadline - clock.nanoTime() + GRACE.toNanos();
            ServerVerdict v;
            try {
                v = futures.get(i).get(Math.max(1, waitNanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
                v = new ServerVerdict(uri.text(), null, Outcome.UNREACHABLE, "no verdict within the --timeout of "
                        + Durations.format(o.timeout()), null, null, null, null, null,
                        Latency.NONE, run.elapsedMicros(), null, true, null);
                run.emitVerdict(v);
            } catch (java.util.concurrent.ExecutionException e) {
                v = new ServerVerdict(uri.text(), null, Outcome.ERROR, "internal error: " + e.getCause(), null, null,
                        null, null, null, Latency.NONE, run.elapsedMicros());
                run.emitVerdict(v);
            }
            verdicts.add(v);
        }
        long gatheredMicros = run.elapsedMicros();
        timedOut |= gatheredMicros >= o.timeout().toNanos() / 1000;
        List<RelayCheck> checks = new ArrayList<>();
        if (o.checkRelay()) {
            checks.addAll(new RelayChecker(run).checkAll(verdicts, workers));
        }
        release(run, workers);
        List<String> warnings = Warnings.of(verdicts, run.ipv6Urls);
        return new GatherReport(run.close(), verdicts, checks, warnings, run.elapsedMicros(), timedOut);
    }

    private static Candidate hostCandidate(Run run, Base base) {
        InetAddress a = base.host().address();
        return new Candidate(run.elapsedMillis(), base.component(), CandidateType.HOST,
                Foundation.of(CandidateType.HOST, a, IceServerUri.Transport.UDP, null, null),
                IceServerUri.Transport.UDP, base.local(), null,
                Priority.of(Priority.HOST_UDP, Priority.localPreference(base.host().networkIndex(), a, 0),
                        base.component()),
                null, null);
    }

    /**
     * The TCP host candidate browsers add for every address: "tcptype active", port 9 (it connects out, so it
     * listens nowhere), priority from the host TCP type preference.
     */
    private static Candidate activeTcpCandidate(Run run, HostAddresses.HostAddress h, int component) {
        InetAddress a = h.address();
        return new Candidate(run.elapsedMillis(), component, CandidateType.HOST,
                Foundation.of(CandidateType.HOST, a, IceServerUri.Transport.TCP, null, null),
                IceServerUri.Transport.TCP, new InetSocketAddress(a, DISCARD_PORT), null,
                Priority.of(Priority.HOST_TCP, Priority.localPreference(h.networkIndex(), a, 0), component),
                null, null);
    }

    /** Releases every allocation (Refresh LIFETIME 0), in parallel, each within a short limit of its own. */
    private void release(Run run, ExecutorService workers) throws InterruptedException {
        List<TurnClient> clients;
        synchronized (run.allocations) {
            clients = new ArrayList<>(run.allocations);
        }
        RetransmitPolicy quick = RetransmitPolicy.of(run.options.rto(), 3, 2).cappedAt(RELEASE_LIMIT);
        List<Future<Boolean>> done = new ArrayList<>();
        for (TurnClient c : clients) {
            done.add(workers.submit(() -> c.release(quick)));
        }
        for (Future<Boolean> f : done) {
            try {
                f.get(RELEASE_LIMIT.toMillis() + GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // the allocation expires by itself; nothing more to do before exit
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The shared state of one run. */
    final class Run {
        final GatherOptions options;
        final Listener listener;
        final long start;
        final long deadline;
        final Scheduler scheduler;
        final List<Base> bases = Collections.synchronizedList(new ArrayList<>());
        final List<Candidate> candidates = new ArrayList<>();
        final List<AutoCloseable> closeables = Collections.synchronizedList(new ArrayList<>());
        final List<TurnClient> allocations = new ArrayList<>();
        final Set<String> ipv6Urls = Collections.synchronizedSet(new HashSet<>());
        final Silence silence;
        private boolean closed;

        Run(GatherOptions options, Listener listener, long start, Scheduler scheduler) {
            this.options = options;
            this.listener = listener;
            this.start = start;
            this.deadline = start + options.timeout().toNanos();
            this.scheduler = scheduler;
            this.silence = new Silence(options.rto(), options.timeout(), !options.timeoutGiven(), scheduler, clock);
        }

        /** A client over one of the run's sockets; its answers tell {@link Silence} what the path is like. */
        StunClient client(UdpEndpoint endpoint) {
            return heard(StunClient.over(endpoint, scheduler, clock));
        }

        StunClient client(StreamConnection connection) {
            return heard(StunClient.over(connection, scheduler, clock));
        }

        private StunClient heard(StunClient c) {
            c.onAnswer(silence::answered);
            return c;
        }

        Clock clock() {
            return clock;
        }

        long elapsedMicros() {
            return (clock.nanoTime() - start) / 1000;
        }

        long elapsedMillis() {
            return (clock.nanoTime() - start) / 1_000_000;
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(1_000_000, deadline - clock.nanoTime()));
        }

        /** RFC 8489 retransmissions from the chosen RTO, cut at what is left of the run. */
        RetransmitPolicy policy() {
            return RetransmitPolicy.of(options.rto(), 7, 16).cappedAt(remaining());
        }

        void emit(Candidate c) {
            synchronized (emitLock) {
                if (!closed) {
                    candidates.add(c);
                    listener.candidate(c);
                }
            }
        }

        void emitVerdict(ServerVerdict v) {
            synchronized (emitLock) {
                if (!closed) {
                    listener.server(v);
                }
            }
        }

        /** The candidates so far; nothing is emitted after this (a probe still running past the deadline). */
        List<Candidate> close() {
            synchronized (emitLock) {
                closed = true;
                return List.copyOf(candidates);
            }
        }

        void allocated(TurnClient c) {
            synchronized (allocations) {
                allocations.add(c);
            }
        }

        /** The base sockets that can reach this server address: same family, loopback only to loopback. */
        List<Base> basesFor(InetAddress server) throws IOException {
            List<Base> out = new ArrayList<>();
            synchronized (bases) {
                for (Base b : bases) {
                    InetAddress a = b.host().address();
                    if ((a instanceof Inet6Address) == (server instanceof Inet6Address)
                            && a.isLoopbackAddress() == server.isLoopbackAddress()) {
                        out.add(b);
                    }
                }
                if (out.isEmpty()) {
                    out.addAll(fallbackBases(server));
                }
            }
            return out;
        }

        /**
         * With no chosen local address that can reach the server (e.g. a loopback server while loopback is left
         * out), sockets on the wildcard address let the system pick the route; they are no host candidates.
         */
        private List<Base> fallbackBases(InetAddress server) throws IOException {
            InetAddress any = InetAddress.getByName(server instanceof Inet6Address ? "::" : "0.0.0.0");
            for (Base b : bases) {
                if (b.host().address().equals(any)) {
                    return bases.stream().filter(x -> x.host().address().equals(any)).toList();
                }
            }
            List<Base> out = new ArrayList<>();
            HostAddresses.HostAddress h = new HostAddresses.HostAddress("any", 0, any);
            for (int c = 1; c <= options.components(); c++) {
                UdpEndpoint e = UdpEndpoint.bind(new InetSocketAddress(any, 0));
                closeables.add(e);
                Base b = new Base(h, c, e, client(e));
                bases.add(b);
                out.add(b);
            }
            return out;
        }

        void closeAll() {
            synchronized (closeables) {
                for (AutoCloseable c : closeables) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // closing at the end of the run; nothing to report
                    }
                }
            }
        }
    }
}
