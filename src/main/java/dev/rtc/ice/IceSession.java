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
import java.io.IOException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

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
                          Duration gatherTimeout, Duration rto) {
    }

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
        for (HostAddresses.HostAddress h : options.hosts()) {
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
        askStunServers(asked, options.rto(), options.gatherTimeout());
        for (IceServerUri uri : options.stunServers()) {
            List<Gathering> mine = asked.stream().filter(g -> g.uri == uri).toList();
            if (mine.isEmpty()) {
                warnings.add(uri.text() + ": no local address of its family (or it did not resolve)");
            } else if (mine.stream().allMatch(g -> g.mapped == null)) {
                warnings.add(uri.text() + ": no answer in " + dev.rtc.net.Durations.format(options.gatherTimeout()));
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
            PairSnapshot p = agent.selected();
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
        PairSnapshot p = agent.selected();
        if (p == null) {
            return false;
        }
        send(p.local().base(), p.remote().address(), datagram);
        return true;
    }

    private void send(InetSocketAddress base, InetSocketAddress destination, byte[] data) {
        UdpEndpoint e = endpoints.get(base);
        if (e == null) {
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

    /** What gathering had to say: STUN servers that did not answer. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        agent.close();
        endpoints.values().forEach(UdpEndpoint::close);
        timers.shutdownNow();
    }
}
