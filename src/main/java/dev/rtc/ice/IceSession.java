package dev.rtc.ice;

import dev.rtc.net.Addresses;
import dev.rtc.net.Clock;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.Scheduler;
import dev.rtc.net.UdpEndpoint;
import dev.rtc.signal.IceDescription;
import dev.rtc.signal.RemoteCandidate;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.TransactionId;
import dev.rtc.net.Durations;
import dev.rtc.net.TlsOptions;
import dev.rtc.turn.Allocation;
import dev.rtc.turn.CredentialSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sockets around one {@link IceAgent}: a UDP socket per local address (the host candidate and the base of
 * its srflx candidate), server-reflexive candidates asked from STUN servers through those same sockets, and the
 * receive loops that hand every datagram to the agent. The agent's decisions stay in the agent.
 */
public final class IceSession implements AutoCloseable {
    /**
     * What the session gathers from.
     *
     * @param hosts         the local addresses: one socket and host candidate each
     * @param stunServers   stun: URIs asked for srflx candidates
     * @param gatherTimeout how long a STUN server gets to answer
     * @param rto           the first retransmission timeout of those Binding requests
     */
    public record Options(List<HostAddresses.HostAddress> hosts, List<IceServerUri> stunServers,
                          Duration gatherTimeout, Duration rto, List<IceServerUri> turnServers,
                          CredentialSource credentials, Tls tls, boolean relayOnly) {
        /** Host and srflx candidates only. */
        public Options(List<HostAddresses.HostAddress> hosts, List<IceServerUri> stunServers, Duration gatherTimeout,
                       Duration rto) {
            this(hosts, stunServers, gatherTimeout, rto, List.of(), null, host -> TlsOptions.checked(host), false);
        }
    }

    /** How a turns: server's certificate is checked, for its host name. */
    @FunctionalInterface
    public interface Tls {
        TlsOptions forHost(String host) throws IOException;
    }

    /** Allocations per TURN URI at most: one per local address of the server's family. */
    private static final int MAX_RELAYS_PER_SERVER = 4;
    private final Map<InetSocketAddress, TurnRelay> relays = new ConcurrentHashMap<>();

    private final Map<InetSocketAddress, UdpEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<TransactionId, Gathering> gathering = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final IceAgent agent;
    private final AgentConfig config;
    private final Object done = new Object();
    /** Set (under {@link #done}) once the agent connected, failed or lost consent. */
    private boolean settled;
    private final List<String> warnings = new ArrayList<>();
    /** Where datagrams that are not STUN go (application data over the selected pair), or null. */
    private volatile DataListener data;
    /**
     * The pair the agent selected (its ends do not change once nominated), kept here so that a datagram's route
     * is checked without the agent's lock.
     */
    private volatile PairSnapshot selectedPair;

    /** Application data (anything not STUN) that arrived on the selected pair, from the peer. */
    @FunctionalInterface
    public interface DataListener {
        void datagram(byte[] data);
    }

    /** One srflx Binding in flight. */
    private static final class Gathering {
        final IceCandidate host;
        final IceServerUri uri;
        final InetSocketAddress server;
        volatile InetSocketAddress mapped;

        Gathering(IceCandidate host, IceServerUri uri, InetSocketAddress server) {
            this.host = host;
            this.uri = uri;
            this.server = server;
        }
    }

