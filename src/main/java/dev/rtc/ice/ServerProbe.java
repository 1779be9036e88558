package dev.rtc.ice;

import dev.rtc.net.Addresses;
import dev.rtc.net.StreamConnectException;
import dev.rtc.net.StreamConnection;
import dev.rtc.net.SourceCheck;
import dev.rtc.net.StunClient;
import dev.rtc.net.StunResponse;
import dev.rtc.net.StunTransactionException;
import dev.rtc.net.UdpEndpoint;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.ErrorCode;
import dev.rtc.turn.AllocateMachine;
import dev.rtc.turn.Allocation;
import dev.rtc.turn.TurnClient;
import dev.rtc.turn.TurnFailure;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server URL of a gathering run: DNS, then a Binding (stun:) or an Allocate (turn:) from every base socket
 * that can reach the server, in parallel. Candidates go out as they come; the verdict is that of the first base
 * (first network, component 1), with the latency breakdown of that exchange.
 */
final class ServerProbe implements Callable<ServerVerdict> {
    private final Gatherer.Run run;
    private final IceServerUri uri;
    private final int urlPreference;
    private final ExecutorService workers;

    ServerProbe(Gatherer.Run run, IceServerUri uri, int urlPreference, ExecutorService workers) {
        this.run = run;
        this.uri = uri;
        this.urlPreference = urlPreference;
        this.workers = workers;
    }

    /** What one exchange from one base found, before it becomes a verdict. */
    private record Result(InetSocketAddress base, Outcome outcome, String detail, String software, String realm,
                          Long lifetime, InetSocketAddress mapped, InetSocketAddress relayed, Latency latency,
                          Integer errorCode, boolean noAnswer, java.time.Instant notAfter) {
        Result(InetSocketAddress base, Outcome outcome, String detail, String software, String realm, Long lifetime,
               InetSocketAddress mapped, InetSocketAddress relayed, Latency latency) {
            this(base, outcome, detail, software, realm, lifetime, mapped, relayed, latency, null, false, null);
        }

        static Result of(InetSocketAddress base, Outcome outcome, String detail, Latency latency) {
            return new Result(base, outcome, detail, null, null, null, null, null, latency);
        }

        Result withErrorCode(Integer code) {
            return new Result(base, outcome, detail, software, realm, lifetime, mapped, relayed, latency, code,
                    noAnswer, notAfter);
        }

        Result silent() {
            return new Result(base, outcome, detail, software, realm, lifetime, mapped, relayed, latency, errorCode,
                    true, notAfter);
        }

        Result withCertificate(java.time.Instant expiry) {
            return new Result(base, outcome, detail, software, realm, lifetime, mapped, relayed, latency, errorCode,
                    noAnswer, expiry);
        }
    }

    @Override
    public ServerVerdict call() throws InterruptedException {
        if (run.options.relayOnly() && !uri.isTurn()) {
            return verdict(Result.of(null, Outcome.SKIPPED, "--policy relay gathers relay candidates only",
                    Latency.NONE));
        }
        Latency latency = Latency.NONE;
        InetAddress address;
        if (uri.literalHost()) {
            try {
                address = InetAddress.getByName(uri.host());
            } catch (UnknownHostException e) {
                return verdict(Result.of(null, Outcome.DNS_FAILURE, "invalid address " + uri.host(), latency));
            }
        } else {
            long t = run.clock().nanoTime();
            try {
                address = resolve();
            } catch (UnknownHostException e) {
                String why = e.getMessage() != null && e.getMessage().contains(" has no IPv") ? e.getMessage()
                        : "cannot resolve " + uri.host();
                return verdict(Result.of(null, Outcome.DNS_FAILURE, why,
                        latency.withDns(micros(run.clock().nanoTime() - t))));
            } catch (TimeoutException e) {
                return verdict(Result.of(null, Outcome.DNS_FAILURE, "no DNS answer for " + uri.host()
                        + " within the --timeout", latency.withDns(micros(run.clock().nanoTime() - t))));
            }
            latency = latency.withDns(micros(run.clock().nanoTime() - t));
        }
        if (address instanceof Inet6Address) {
            run.ipv6Urls.add(uri.text());
        }
        InetSocketAddress server = new InetSocketAddress(address, uri.port());
        List<Gatherer.Base> bases;
        try {
            bases = run.basesFor(address);
        } catch (IOException e) {
            return verdict(Result.of(null, Outcome.ERROR, "no local socket for " + Addresses.format(server) + ": "
                    + e.getMessage(), latency));
        }
        Latency dns = latency;
        boolean udp = uri.transport() == IceServerUri.Transport.UDP;
        Silence.Watch silence = null;
        RefusalCheck refusal = null;
        if (udp) {
            List<StunClient> clients = bases.stream().map(Gatherer.Base::client).toList();
            refusal = RefusalCheck.start(run, bases.get(0).host().address(), server, clients, run.policy());
            silence = run.silence.watch(server);
            clients.forEach(silence::add);
        }
        try {
            Result r = exchanges(bases, server, dns);
            String givenUp = silence == null ? null : silence.givenUp();
            if (givenUp != null && r.outcome() == Outcome.UNREACHABLE) {
                r = Result.of(r.base(), r.outcome(), r.detail() + " (" + givenUp + ")", r.latency());
            }
            return verdict(r);
        } finally {
            if (silence != null) {
                silence.end();
            }
            if (refusal != null) {
                refusal.close();
            }
        }
    }

