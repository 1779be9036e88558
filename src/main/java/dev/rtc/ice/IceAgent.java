package dev.rtc.ice;

import dev.rtc.net.Addresses;
import dev.rtc.net.Clock;
import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.Scheduler;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import dev.rtc.stun.TieBreaker;
import dev.rtc.stun.TransactionId;
import dev.rtc.stun.UIntAttribute;
import dev.rtc.stun.Verification;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * An RFC 8445 ICE agent for one component over UDP, as a state machine without sockets: the caller hands it
 * every datagram that arrives ({@link #receive}) and it sends through a {@link Transport}; time comes from an
 * injected {@link Clock} and {@link Scheduler}, so tests drive it over a simulated network without sleeping.
 *
 * <p>It forms pairs from the local and remote candidates (srflx candidates replaced by their base, redundant
 * pairs pruned, RFC 8445 section 6.1.2.4), orders them by pair priority, unfreezes one pair per foundation, and
 * sends one new check every Ta, triggered checks first. A success counts only when the answer authenticates with
 * the peer's ice-pwd and comes from the address the check went to, to the base it left from. Peer-reflexive
 * candidates are learnt from a check's source (remote) and from an answer's XOR-MAPPED-ADDRESS (local). Role
 * conflicts are resolved with the tie-breakers. The controlling side nominates with USE-CANDIDATE (regular
 * nomination, or aggressive when configured); the controlled side accepts either. After nomination, consent
 * freshness (RFC 7675) keeps checking the selected pair.
 *
 * <p>Thread-safe: every entry point takes the agent's lock, and the transport and listener are called under it.
 */
public final class IceAgent {
    /** Sends one datagram from a local base to a destination. */
    @FunctionalInterface
    public interface Transport {
        void send(InetSocketAddress base, InetSocketAddress destination, byte[] datagram);
    }

    /** What the agent tells as it happens (under its lock: keep it short). */
    public interface Listener {
        /** A candidate learnt during the checks (peer-reflexive), local or remote. */
        default void candidate(IceCandidate candidate, boolean local) {
        }

        default void pair(PairSnapshot pair) {
        }

        default void role(boolean controlling) {
        }

        default void selected(PairSnapshot pair) {
        }

        default void failed(String reason) {
        }

        default void consentLost(PairSnapshot pair) {
        }
    }

    /** Where the agent as a whole stands. */
    public enum State {
        /** Created, waiting for the peer's description. */
        NEW,
        CHECKING,
        /** A pair is nominated and selected; consent freshness runs. */
        CONNECTED,
        /** Every pair failed. */
        FAILED,
        /** The selected pair lost consent (RFC 7675). */
        CONSENT_LOST,
        CLOSED
    }

    private static final int MAX_PAIRS = 100;
    private static final int MAX_EARLY_REQUESTS = 64;

    private final Clock clock;
    private final Scheduler scheduler;
    private final Transport transport;
    private final Listener listener;
    private final Random random;
    private final AgentConfig config;
    private long started;

    private boolean controlling;
    private State state = State.NEW;
    private String remoteUfrag;
    private String remotePwd;
    private final List<IceCandidate> locals = new ArrayList<>();
    private final List<IceCandidate> remotes = new ArrayList<>();
    private final List<CandidatePair> checklist = new ArrayList<>();
    private final List<CandidatePair> valid = new ArrayList<>();
    private final Deque<CandidatePair> triggered = new ArrayDeque<>();
    private final Map<TransactionId, Check> transactions = new HashMap<>();
    private final List<EarlyRequest> early = new ArrayList<>();
    private CandidatePair selected;
    private CandidatePair nominating;
    private boolean pacerIdle = true;
    private long lastCheckAt = Long.MIN_VALUE;
    private long firstCheckAt = -1;
    private long firstSuccessAt = -1;
    private long nominatedAt = -1;
    private long lastConsentAt;
    private int roleConflicts;
    private int unauthenticatedRequests;
    private int prflxCount;
    private String failure;
    private Scheduler.Cancellable pacer;
    private Scheduler.Cancellable nominationTimer;
    private Scheduler.Cancellable consentTimer;
    private Scheduler.Cancellable consentLoss;

    /** A check that arrived before the peer's description, answered once it is there. */
    private record EarlyRequest(byte[] data, InetSocketAddress base, InetSocketAddress source) {
    }

    /** One check (or consent check) in flight. */
    private final class Check {
        final TransactionId id;
        final CandidatePair pair;
        final boolean consent;
        final boolean useCandidate;
        final boolean sentControlling;
        final long priority;
        final byte[] bytes;
        final List<Long> sentAt = new ArrayList<>();
        Scheduler.Cancellable retransmit;
        Scheduler.Cancellable timeout;
        boolean retransmitting = true;

        Check(CandidatePair pair, boolean consent, boolean useCandidate, long priority) {
            this.id = TransactionId.random();
            this.pair = pair;
            this.consent = consent;
            this.useCandidate = useCandidate;
            this.sentControlling = controlling;
            this.priority = priority;
            StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).transactionId(id)
                    .add(Attributes.username(remoteUfrag + ":" + config.ufrag()))
                    .add(Attributes.priority(priority))
                    .add(controlling ? Attributes.iceControlling(config.tieBreaker())
                            : Attributes.iceControlled(config.tieBreaker()));
            if (useCandidate) {
                b.add(Attributes.useCandidate());
            }
            this.bytes = b.build(Integrity.shortTermKey(remotePwd), false, true).raw();
        }

        void stop() {
            retransmitting = false;
            if (retransmit != null) {
                retransmit.cancel();
            }
            if (timeout != null) {
                timeout.cancel();
            }
            transactions.remove(id);
        }
    }

    public IceAgent(AgentConfig config, Clock clock, Scheduler scheduler, Random random, Transport transport,
                    Listener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.transport = transport;
        this.listener = listener == null ? new Listener() { } : listener;
        this.controlling = config.controlling();
    }

    // ---------------------------------------------------------------- set-up

    /** Adds a local candidate (host or srflx); before {@link #start}. */
    public synchronized void addLocal(IceCandidate candidate) {
        locals.add(candidate);
    }

    /**
     * Takes the peer's credentials and candidates, forms the checklist and starts checking. Checks the peer sent
     * before this are answered now.
     */
    public synchronized void start(String ufrag, String pwd, List<IceCandidate> remoteCandidates) {
        if (state != State.NEW) {
            throw new IllegalStateException("the agent has already started");
        }
        remoteUfrag = ufrag;
        remotePwd = pwd;
        started = clock.nanoTime();
        state = State.CHECKING;
        for (IceCandidate r : remoteCandidates) {
            if (r.component() == 1 && remotes.stream().noneMatch(x -> x.address().equals(r.address()))) {
                remotes.add(r);
            }
        }
        for (IceCandidate r : remotes) {
            for (IceCandidate l : locals) {
                addPair(l, r);
            }
        }
        unfreezeInitial();
        List<EarlyRequest> replay = new ArrayList<>(early);
        early.clear();
        for (EarlyRequest e : replay) {
            receive(e.data(), e.base(), e.source());
        }
        kick();
        evaluate();
    }

    /** Pairs a local candidate (by its base: RFC 8445 6.1.2.4) with a remote one unless the tuple is known. */
    private CandidatePair addPair(IceCandidate local, IceCandidate remote) {
        if (local.component() != remote.component() || !sameFamily(local.base(), remote.address())) {
            return null;
        }
        IceCandidate base = hostOf(local.base());
        if (base == null) {
            return null;
        }
        CandidatePair known = pairFor(base.base(), remote.address());
        if (known != null || checklist.size() >= MAX_PAIRS) {
            return known;
        }
        CandidatePair p = new CandidatePair(base, remote, pairPriority(base, remote));
        checklist.add(p);
        listener.pair(p.snapshot());
        return p;
    }

    /** RFC 8445 section 6.1.2.6: the highest-priority pair of each foundation starts Waiting, the rest Frozen. */
    private void unfreezeInitial() {
        List<String> seen = new ArrayList<>();
        for (CandidatePair p : byPriority(checklist)) {
            if (!seen.contains(p.foundation())) {
                seen.add(p.foundation());
                setState(p, PairState.WAITING);
            }
        }
    }

    // ---------------------------------------------------------------- pacing

    /** Runs the pacer now or at the next Ta boundary, if it was idle. */
    private void kick() {
        if (!pacerIdle || state != State.CHECKING) {
            return;
        }
        pacerIdle = false;
        long now = clock.nanoTime();
        long delay = lastCheckAt == Long.MIN_VALUE ? 0 : Math.max(0, lastCheckAt + config.ta().toNanos() - now);
        pacer = scheduler.schedule(this::tick, delay);
    }

    private synchronized void tick() {
        if (state != State.CHECKING) {
            pacerIdle = true;
            return;
        }
        CandidatePair next = nextCheck();
        if (next == null) {
            pacerIdle = true;
            return;
        }
        boolean nominate = next == nominating || controlling && config.aggressive();
        send(next, false, nominate);
        pacer = scheduler.schedule(this::tick, config.ta().toNanos());
    }

    /** RFC 8445 section 6.1.4.2: a triggered check first, else the best Waiting pair, else unfreeze one. */
    private CandidatePair nextCheck() {
        while (!triggered.isEmpty()) {
            CandidatePair p = triggered.poll();
            if (p.state == PairState.WAITING || p == nominating) {
                p.triggered = true;
                return p;
            }
        }
        if (selected != null) {
            return null;
        }
        for (CandidatePair p : byPriority(checklist)) {
            if (p.state == PairState.WAITING) {
                p.triggered = false;
                return p;
            }
        }
        for (CandidatePair p : byPriority(checklist)) {
            if (p.state == PairState.FROZEN && checklist.stream().noneMatch(o -> o.foundation().equals(p.foundation())
                    && (o.state == PairState.WAITING || o.state == PairState.IN_PROGRESS))) {
                p.triggered = false;
                return p;
            }
        }
        return null;
    }

    private void enqueueTriggered(CandidatePair p) {
        if (!triggered.contains(p)) {
            triggered.add(p);
        }
        kick();
    }

    // ---------------------------------------------------------------- sending checks

    private void send(CandidatePair p, boolean consent, boolean useCandidate) {
        long now = clock.nanoTime();
        if (!consent) {
            lastCheckAt = now;
            if (firstCheckAt < 0) {
                firstCheckAt = now;
            }
            if (p.state != PairState.SUCCEEDED) {
                setState(p, PairState.IN_PROGRESS);
            }
        }
        // RFC 8445 section 7.1.1: PRIORITY is what a peer-reflexive candidate learnt from this check would get
        long prflxPriority = Priority.of(Priority.PRFLX, (int) ((p.local.priority() >>> 8) & 0xFFFF),
                p.local.component());
        Check c = new Check(p, consent, useCandidate, prflxPriority);
        transactions.put(c.id, c);
        List<Duration> offsets = policy(consent).transmissionOffsets();
        transmit(c, offsets, 0);
        Duration limit = consent ? config.consentInterval() : policy(false).udpDeadline();
        c.timeout = scheduler.schedule(() -> timedOut(c), limit.toNanos());
    }

    /** RFC 8445 section 14.3: RTO = MAX(500 ms, Ta * (Waiting + In-Progress pairs)), capped by the check timeout. */
    private RetransmitPolicy policy(boolean consent) {
        long active = checklist.stream()
                .filter(p -> p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS).count();
        Duration rto = config.ta().multipliedBy(Math.max(1, active));
        if (rto.compareTo(config.rto()) < 0) {
            rto = config.rto();
        }
        Duration cap = consent ? config.consentInterval() : config.checkTimeout();
        return RetransmitPolicy.of(rto, config.rc(), 16).cappedAt(cap);
    }

    private void transmit(Check c, List<Duration> offsets, int index) {
        synchronized (this) {
            if (!c.retransmitting || state == State.CLOSED || !transactions.containsKey(c.id)) {
                return;
            }
            c.sentAt.add(clock.nanoTime());
            c.pair.requestsSent++;
            transport.send(c.pair.local.base(), c.pair.remote.address(), c.bytes);
            if (index + 1 < offsets.size()) {
                long wait = offsets.get(index + 1).minus(offsets.get(index)).toNanos();
                c.retransmit = scheduler.schedule(() -> transmit(c, offsets, index + 1), wait);
            }
        }
    }

    private synchronized void timedOut(Check c) {
        if (!transactions.containsKey(c.id) || state == State.CLOSED) {
            return;
        }
        c.stop();
        if (c.consent) {
            return;
        }
        if (c.pair.state == PairState.IN_PROGRESS || c.pair == nominating) {
            String why = "no answer to " + c.sentAt.size() + " request" + (c.sentAt.size() == 1 ? "" : "s")
                    + " in " + dev.rtc.net.Durations.format(Duration.ofNanos(clock.nanoTime() - c.sentAt.get(0)));
            if (c.pair.integrityFailures > 0) {
                why += "; " + c.pair.integrityFailures + " answer" + (c.pair.integrityFailures == 1 ? "" : "s")
                        + " failed MESSAGE-INTEGRITY (the peer's ice-pwd is not the one in its description?)";
            }
            fail(c.pair, why);
        }
        if (c.pair == nominating) {
            nominating = null;
        }
        evaluate();
    }

    // ---------------------------------------------------------------- receiving

    /** One datagram that arrived on the socket of {@code base} from {@code source}; anything not STUN is ignored. */
    public synchronized void receive(byte[] data, InetSocketAddress base, InetSocketAddress source) {
        if (state == State.CLOSED || !StunMessage.looksLikeStun(data, 0, data.length)) {
            return;
        }
        StunMessage m;
        try {
            m = StunMessage.decode(data);
        } catch (StunParseException e) {
            return;
        }
        if (!m.method().equals(Method.BINDING) || Fingerprint.verify(m) == Verification.INVALID) {
            return;
        }
        if (m.messageClass() == MessageClass.REQUEST) {
            if (state == State.NEW) {
                if (early.size() < MAX_EARLY_REQUESTS) {
                    early.add(new EarlyRequest(data, base, source));
                }
                return;
            }
            request(m, base, source);
        } else if (m.messageClass() == MessageClass.SUCCESS_RESPONSE
                || m.messageClass() == MessageClass.ERROR_RESPONSE) {
            Check c = transactions.get(m.transactionId());
            if (c != null) {
                response(c, m, base, source);
            }
        }
    }

    /** RFC 8445 section 7.3: authenticate, resolve role conflicts, answer, learn prflx, trigger, nominate. */
    private void request(StunMessage m, InetSocketAddress base, InetSocketAddress source) {
        byte[] key = Integrity.shortTermKey(config.pwd());
        String username = m.text(AttributeType.USERNAME).orElse(null);
        if (username == null || m.first(AttributeType.MESSAGE_INTEGRITY).isEmpty()) {
            unauthenticatedRequests++;
            answerError(m, base, source, ErrorCode.BAD_REQUEST, null);
            return;
        }
        if (!username.startsWith(config.ufrag() + ":") || Integrity.verify(m, key) != Verification.VALID) {
            unauthenticatedRequests++;
            answerError(m, base, source, ErrorCode.UNAUTHENTICATED, null);
            return;
        }
        TieBreaker peerRole = m.first(TieBreaker.class).orElse(null);
        if (peerRole != null && peerRole.controlling() == controlling) {
            roleConflicts++;
            boolean oursWins = Long.compareUnsigned(config.tieBreaker(), peerRole.value()) >= 0;
            // RFC 8445 7.3.1.1: the controlling side with the larger tie-breaker, or the controlled side with the
            // smaller one, answers 487; the other side switches role
            if (oursWins == controlling) {
                answerError(m, base, source, ErrorCode.ROLE_CONFLICT, key);
                return;
            }
            switchRole();
        }
        IceCandidate local = hostOf(base);
        IceCandidate remote = remoteAt(source);
        if (remote == null && local != null) {
            long priority = m.first(AttributeType.PRIORITY).map(a -> ((UIntAttribute) a).value())
                    .orElse(0L);
            if (priority <= 0) {
                answerError(m, base, source, ErrorCode.BAD_REQUEST, key);
                return;
            }
            remote = new IceCandidate(CandidateType.PEER_REFLEXIVE, "prflx" + ++prflxCount, local.component(),
                    source, source, priority, null);
            remotes.add(remote);
            listener.candidate(remote, false);
        }
        StunMessage ok = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .transactionId(m.transactionId()).add(Attributes.xorMappedAddress(source))
                .build(key, false, true);
        transport.send(base, source, ok.raw());
        if (local == null || remote == null) {
            return;
        }
        CandidatePair p = pairFor(base, source);
        if (p == null) {
            p = addPair(local, remote);
            if (p == null) {
                return;
            }
            setState(p, PairState.WAITING);
        }
        p.requestsReceived++;
        boolean useCandidate = m.first(AttributeType.USE_CANDIDATE).isPresent();
        if (p.state != PairState.SUCCEEDED && selected == null) {
            triggerCheck(p);
        }
        if (useCandidate && !controlling) {
            if (p.state == PairState.SUCCEEDED && p.valid != null) {
                nominate(p.valid);
            } else {
                p.nominateOnSuccess = true;
            }
        }
    }

    /** RFC 8445 section 7.3.1.4. */
    private void triggerCheck(CandidatePair p) {
        if (p.state == PairState.IN_PROGRESS) {
            // the check in flight is not retransmitted any more, but its answer still counts
            for (Check c : transactions.values()) {
                if (c.pair == p && !c.consent) {
                    c.retransmitting = false;
                    if (c.retransmit != null) {
                        c.retransmit.cancel();
                    }
                }
            }
        }
        if (p.state != PairState.WAITING) {
            p.failure = null;
            setState(p, PairState.WAITING);
        }
        enqueueTriggered(p);
    }

    private void answerError(StunMessage m, InetSocketAddress base, InetSocketAddress source, int code, byte[] key) {
        StunMessage err = StunMessage.builder(Method.BINDING, MessageClass.ERROR_RESPONSE)
                .transactionId(m.transactionId()).add(ErrorCode.of(code)).build(key, false, true);
        transport.send(base, source, err.raw());
    }

    /** RFC 8445 section 7.2.5: authenticate, check symmetry, learn a local prflx, record the valid pair. */
    private void response(Check c, StunMessage m, InetSocketAddress base, InetSocketAddress source) {
        CandidatePair p = c.pair;
        Verification v = Integrity.verify(m, Integrity.shortTermKey(remotePwd));
        int code = m.errorCode().map(ErrorCode::code).orElse(0);
        if (v != Verification.VALID) {
            if (v == Verification.ABSENT && (code == ErrorCode.BAD_REQUEST || code == ErrorCode.UNAUTHENTICATED)
                    && !c.consent) {
                // an unsigned 400/401: the peer could not authenticate our check, so it cannot sign its answer
                c.stop();
                fail(p, "the peer answered " + code + " " + ErrorCode.reasonFor(code)
                        + (code == ErrorCode.UNAUTHENTICATED ? ": it rejects our MESSAGE-INTEGRITY (the ice-pwd"
                        + " or ice-ufrag it was given is not ours?)" : ""));
                evaluate();
            } else {
                p.integrityFailures++;
            }
            return;
        }
        if (!source.equals(p.remote.address()) || !base.equals(p.local.base())) {
            c.stop();
            if (!c.consent) {
                fail(p, "non-symmetric answer: from " + Addresses.format(source) + " to " + Addresses.format(base)
                        + ", the check went from " + Addresses.format(p.local.base()) + " to "
                        + Addresses.format(p.remote.address()));
                evaluate();
            }
            return;
        }
        c.stop();
        p.responsesReceived++;
        long now = clock.nanoTime();
        if (c.sentAt.size() == 1) {
            p.rttNanos = now - c.sentAt.get(0);
        }
        if (m.messageClass() == MessageClass.ERROR_RESPONSE) {
            if (c.consent) {
                return;
            }
            if (code == ErrorCode.ROLE_CONFLICT) {
                roleConflicts++;
                if (c.sentControlling == controlling) {
                    switchRole();
                }
                p.state = PairState.WAITING;
                enqueueTriggered(p);
                listener.pair(p.snapshot());
                return;
            }
            fail(p, "the peer answered " + code + " " + m.errorCode().map(ErrorCode::reason).orElse(""));
            evaluate();
            return;
        }
        if (c.consent) {
            consentRefreshed(now);
            return;
        }
        InetSocketAddress mapped = m.address(AttributeType.XOR_MAPPED_ADDRESS).orElse(null);
        if (mapped == null) {
            fail(p, "the answer has no XOR-MAPPED-ADDRESS");
            evaluate();
            return;
        }
        IceCandidate local = locals.stream().filter(l -> l.address().equals(mapped) && l.base().equals(base))
                .findFirst().orElse(null);
        if (local == null) {
            local = new IceCandidate(CandidateType.PEER_REFLEXIVE, Foundation.of(CandidateType.PEER_REFLEXIVE,
                    base.getAddress(), IceServerUri.Transport.UDP, null, null), p.local.component(), mapped, base,
                    c.priority, base);
            locals.add(local);
            listener.candidate(local, true);
        }
        CandidatePair validPair = p;
        if (!local.equals(p.local)) {
            IceCandidate l = local;
            validPair = valid.stream().filter(x -> x.local.equals(l) && x.remote.equals(p.remote)).findFirst()
                    .orElse(null);
            if (validPair == null) {
                validPair = new CandidatePair(local, p.remote, pairPriority(local, p.remote));
                validPair.state = PairState.SUCCEEDED;
            }
            validPair.rttNanos = p.rttNanos;
        }
        p.valid = validPair;
        if (!valid.contains(validPair)) {
            valid.add(validPair);
        }
        if (firstSuccessAt < 0) {
            firstSuccessAt = now;
            nominationTimer = scheduler.schedule(this::evaluateNow, config.nominationWait().toNanos());
        }
        p.failure = null;
        setState(p, PairState.SUCCEEDED);
        for (CandidatePair o : checklist) {
            if (o.state == PairState.FROZEN && o.foundation().equals(p.foundation())) {
                setState(o, PairState.WAITING);
            }
        }
        if (c.useCandidate && controlling || !controlling && p.nominateOnSuccess) {
            nominate(validPair);
        }
        kick();
        evaluate();
    }

    // ---------------------------------------------------------------- nomination and the checklist's end

    private synchronized void evaluateNow() {
        evaluate();
    }

    /**
     * The controlling side nominates the best valid pair once no better pair can still succeed or the nomination
     * wait is over; the checklist fails when every pair failed and none is valid.
     */
    private void evaluate() {
        if (state != State.CHECKING) {
            return;
        }
        boolean pending = checklist.stream().anyMatch(p -> p.state == PairState.FROZEN
                || p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS);
        if (valid.isEmpty()) {
            // with no pair at all the peer may still reach us (peer-reflexive): the caller's timeout decides
            if (!pending && !checklist.isEmpty()) {
                state = State.FAILED;
                failure = "every candidate pair failed";
                cancelTimers();
                listener.failed(failure);
            }
            return;
        }
        if (!controlling || config.aggressive() || nominating != null) {
            return;
        }
        CandidatePair best = byPriority(valid).get(0);
        boolean better = checklist.stream().anyMatch(p -> p.priority > best.priority && (p.state == PairState.FROZEN
                || p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS));
        boolean waited = clock.nanoTime() - firstSuccessAt >= config.nominationWait().toNanos();
        if (better && !waited) {
            return;
        }
        CandidatePair checked = checklist.stream().filter(p -> p.valid == best).findFirst().orElse(null);
        if (checked == null) {
            return;
        }
        nominating = checked;
        triggered.remove(checked);
        triggered.addFirst(checked);
        kick();
    }

    private void nominate(CandidatePair validPair) {
        validPair.nominated = true;
        if (selected != null) {
            // RFC 8445 section 8.1.1: of several nominated pairs (an aggressive peer), the highest one is used
            if (validPair.priority > selected.priority && state == State.CONNECTED) {
                selected = validPair;
                listener.selected(validPair.snapshot());
            }
            return;
        }
        selected = validPair;
        nominating = null;
        nominatedAt = clock.nanoTime();
        state = State.CONNECTED;
        triggered.clear();
        listener.pair(validPair.snapshot());
        listener.selected(validPair.snapshot());
        lastConsentAt = nominatedAt;
        armConsentLoss();
        scheduleConsent();
    }

    // ---------------------------------------------------------------- consent freshness (RFC 7675)

    private void scheduleConsent() {
        double factor = 0.8 + 0.4 * random.nextDouble();
        long delay = (long) (config.consentInterval().toNanos() * factor);
        consentTimer = scheduler.schedule(this::consentTick, delay);
    }

    private synchronized void consentTick() {
        if (state != State.CONNECTED) {
            return;
        }
        send(selected, true, false);
        scheduleConsent();
    }

    private void consentRefreshed(long now) {
        lastConsentAt = now;
        armConsentLoss();
    }

    private void armConsentLoss() {
        if (consentLoss != null) {
            consentLoss.cancel();
        }
        consentLoss = scheduler.schedule(this::consentExpired, config.consentTimeout().toNanos());
    }

    private synchronized void consentExpired() {
        if (state != State.CONNECTED || clock.nanoTime() - lastConsentAt < config.consentTimeout().toNanos()) {
            return;
        }
        state = State.CONSENT_LOST;
        failure = "consent lost: no answer to the consent checks for "
                + dev.rtc.net.Durations.format(config.consentTimeout());
        cancelTimers();
        listener.consentLost(selected.snapshot());
    }

    // ---------------------------------------------------------------- helpers

    private void switchRole() {
        controlling = !controlling;
        nominating = null;
        for (CandidatePair p : checklist) {
            p.priority = pairPriority(p.local, p.remote);
        }
        for (CandidatePair p : valid) {
            p.priority = pairPriority(p.local, p.remote);
        }
        listener.role(controlling);
    }

    private long pairPriority(IceCandidate local, IceCandidate remote) {
        return controlling ? CandidatePair.priority(local.priority(), remote.priority())
                : CandidatePair.priority(remote.priority(), local.priority());
    }

    private void setState(CandidatePair p, PairState s) {
        if (p.state != s) {
            p.state = s;
            listener.pair(p.snapshot());
        }
    }

    private void fail(CandidatePair p, String why) {
        p.failure = why;
        setState(p, PairState.FAILED);
        valid.remove(p.valid);
        p.valid = null;
    }

    /** The local candidate that is this base: a host candidate, or a relay candidate (its own base). */
    private IceCandidate hostOf(InetSocketAddress base) {
        return locals.stream().filter(l -> (l.type() == CandidateType.HOST || l.type() == CandidateType.RELAY)
                && l.base().equals(base)).findFirst().orElse(null);
    }

    private IceCandidate remoteAt(InetSocketAddress address) {
        return remotes.stream().filter(r -> r.address().equals(address)).findFirst().orElse(null);
    }

    private CandidatePair pairFor(InetSocketAddress base, InetSocketAddress remote) {
        return checklist.stream().filter(p -> p.sameTuple(base, remote)).findFirst().orElse(null);
    }

    private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        return a.getAddress().getClass() == b.getAddress().getClass();
    }

    private static List<CandidatePair> byPriority(List<CandidatePair> pairs) {
        List<CandidatePair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingLong((CandidatePair p) -> p.priority).reversed());
        return sorted;
    }

    private void cancelTimers() {
        for (Check c : new ArrayList<>(transactions.values())) {
            c.stop();
        }
        for (Scheduler.Cancellable t : new Scheduler.Cancellable[] {pacer, nominationTimer, consentTimer,
                consentLoss}) {
            if (t != null) {
                t.cancel();
            }
        }
        triggered.clear();
        pacerIdle = true;
    }

    /** Stops every check and timer; the agent ignores whatever arrives afterwards. */
    public synchronized void close() {
        if (state != State.CLOSED) {
            cancelTimers();
            state = State.CLOSED;
        }
    }

    // ---------------------------------------------------------------- what reports read

    public synchronized State state() {
        return state;
    }

    public synchronized boolean controlling() {
        return controlling;
    }

    /** The selected (nominated) pair, or null. */
    public synchronized PairSnapshot selected() {
        return selected == null ? null : selected.snapshot();
    }

    /** The checklist, highest pair priority first. */
    public synchronized List<PairSnapshot> pairs() {
        return byPriority(checklist).stream().map(CandidatePair::snapshot).toList();
    }

    /** The valid pairs, highest pair priority first. */
    public synchronized List<PairSnapshot> validPairs() {
        return byPriority(valid).stream().map(CandidatePair::snapshot).toList();
    }

    public synchronized List<IceCandidate> localCandidates() {
        return List.copyOf(locals);
    }

    public synchronized List<IceCandidate> remoteCandidates() {
        return List.copyOf(remotes);
    }

    /** Why the agent failed or lost consent, or null. */
    public synchronized String failure() {
        return failure;
    }

    public synchronized int roleConflicts() {
        return roleConflicts;
    }

    /** The peer's requests answered 400 or 401. */
    public synchronized int unauthenticatedRequests() {
        return unauthenticatedRequests;
    }

    /** Milliseconds from {@link #start} to the first check, first success and nomination; -1 for not yet. */
    public synchronized Timings timings() {
        return new Timings(millis(firstCheckAt), millis(firstSuccessAt), millis(nominatedAt));
    }

    /** When things happened, in milliseconds since {@link #start}; -1 when they did not. */
    public record Timings(double firstCheckMs, double firstSuccessMs, double nominatedMs) {
    }

    private double millis(long at) {
        return at < 0 ? -1 : (at - started) / 1e6;
    }
}