    private IceSession(AgentConfig config, IceAgent.Listener listener, Clock clock) {
        this.config = config;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtc-ice-timer");
            t.setDaemon(true);
            return t;
        });
        IceAgent.Listener outer = listener == null ? new IceAgent.Listener() { } : listener;
        this.agent = new IceAgent(config, clock, Scheduler.on(timers), new SecureRandom(), this::send,
                new IceAgent.Listener() {
                    @Override
                    public void candidate(IceCandidate c, boolean local) {
                        outer.candidate(c, local);
                    }

                    @Override
                    public void pair(PairSnapshot p) {
                        outer.pair(p);
                    }

                    @Override
                    public void role(boolean controlling) {
                        outer.role(controlling);
                    }

                    @Override
                    public void selected(PairSnapshot p) {
                        selectedPair = p;
                        outer.selected(p);
                        wake();
                    }

                    @Override
                    public void failed(String reason) {
                        outer.failed(reason);
                        wake();
                    }

                    @Override
                    public void consentLost(PairSnapshot p) {
                        outer.consentLost(p);
                        wake();
                    }
                });
    }

    /**
     * Binds the sockets, gathers host and srflx candidates and starts listening. {@code local} hears every
     * candidate as it is gathered.
     */
    public static IceSession open(Options options, AgentConfig config, IceAgent.Listener listener, Clock clock)
            throws IOException {
        IceSession s = new IceSession(config, listener, clock);
        try {
            s.gather(options, listener);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void gather(Options options, IceAgent.Listener listener) throws IOException {
        List<IceCandidate> hosts = new ArrayList<>();
        // relay only (iceTransportPolicy "relay"): no host sockets, nothing but the allocations
        for (HostAddresses.HostAddress h : options.relayOnly() ? List.<HostAddresses.HostAddress>of()
                : options.hosts()) {
            UdpEndpoint e = UdpEndpoint.bindRandomDynamic(h.address());
            endpoints.put(e.localAddress(), e);
            IceCandidate c = IceCandidate.host(e.localAddress(), h.networkIndex(), 1);
            hosts.add(c);
            agent.addLocal(c);
            if (listener != null) {
                listener.candidate(c, true);
            }
            e.receive(new UdpEndpoint.Listener() {
                @Override
                public void datagram(byte[] data, InetSocketAddress source) {
                    received(data, e.localAddress(), source);
                }
            });
        }
        List<Gathering> asked = new ArrayList<>();
        for (IceServerUri uri : options.stunServers()) {
            for (IceCandidate h : hosts) {
                boolean v6 = h.base().getAddress() instanceof Inet6Address;
                InetSocketAddress server;
                try {
                    server = new Addresses.HostPort(uri.host(), uri.port()).resolve(v6 ? 6 : 4);
                } catch (UnknownHostException e) {
                    continue;
                }
                if (server.getAddress().isLoopbackAddress() != h.base().getAddress().isLoopbackAddress()) {
                    continue;
                }
                asked.add(new Gathering(h, uri, server));
            }
        }
        Thread turn = allocateInBackground(options, listener);
        askStunServers(asked, options.rto(), options.gatherTimeout());
        try {
            turn.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (IceServerUri uri : options.stunServers()) {
            List<Gathering> mine = asked.stream().filter(g -> g.uri == uri).toList();
            if (mine.isEmpty()) {
                warn(uri.text() + ": no local address of its family (or it did not resolve)");
            } else if (mine.stream().allMatch(g -> g.mapped == null)) {
                warn(uri.text() + ": no answer in " + Durations.format(options.gatherTimeout()));
            }
        }
        for (Gathering g : asked) {
            if (g.mapped != null && !g.mapped.equals(g.host.address())) {
                IceCandidate srflx = IceCandidate.serverReflexive(g.host, g.mapped, g.uri.host(),
                        networkIndex(options, g.host));
                if (agent.localCandidates().stream().noneMatch(c -> c.address().equals(srflx.address()))) {
                    agent.addLocal(srflx);
                    if (listener != null) {
                        listener.candidate(srflx, true);
                    }
                }
            }
        }
    }

    /**
     * Allocates on every TURN URI from each local address of its server's family, in parallel, within the gather
     * timeout; adds each relay candidate in the order of the URIs. Returns the thread doing it.
     */
    private Thread allocateInBackground(Options options, IceAgent.Listener listener) {
        Thread t = new Thread(() -> allocateAll(options, listener), "rtc-ice-allocate");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void allocateAll(Options options, IceAgent.Listener listener) {
        record Wanted(IceServerUri uri, HostAddresses.HostAddress host, int urlPreference) {
        }
        List<Wanted> wanted = new ArrayList<>();
        int count = options.turnServers().size();
        for (int i = 0; i < count; i++) {
            IceServerUri uri = options.turnServers().get(i);
            InetAddress server;
            try {
                server = InetAddress.getByName(uri.host());
            } catch (UnknownHostException e) {
                warn(uri.text() + ": the name does not resolve");
                continue;
            }
            // no local addresses given: one allocation from the address the system routes from
            List<HostAddresses.HostAddress> from = options.hosts().isEmpty()
                    ? List.of(new HostAddresses.HostAddress("any", 0, anyLocal(server)))
                    : options.hosts().stream()
                    .filter(h -> h.address().getClass() == server.getClass()
                            && h.address().isLoopbackAddress() == server.isLoopbackAddress())
                    .limit(MAX_RELAYS_PER_SERVER).toList();
            if (from.isEmpty()) {
                warn(uri.text() + ": no local address of its family");
            }
            for (HostAddresses.HostAddress h : from) {
                wanted.add(new Wanted(uri, h, count - i));
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(wanted.size(), 8), r -> {
            Thread t = new Thread(r, "rtc-ice-allocate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TurnRelay>> futures = new ArrayList<>();
            for (Wanted w : wanted) {
                futures.add(pool.submit(() -> {
                    TlsOptions tls = w.uri().transport() == IceServerUri.Transport.TLS
                            ? options.tls().forHost(w.uri().host()) : null;
                    InetAddress local = w.host().address().isAnyLocalAddress() ? null : w.host().address();
                    return TurnRelay.allocate(w.uri(), local, options.credentials(), tls,
                            Scheduler.on(timers), Clock.system(), options.gatherTimeout(), options.rto(),
                            this::relayed);
                }));
            }
            for (int i = 0; i < wanted.size(); i++) {
                Wanted w = wanted.get(i);
                try {
                    TurnRelay relay = futures.get(i).get(options.gatherTimeout().toMillis() + 1000,
                            TimeUnit.MILLISECONDS);
                    Allocation a = relay.allocation();
                    relays.put(a.relayed(), relay);
                    IceCandidate c = IceCandidate.relay(a.relayed(), a.mapped(), w.host().address(), w.uri(),
                            w.host().networkIndex(), w.urlPreference());
                    synchronized (this) {
                        agent.addLocal(c);
                        if (listener != null) {
                            listener.candidate(c, true);
                        }
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    warn(w.uri().text() + ": no relay candidate: " + (cause.getMessage() == null ? cause.toString()
                            : cause.getMessage()));
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    warn(w.uri().text() + ": no allocation in " + Durations.format(options.gatherTimeout()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    private static InetAddress anyLocal(InetAddress like) {
        try {
            return like instanceof Inet6Address ? InetAddress.getByName("::") : InetAddress.getByName("0.0.0.0");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a TURN relay received from a peer: handled as if it had arrived on a socket bound to the relayed address. */
    private void relayed(InetSocketAddress relayedAddress, InetSocketAddress peer, byte[] data) {
        received(data, relayedAddress, peer);
    }

    private void warn(String line) {
        synchronized (warnings) {
            warnings.add(line);
        }
    }

    private static int networkIndex(Options options, IceCandidate host) {
        return options.hosts().stream().filter(h -> h.address().equals(host.base().getAddress()))
                .mapToInt(HostAddresses.HostAddress::networkIndex).findFirst().orElse(0);
    }

    /** Binding requests from each host socket to each server, on RFC 8489's schedule, until the timeout. */
    private void askStunServers(List<Gathering> asked, Duration rto, Duration timeout) throws IOException {
        if (asked.isEmpty()) {
            return;
        }
        Map<Gathering, byte[]> requests = new LinkedHashMap<>();
        for (Gathering g : asked) {
            StunMessage m = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint();
            gathering.put(m.transactionId(), g);
            requests.put(g, m.raw());
        }
        List<Duration> offsets = RetransmitPolicy.of(rto, 7, 16).cappedAt(timeout).transmissionOffsets();
        long start = System.nanoTime();
        int next = 0;
        try {
            while (System.nanoTime() - start < timeout.toNanos() && asked.stream().anyMatch(g -> g.mapped == null)) {
                long elapsed = System.nanoTime() - start;
                if (next < offsets.size() && elapsed >= offsets.get(next).toNanos()) {
                    for (Map.Entry<Gathering, byte[]> e : requests.entrySet()) {
                        if (e.getKey().mapped == null) {
                            endpoints.get(e.getKey().host.base()).send(e.getValue(), e.getKey().server);
                        }
                    }
                    next++;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gathering.clear();
        }
    }

    private void received(byte[] data, InetSocketAddress base, InetSocketAddress source) {
        if (!gathering.isEmpty() && StunMessage.looksLikeStun(data, 0, data.length)) {
            try {
                StunMessage m = StunMessage.decode(data);
                Gathering g = gathering.get(m.transactionId());
                if (g != null) {
                    if (m.messageClass() == MessageClass.SUCCESS_RESPONSE && source.equals(g.server)
                            && g.host.base().equals(base)) {
                        g.mapped = m.address(AttributeType.XOR_MAPPED_ADDRESS)
                                .or(() -> m.address(AttributeType.MAPPED_ADDRESS)).orElse(null);
                    }
                    return;
                }
            } catch (StunParseException e) {
                return;
            }
        }
        DataListener d = this.data;
        if (d != null && !StunMessage.looksLikeStun(data, 0, data.length)) {
            PairSnapshot p = selectedPair;
            if (p != null && p.local().base().equals(base) && p.remote().address().equals(source)) {
                d.datagram(data);
            }
            return;
        }
        agent.receive(data, base, source);
    }

    /**
     * Hands every datagram that is not STUN and arrives over the selected pair (from the peer's address, to the
     * local base) to {@code listener}, on a receive thread; null stops it.
     */
    public void onData(DataListener listener) {
        this.data = listener;
    }

    /** Sends application data over the selected pair; false when no pair is selected. */
    public boolean sendData(byte[] datagram) {
        PairSnapshot p = selectedPair;
        if (p == null) {
            return false;
        }
        send(p.local().base(), p.remote().address(), datagram);
        return true;
    }

    private void send(InetSocketAddress base, InetSocketAddress destination, byte[] data) {
        UdpEndpoint e = endpoints.get(base);
        if (e == null) {
            TurnRelay relay = relays.get(base);
            if (relay != null) {
                relay.send(destination, data);
            }
            return;
        }
        try {
            e.send(data, destination);
        } catch (IOException ex) {
            // a destination this machine has no route to: the check goes unanswered and the pair fails by timeout
        }
    }

    /** The description to send the peer: credentials, ice2, every local candidate, end-of-candidates. */
    public IceDescription description() {
        List<RemoteCandidate> candidates = agent.localCandidates().stream().map(IceCandidate::sdp).toList();
        return new IceDescription(config.ufrag(), config.pwd(), List.of("ice2"), candidates, true);
    }

    /**
     * Starts the checks against the peer's description; returns the peer's candidates the agent cannot use
     * (TCP, mDNS names, other components), as their SDP lines.
     */
    public List<String> start(IceDescription remote) {
        List<IceCandidate> usable = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (RemoteCandidate r : remote.candidates()) {
            IceCandidate c = IceCandidate.remote(r);
            if (c == null || c.component() != 1) {
                unusable.add(r.sdp());
            } else {
                usable.add(c);
            }
        }
        List<InetSocketAddress> peers = usable.stream().map(IceCandidate::address).toList();
        relays.values().forEach(r -> r.prepare(peers));
        agent.start(remote.ufrag(), remote.pwd(), usable);
        return unusable;
    }

    /**
     * Waits until the agent is connected, failed or lost consent, at most {@code limit}; true if it got there. It
     * never takes the agent's lock while it holds its own (the agent wakes it with its lock held).
     */
    public boolean await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (done) {
            while (!settled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                done.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void wake() {
        synchronized (done) {
            settled = true;
            done.notifyAll();
        }
    }

    public IceAgent agent() {
        return agent;
    }

    /** What gathering and the relays had to say: servers that did not answer, allocations refused. */
    public List<String> warnings() {
        List<String> all;
        synchronized (warnings) {
            all = new ArrayList<>(warnings);
        }
        relays.values().forEach(r -> all.addAll(r.problems()));
        return all;
    }

    /** The TURN allocations the session holds, with the refreshes each one needed so far. */
    public List<RelayState> relays() {
        return relays.values().stream().map(r -> new RelayState(r.uri().text(), r.allocation().relayed(),
                r.allocation().mapped(), r.lifetimeSeconds(), r.refreshes())).toList();
    }

    /** One allocation as reports show it. */
    public record RelayState(String server, InetSocketAddress relayed, InetSocketAddress mapped, long lifetimeSeconds,
                             int refreshes) {
    }

    /** Closes the agent and the sockets, and releases every allocation (in parallel, each within 800 ms). */
    @Override
    public void close() {
        agent.close();
        List<Thread> releasing = new ArrayList<>();
        for (TurnRelay r : relays.values()) {
            Thread t = new Thread(r::close, "rtc-ice-release");
            t.setDaemon(true);
            t.start();
            releasing.add(t);
        }
        for (Thread t : releasing) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        relays.clear();
        endpoints.values().forEach(UdpEndpoint::close);
        timers.shutdownNow();
    }
}