    /** The exchanges from every base in parallel; the first base's result is the verdict's. */
    private Result exchanges(List<Gatherer.Base> bases, InetSocketAddress server, Latency dns)
            throws InterruptedException {
        List<Future<Result>> parts = new ArrayList<>();
        for (Gatherer.Base base : bases) {
            parts.add(workers.submit(() -> exchange(base, server, dns)));
        }
        Result primary = null;
        for (Future<Result> f : parts) {
            try {
                Result r = f.get();
                if (primary == null) {
                    primary = r;
                }
            } catch (ExecutionException e) {
                if (primary == null) {
                    primary = Result.of(null, Outcome.ERROR, "internal error: " + e.getCause(), dns);
                }
            }
        }
        return primary;
    }

    private InetAddress resolve() throws UnknownHostException, TimeoutException, InterruptedException {
        Future<InetAddress> f = workers.submit(() -> pick(InetAddress.getAllByName(uri.host())));
        try {
            return f.get(run.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw new UnknownHostException(uri.host() + ": " + e.getCause().getMessage());
        }
    }

    /** The first address of the family asked for with --family (any family with "both"). */
    private InetAddress pick(InetAddress[] all) throws UnknownHostException {
        for (InetAddress a : all) {
            boolean v6 = a instanceof Inet6Address;
            if (run.options.family() == HostAddresses.Family.BOTH
                    || v6 == (run.options.family() == HostAddresses.Family.V6)) {
                return a;
            }
        }
        throw new UnknownHostException(uri.host() + " has no IPv"
                + (run.options.family() == HostAddresses.Family.V6 ? "6" : "4") + " address");
    }

    private ServerVerdict verdict(Result r) {
        ServerVerdict v = new ServerVerdict(uri.text(), r.base(), r.outcome(), r.detail(), r.software(), r.realm(),
                r.lifetime(), r.mapped(), r.relayed(), r.latency(), run.elapsedMicros(), r.errorCode(),
                r.noAnswer(), r.notAfter());
        run.emitVerdict(v);
        return v;
    }

    /** The exchange from one base: over the base's UDP socket, or over a new TCP/TLS connection from its address. */
    private Result exchange(Gatherer.Base base, InetSocketAddress server, Latency latency)
            throws InterruptedException {
        if (uri.transport() == IceServerUri.Transport.UDP) {
            return over(base, base.client(), server, latency, base.local());
        }
        StreamConnection conn;
        try {
            conn = connect(base, server);
        } catch (StreamConnectException e) {
            Outcome o = e.stage() == StreamConnectException.Stage.TLS_HANDSHAKE ? Outcome.TLS_FAILURE
                    : Outcome.UNREACHABLE;
            // a failed handshake still tells how long the TCP connect took
            Latency upToFailure = e.connectTime().isPresent()
                    ? latency.withConnect(micros(e.connectTime().get())) : latency;
            Result r = Result.of(null, o, e.getMessage(), upToFailure);
            return e.reason() == StreamConnectException.Reason.TIMEOUT ? r.silent() : r;
        } catch (IOException e) {
            return Result.of(null, Outcome.UNREACHABLE, e.getMessage(), latency);
        }
        run.closeables.add(conn);
        latency = latency.withConnect(micros(conn.connectTime()));
        if (conn.handshakeTime().isPresent()) {
            latency = latency.withTls(micros(conn.handshakeTime().get()));
        }
        StunClient client = run.client(conn);
        return over(base, client, server, latency, conn.localAddress())
                .withCertificate(conn.peerCertificateNotAfter().orElse(null));
    }

    private StreamConnection connect(Gatherer.Base base, InetSocketAddress server) throws IOException {
        InetSocketAddress local = base.host().address().isAnyLocalAddress() ? null
                : new InetSocketAddress(base.host().address(), 0);
        return StreamConnection.connect(local, server, run.remaining(),
                uri.transport() == IceServerUri.Transport.TLS ? run.options.tls(uri) : null, run.clock());
    }

    private Result over(Gatherer.Base base, StunClient client, InetSocketAddress server, Latency latency,
                        InetSocketAddress local) throws InterruptedException {
        try {
            return uri.isTurn() ? allocate(base, client, server, latency, local)
                    : binding(base, client, server, latency, local);
        } catch (StunTransactionException e) {
            Outcome o = e.kind() == StunTransactionException.Kind.MALFORMED ? Outcome.BAD_RESPONSE
                    : Outcome.UNREACHABLE;
            Result r = Result.of(local, o, e.getMessage(), latency);
            return e.kind() == StunTransactionException.Kind.TIMEOUT ? r.silent() : r;
        }
    }

    private Result binding(Gatherer.Base base, StunClient client, InetSocketAddress server, Latency latency,
                           InetSocketAddress local) throws StunTransactionException, InterruptedException {
        StunResponse response = await(client.request(StunClient.countedBinding(), server, run.policy(),
                SourceCheck.DESTINATION));
        StunMessage m = response.message();
        latency = measured(latency, "firstResponse", response)
                .withFirstResponseCode(m.first(ErrorCode.class).map(ErrorCode::code).orElse(0));
        String software = string(m, AttributeType.SOFTWARE).orElse(null);
        if (response.isError()) {
            String what = m.first(ErrorCode.class).map(AllocateMachine::describe).orElse("error response");
            return new Result(local, Outcome.ERROR, what, software, null, null, null, null, latency)
                    .withErrorCode(m.first(ErrorCode.class).map(ErrorCode::code).orElse(null));
        }
        InetSocketAddress mapped = address(m, AttributeType.XOR_MAPPED_ADDRESS)
                .or(() -> address(m, AttributeType.MAPPED_ADDRESS)).orElse(null);
        if (mapped == null) {
            return new Result(local, Outcome.BAD_RESPONSE, "Binding success without (XOR-)MAPPED-ADDRESS", software,
                    null, null, null, null, latency);
        }
        if (uri.transport() == IceServerUri.Transport.UDP) {
            srflx(base, mapped, base.local());
        }
        return new Result(local, Outcome.OK, null, software, null, null, mapped, null, latency);
    }

    private static StunResponse await(CompletableFuture<StunResponse> transaction)
            throws StunTransactionException, InterruptedException {
        try {
            return transaction.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StunTransactionException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The Allocate exchange; a transaction that fails after the first answer keeps the times measured so far. */
    private Result allocate(Gatherer.Base base, StunClient client, InetSocketAddress server, Latency latency,
                            InetSocketAddress local) throws StunTransactionException, InterruptedException {
        TurnClient[] current = new TurnClient[1];
        try {
            return allocate(base, client, server, latency, local, current);
        } catch (StunTransactionException e) {
            TurnClient turn = current[0];
            if (turn == null || turn.firstAnswer() == null) {
                throw e;
            }
            Latency measured = timings(latency, turn);
            return Result.of(local, Outcome.ERROR, "answered " + turn.firstResponseCode()
                    + ", then nothing more: " + e.getMessage(), measured);
        }
    }

    private static Latency timings(Latency latency, TurnClient turn) {
        Latency l = measured(latency, "firstResponse", turn.firstAnswer())
                .withFirstResponseCode(turn.firstResponseCode());
        return turn.authenticatedAnswer() == null ? l : measured(l, "authenticatedAllocate", turn.authenticatedAnswer());
    }

    /** The step's round-trip time, or the step marked ambiguous (and left null) when it is (Karn's rule). */
    private static Latency measured(Latency latency, String step, StunResponse response) {
        if (response == null) {
            return latency;
        }
        if (response.rtt().isEmpty()) {
            return latency.withAmbiguous(step);
        }
        Long us = micros(response.rtt().get());
        return step.equals("firstResponse") ? latency.withFirstResponse(us) : latency.withAllocate(us);
    }

    private Result allocate(Gatherer.Base base, StunClient client, InetSocketAddress server, Latency latency,
                            InetSocketAddress local, TurnClient[] current)
            throws StunTransactionException, InterruptedException {
        TurnClient turn = new TurnClient(client, server, run.options.credentials(), run::policy);
        current[0] = turn;
        AllocateMachine.Step step = turn.allocate(false);
        if (uri.transport() == IceServerUri.Transport.UDP && step instanceof AllocateMachine.Failed f
                && f.failure() == TurnFailure.ALLOCATION_MISMATCH) {
            // the shared socket already holds an allocation on this server (the server is listed twice):
            // as browsers do, retry from a socket of its own
            UdpEndpoint own;
            try {
                own = UdpEndpoint.bind(new InetSocketAddress(base.host().address(), 0));
            } catch (IOException e) {
                return new Result(local, Outcome.ALLOCATION_MISMATCH, f.detail() + "; no other local port: "
                        + e.getMessage(), f.software(), f.realm(), null, null, null, latency);
            }
            run.closeables.add(own);
            client = run.client(own);
            local = own.localAddress();
            turn = new TurnClient(client, server, run.options.credentials(), run::policy);
            current[0] = turn;
            step = turn.allocate(false);
        }
        if (step instanceof AllocateMachine.Redirect redirect) {
            // 300 Try Alternate: followed once, over the same kind of transport
            Latency first = measured(latency, "firstResponse", turn.firstAnswer());
            if (uri.transport() == IceServerUri.Transport.UDP) {
                turn = new TurnClient(client, redirect.alternate(), run.options.credentials(), run::policy);
            } else {
                StreamConnection conn;
                try {
                    conn = StreamConnection.connect(null, redirect.alternate(), run.remaining(),
                            uri.transport() == IceServerUri.Transport.TLS ? run.options.tls(uri) : null,
                            run.clock());
                } catch (IOException e) {
                    return new Result(local, Outcome.REDIRECTED, "300 Try Alternate to "
                            + Addresses.format(redirect.alternate()) + ", which failed: " + e.getMessage(),
                            redirect.software(), null, null, null, null, first);
                }
                run.closeables.add(conn);
                turn = new TurnClient(run.client(conn), redirect.alternate(),
                        run.options.credentials(), run::policy);
            }
            current[0] = turn;
            step = turn.allocate(true);
        }
        latency = timings(latency, turn);
        if (step instanceof AllocateMachine.Failed f) {
            return new Result(local, outcome(f.failure()), f.detail(), f.software(), f.realm(), null, null, null,
                    latency).withErrorCode(f.code() == 0 ? null : f.code());
        }
        Allocation a = ((AllocateMachine.Allocated) step).allocation();
        run.allocated(turn);
        if (uri.transport() == IceServerUri.Transport.UDP && a.mapped() != null) {
            srflx(base, a.mapped(), local);
        }
        relay(base, a);
        String detail = turn.server().equals(server) ? null
                : "redirected to " + Addresses.format(turn.server());
        return new Result(local, Outcome.OK, detail, a.software(), a.realm(), a.lifetimeSeconds(), a.mapped(),
                a.relayed(), latency);
    }

    private void srflx(Gatherer.Base base, InetSocketAddress mapped, InetSocketAddress related) {
        if (run.options.relayOnly()) {
            return;
        }
        InetAddress b = base.host().address();
        run.emit(new Candidate(run.elapsedMillis(), base.component(), CandidateType.SERVER_REFLEXIVE,
                Foundation.of(CandidateType.SERVER_REFLEXIVE, b, IceServerUri.Transport.UDP, null, uri.host()),
                IceServerUri.Transport.UDP, mapped, related,
                Priority.of(Priority.SRFLX, Priority.localPreference(base.host().networkIndex(), b, 0),
                        base.component()),
                uri.text(), null));
    }

    private void relay(Gatherer.Base base, Allocation a) {
        InetAddress relayed = a.relayed().getAddress();
        IceServerUri.Transport hop = uri.transport();
        run.emit(new Candidate(run.elapsedMillis(), base.component(), CandidateType.RELAY,
                Foundation.of(CandidateType.RELAY, relayed, IceServerUri.Transport.UDP, hop, uri.host()),
                IceServerUri.Transport.UDP, a.relayed(), a.mapped(),
                Priority.of(Priority.typePreference(CandidateType.RELAY, IceServerUri.Transport.UDP, hop),
                        Priority.localPreference(base.host().networkIndex(), base.host().address(), urlPreference),
                        base.component()),
                uri.text(), hop));
    }

    static Outcome outcome(TurnFailure f) {
        return switch (f) {
            case AUTH_MISSING -> Outcome.AUTH_MISSING;
            case AUTH_REJECTED -> Outcome.AUTH_REJECTED;
            case STALE_NONCE_LOOP -> Outcome.STALE_NONCE_LOOP;
            case FORBIDDEN -> Outcome.FORBIDDEN;
            case QUOTA_OR_CAPACITY -> Outcome.QUOTA_OR_CAPACITY;
            case REDIRECTED -> Outcome.REDIRECTED;
            case ALLOCATION_MISMATCH -> Outcome.ALLOCATION_MISMATCH;
            case BAD_RESPONSE -> Outcome.BAD_RESPONSE;
            case ERROR -> Outcome.ERROR;
        };
    }

    private static Optional<String> string(StunMessage m, AttributeType type) {
        return m.first(type).filter(StringAttribute.class::isInstance).map(a -> ((StringAttribute) a).value());
    }

    private static Optional<InetSocketAddress> address(StunMessage m, AttributeType type) {
        return m.all(AddressAttribute.class).stream().filter(a -> a.type().equals(type))
                .map(AddressAttribute::address).findFirst();
    }

    static Long micros(Duration d) {
        return d == null ? null : d.toNanos() / 1000;
    }

    static Long micros(long nanos) {
        return nanos / 1000;
    }
}
