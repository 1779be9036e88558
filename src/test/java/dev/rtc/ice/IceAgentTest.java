package dev.rtc.ice;

import static dev.rtc.ice.SimNetwork.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ICE agent over {@link SimNetwork}: no sockets, time driven by hand. Every test drives two agents (or an
 * agent and a scripted peer) to an outcome and asserts it: states, selected pairs, learnt candidates, the
 * requests on the wire.
 */
class IceAgentTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    /** The host candidates of the tests with one address a side. */
    private static final IceCandidate A1 = host("10.0.0.1", 1001, 0);
    private static final IceCandidate B1 = host("10.0.0.2", 2001, 0);

    /** One agent on the simulated network and what its listener heard. */
    record Peer(IceAgent agent, AgentConfig config, List<String> events, List<PairSnapshot> changes) {
        PairSnapshot pair(InetSocketAddress local, InetSocketAddress remote) {
            return agent.pairs().stream().filter(p -> p.local().base().equals(local)
                    && p.remote().address().equals(remote)).findFirst().orElseThrow();
        }

        /** The states one pair went through, in order. */
        List<PairState> history(InetSocketAddress local, InetSocketAddress remote) {
            List<PairState> out = new ArrayList<>();
            for (PairSnapshot p : changes) {
                if (p.local().base().equals(local) && p.remote().address().equals(remote)
                        && (out.isEmpty() || out.get(out.size() - 1) != p.state())) {
                    out.add(p.state());
                }
            }
            return out;
        }
    }

    private static Peer peer(SimNetwork net, AgentConfig config, SimNetwork.Nat nat, IceCandidate... candidates) {
        List<String> events = new ArrayList<>();
        List<PairSnapshot> changes = new ArrayList<>();
        IceAgent agent = new IceAgent(config, net.clock, net.clock, new Random(config.tieBreaker()),
                net.transport(), new IceAgent.Listener() {
                    @Override
                    public void candidate(IceCandidate c, boolean local) {
                        events.add((local ? "local " : "remote ") + c.label());
                    }

                    @Override
                    public void pair(PairSnapshot p) {
                        changes.add(p);
                    }

                    @Override
                    public void role(boolean controlling) {
                        events.add(controlling ? "controlling" : "controlled");
                    }

                    @Override
                    public void selected(PairSnapshot p) {
                        events.add("selected " + p.local().label() + " " + p.remote().label());
                    }

                    @Override
                    public void failed(String reason) {
                        events.add("failed " + reason);
                    }

                    @Override
                    public void consentLost(PairSnapshot p) {
                        events.add("consent lost");
                    }
                });
        for (IceCandidate c : candidates) {
            agent.addLocal(c);
            if (c.type() == CandidateType.HOST) {
                net.attach(c.base(), nat, agent::receive);
            }
        }
        return new Peer(agent, config, events, changes);
    }

    private static AgentConfig config(String ufrag, boolean controlling, long tieBreaker) {
        return AgentConfig.defaults(ufrag, ufrag + "-password-0123456789", controlling, tieBreaker);
    }

    private static IceCandidate host(String ip, int port, int networkIndex) {
        return IceCandidate.host(at(ip, port), networkIndex, 1);
    }

    private static void start(Peer peer, Peer remote) {
        peer.agent.start(remote.config.ufrag(), remote.config.pwd(), remote.agent.localCandidates());
    }

    private static void exchange(Peer a, Peer b) {
        start(a, b);
        start(b, a);
    }

    private static void assertSamePath(Peer a, Peer b) {
        PairSnapshot sa = a.agent.selected();
        PairSnapshot sb = b.agent.selected();
        assertThat(sa).isNotNull();
        assertThat(sb).isNotNull();
        assertThat(a.agent.state()).isEqualTo(IceAgent.State.CONNECTED);
        assertThat(b.agent.state()).isEqualTo(IceAgent.State.CONNECTED);
        assertThat(sa.local().base()).isEqualTo(sb.remote().address());
        assertThat(sb.local().base()).isEqualTo(sa.remote().address());
    }

    @Test
    void pairsWalkEveryStateOfTheChecklist() {
        SimNetwork net = new SimNetwork(1);
        // a3 on its own address (own foundation) never answers; a1 and a2 share 10.0.0.1, so their pairs share
        // a foundation and the lower one starts frozen
        IceCandidate a1 = host("10.0.0.1", 1001, 2);
        IceCandidate a2 = host("10.0.0.1", 1002, 1);
        IceCandidate a3 = host("10.0.0.3", 1003, 0);
        IceCandidate b1 = host("10.0.0.2", 2001, 0);
        net.drop = (s, d) -> s.getAddress().equals(a3.address().getAddress())
                || d.getAddress().equals(a3.address().getAddress());
        Peer a = peer(net, config("aaaa", true, 10), null, a3, a2, a1);
        Peer b = peer(net, config("bbbb", false, 5), null, b1);
        start(a, b);
        assertThat(a.pair(a2.base(), b1.address()).state()).isEqualTo(PairState.WAITING);
        assertThat(a.pair(a3.base(), b1.address()).state()).isEqualTo(PairState.WAITING);
        assertThat(a.pair(a1.base(), b1.address()).state()).isEqualTo(PairState.FROZEN);
        // b starts later: a's first checks arrive before b has a's description and are answered when it has
        net.clock.advance(Duration.ofMillis(200));
        start(b, a);
        net.clock.advance(TEN_SECONDS);

        assertSamePath(a, b);
        assertThat(a.agent.selected().local().base()).isEqualTo(a2.base());
        assertThat(a.history(a2.base(), b1.address()))
                .containsExactly(PairState.FROZEN, PairState.WAITING, PairState.IN_PROGRESS, PairState.SUCCEEDED);
        assertThat(a.history(a1.base(), b1.address()))
                .containsExactly(PairState.FROZEN, PairState.WAITING, PairState.IN_PROGRESS, PairState.SUCCEEDED);
        assertThat(a.history(a3.base(), b1.address()))
                .containsExactly(PairState.FROZEN, PairState.WAITING, PairState.IN_PROGRESS, PairState.FAILED);
        assertThat(a.pair(a3.base(), b1.address()).failure()).startsWith("no answer to 5 requests");
        // the nomination waited for the better pair a3 until the nomination wait ran out
        assertThat(a.agent.timings().nominatedMs()).isGreaterThanOrEqualTo(1000);
        assertThat(a.agent.timings().firstCheckMs()).isZero();
    }

    @Test
    void aTriggeredCheckGoesBeforeTheOrdinaryOnes() {
        SimNetwork net = new SimNetwork(2);
        IceCandidate a1 = host("10.0.0.1", 1001, 0);
        IceCandidate a2 = host("10.0.0.3", 1002, 1);
        IceCandidate a3 = host("10.0.0.4", 1003, 2);
        IceCandidate b1 = host("10.0.0.2", 2001, 0);
        // nothing from a1 and a2 gets through: only a3's check reaches b
        net.drop = (s, d) -> s.equals(a1.address()) || s.equals(a2.address());
        Peer a = peer(net, config("aaaa", true, 10), null, a1, a2, a3);
        Peer b = peer(net, config("bbbb", false, 5).withTa(Duration.ofSeconds(1)), null, b1);
        exchange(a, b);
        net.clock.advance(Duration.ofMillis(1100));
        PairSnapshot b3 = b.pair(b1.base(), a3.address());
        assertThat(b3.state()).isEqualTo(PairState.SUCCEEDED);
        assertThat(b3.triggered()).isTrue();
        // in priority order (b1,a2) came first, but the triggered (b1,a3) took its turn
        assertThat(b.pair(b1.base(), a2.address()).state()).isEqualTo(PairState.WAITING);
        assertThat(b.pair(b1.base(), a2.address()).requestsSent()).isZero();
    }

    @Test
    void peerReflexiveCandidatesAreLearntOnBothSides() {
        SimNetwork net = new SimNetwork(3);
        SimNetwork.Nat nat = new SimNetwork.Nat("203.0.113.1", false, SimNetwork.Filtering.ENDPOINT_INDEPENDENT);
        IceCandidate a1 = host("198.51.100.1", 3000, 0);
        IceCandidate b1 = host("10.0.0.2", 2000, 0);
        Peer a = peer(net, config("aaaa", true, 10), null, a1);
        Peer b = peer(net, config("bbbb", false, 5), nat, b1);
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePathThroughNat(a, b);
        InetSocketAddress mapped = at("203.0.113.1", 40000);
        assertThat(a.agent.remoteCandidates()).anyMatch(c -> c.type() == CandidateType.PEER_REFLEXIVE
                && c.address().equals(mapped));
        assertThat(b.agent.localCandidates()).anyMatch(c -> c.type() == CandidateType.PEER_REFLEXIVE
                && c.address().equals(mapped) && c.base().equals(b1.base()));
        assertThat(a.agent.selected().remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
        assertThat(b.agent.selected().local().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
        assertThat(a.events).contains("remote prflx 203.0.113.1:40000");
        assertThat(b.events).contains("local prflx 203.0.113.1:40000");
        // b's private address is not routed from a
        assertThat(a.pair(a1.base(), b1.address()).state()).isEqualTo(PairState.FAILED);
    }

    private static void assertSamePathThroughNat(Peer a, Peer b) {
        assertThat(a.agent.state()).isEqualTo(IceAgent.State.CONNECTED);
        assertThat(b.agent.state()).isEqualTo(IceAgent.State.CONNECTED);
        assertThat(a.agent.selected().local().base()).isEqualTo(b.agent.selected().remote().address());
        assertThat(b.agent.selected().local().address()).isEqualTo(a.agent.selected().remote().address());
    }

    @Test
    void aPortRestrictedNatOpensOnlyAfterItsOwnCheck() {
        SimNetwork net = new SimNetwork(4);
        SimNetwork.Nat nat = new SimNetwork.Nat("203.0.113.1", false,
                SimNetwork.Filtering.ADDRESS_AND_PORT_DEPENDENT);
        IceCandidate a1 = host("198.51.100.1", 3000, 0);
        IceCandidate b1 = host("10.0.0.2", 2000, 0);
        // b's srflx, as a STUN server on the public network saw it
        InetSocketAddress mapped = nat.outbound(b1.base(), at("198.51.100.200", 3478));
        IceCandidate b1srflx = IceCandidate.serverReflexive(b1, mapped, "stun.example.org", 0);
        Peer a = peer(net, config("aaaa", true, 10), null, a1);
        // b starts 300 ms later, so a's first check to its srflx hits the closed NAT
        Peer b = peer(net, config("bbbb", false, 5), nat, b1, b1srflx);
        start(a, b);
        net.clock.advance(Duration.ofMillis(300));
        start(b, a);
        net.clock.advance(TEN_SECONDS);

        assertSamePathThroughNat(a, b);
        assertThat(nat.filtered).isPositive();
        assertThat(a.agent.selected().remote().type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
        PairSnapshot viaSrflx = a.pair(a1.base(), mapped);
        assertThat(viaSrflx.triggered()).isTrue();
        assertThat(viaSrflx.requestsReceived()).isPositive();
    }

    @Test
    void aSymmetricNatIsReachedThroughThePeerReflexiveCandidate() {
        SimNetwork net = new SimNetwork(5);
        SimNetwork.Nat nat = new SimNetwork.Nat("203.0.113.1", true, SimNetwork.Filtering.ADDRESS_AND_PORT_DEPENDENT);
        IceCandidate a1 = host("198.51.100.1", 3000, 0);
        IceCandidate b1 = host("10.0.0.2", 2000, 0);
        InetSocketAddress mapped = nat.outbound(b1.base(), at("198.51.100.200", 3478));
        Peer a = peer(net, config("aaaa", true, 10), null, a1);
        Peer b = peer(net, config("bbbb", false, 5), nat, b1,
                IceCandidate.serverReflexive(b1, mapped, "stun.example.org", 0));
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePathThroughNat(a, b);
        // the srflx port was the STUN server's mapping only: the path is the per-destination mapping
        assertThat(a.agent.selected().remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
        assertThat(a.agent.selected().remote().address()).isNotEqualTo(mapped);
        assertThat(a.pair(a1.base(), mapped).state()).isEqualTo(PairState.FAILED);
    }

    @Test
    void twoControllingAgentsResolveTheConflictBy487AndBySwitching() {
        SimNetwork net = new SimNetwork(6);
        Peer a = peer(net, config("aaaa", true, 0xF000_0000_0000_0000L), null, A1);
        Peer b = peer(net, config("bbbb", true, 5), null, B1);
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePath(a, b);
        // the larger tie-breaker (compared unsigned) stays controlling; a answered b's check with 487
        assertThat(a.agent.controlling()).isTrue();
        assertThat(b.agent.controlling()).isFalse();
        assertThat(b.events).contains("controlled");
        assertThat(errorsFrom(net, A1.address(), ErrorCode.ROLE_CONFLICT)).isPositive();
        assertThat(a.agent.roleConflicts()).isPositive();
    }

    @Test
    void aRoleConflictAnswerMakesTheSenderSwitch() {
        SimNetwork net = new SimNetwork(7);
        Peer a = peer(net, config("aaaa", true, 10), null, A1);
        Peer b = peer(net, config("bbbb", true, 5), null, B1);
        // a has no candidate of b's, so it sends no check of its own: b learns of the conflict from a's 487 alone
        a.agent.start(b.config.ufrag(), b.config.pwd(), List.of());
        start(b, a);
        net.clock.advance(Duration.ofMillis(30));
        assertThat(b.agent.controlling()).isFalse();
        assertThat(b.events).containsExactly("controlled");
        assertThat(errorsFrom(net, A1.address(), ErrorCode.ROLE_CONFLICT)).isEqualTo(1);
        assertThat(net.requestsFrom(A1.address())).isEmpty();
        net.clock.advance(TEN_SECONDS);
        assertSamePath(a, b);
        assertThat(a.agent.controlling()).isTrue();
        assertThat(a.agent.selected().remote().type()).isEqualTo(CandidateType.PEER_REFLEXIVE);
    }

    @Test
    void twoControlledAgentsResolveTheConflictToo() {
        SimNetwork net = new SimNetwork(8);
        Peer a = peer(net, config("aaaa", false, 10), null, A1);
        Peer b = peer(net, config("bbbb", false, 5), null, B1);
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePath(a, b);
        // between two controlled agents the larger tie-breaker becomes controlling
        assertThat(a.agent.controlling()).isTrue();
        assertThat(b.agent.controlling()).isFalse();
        assertThat(errorsFrom(net, B1.address(), ErrorCode.ROLE_CONFLICT)).isPositive();
    }

    private static long errorsFrom(SimNetwork net, InetSocketAddress from, int code) {
        return net.log.stream().filter(s -> s.from().equals(from)
                && s.message().messageClass() == MessageClass.ERROR_RESPONSE
                && s.message().errorCode().orElseThrow().code() == code).count();
    }

    @Test
    void regularNominationSendsUseCandidateOnceOnTheSelectedPair() {
        SimNetwork net = new SimNetwork(9);
        IceCandidate a1 = host("10.0.0.1", 1001, 0);
        IceCandidate a2 = host("10.0.0.3", 1002, 1);
        IceCandidate b1 = host("10.0.0.2", 2001, 0);
        Peer a = peer(net, config("aaaa", true, 10), null, a1, a2);
        Peer b = peer(net, config("bbbb", false, 5), null, b1);
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePath(a, b);
        List<SimNetwork.Sent> nominations = net.log.stream()
                .filter(s -> s.message().first(AttributeType.USE_CANDIDATE).isPresent()).toList();
        assertThat(nominations).hasSize(1);
        assertThat(nominations.get(0).from()).isEqualTo(a.agent.selected().local().base());
        assertThat(nominations.get(0).to()).isEqualTo(a.agent.selected().remote().address());
        // the best pair: both agents chose a1 (the higher local preference)
        assertThat(a.agent.selected().local().base()).isEqualTo(a1.base());
        assertThat(a.agent.selected().nominated()).isTrue();
        assertThat(b.agent.selected().nominated()).isTrue();
    }

    @Test
    void aPeerThatNominatesAggressivelyIsAccepted() {
        SimNetwork net = new SimNetwork(10);
        IceCandidate a1 = host("10.0.0.1", 1001, 0);
        IceCandidate a2 = host("10.0.0.3", 1002, 1);
        IceCandidate b1 = host("10.0.0.2", 2001, 0);
        Peer a = peer(net, config("aaaa", true, 10).withAggressive(true), null, a1, a2);
        Peer b = peer(net, config("bbbb", false, 5), null, b1);
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePath(a, b);
        // every check before the nomination carried USE-CANDIDATE (the consent checks after it do not)
        Duration nominated = Duration.ofNanos((long) (a.agent.timings().nominatedMs() * 1e6));
        List<SimNetwork.Sent> checks = net.log.stream().filter(s -> (s.from().equals(a1.address())
                || s.from().equals(a2.address())) && s.message().messageClass() == MessageClass.REQUEST
                && s.at().compareTo(nominated) <= 0).toList();
        assertThat(checks).isNotEmpty()
                .allMatch(s -> s.message().first(AttributeType.USE_CANDIDATE).isPresent());
        assertThat(b.agent.selected().local().base()).isEqualTo(b1.base());
        assertThat(b.agent.selected().remote().address()).isEqualTo(a1.address());
        assertThat(a.agent.timings().nominatedMs()).isLessThan(100);
    }

    @Test
    void consentIsCheckedEveryFourToSixSecondsAndLostAfterThirtySilentOnes() {
        SimNetwork net = new SimNetwork(11);
        Peer a = peer(net, config("aaaa", true, 10), null, A1);
        Peer b = peer(net, config("bbbb", false, 5), null, B1);
        exchange(a, b);
        net.clock.advance(Duration.ofSeconds(2));
        assertSamePath(a, b);
        Duration connectedAt = net.clock.elapsed();
        net.clock.advance(Duration.ofSeconds(60));
        assertThat(a.agent.state()).isEqualTo(IceAgent.State.CONNECTED);
        List<Duration> consent = net.requestsFrom(A1.address()).stream().map(SimNetwork.Sent::at)
                .filter(t -> t.compareTo(connectedAt) > 0).toList();
        assertThat(consent).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 1; i < consent.size(); i++) {
            assertThat(consent.get(i).minus(consent.get(i - 1)))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        }

        // the path breaks: no consent answer from here on
        Duration cut = net.clock.elapsed();
        net.drop = (s, d) -> true;
        // the last answer a had reached it one delay after b sent it
        Duration lastAnswer = net.log.stream().filter(s -> s.from().equals(B1.address()) && s.delivered()
                && s.message().messageClass() == MessageClass.SUCCESS_RESPONSE).map(SimNetwork.Sent::at)
                .reduce((x, y) -> y).orElseThrow().plus(net.delay);
        net.clock.advance(lastAnswer.plusMillis(29_900).minus(net.clock.elapsed()));
        assertThat(a.agent.state()).isEqualTo(IceAgent.State.CONNECTED);
        net.clock.advance(Duration.ofMillis(200));
        assertThat(a.agent.state()).isEqualTo(IceAgent.State.CONSENT_LOST);
        net.clock.advance(Duration.ofSeconds(7));
        assertThat(b.agent.state()).isEqualTo(IceAgent.State.CONSENT_LOST);
        assertThat(a.events).contains("consent lost");
        assertThat(a.agent.failure()).contains("consent lost");
        // once lost, nothing more is sent
        int sent = net.log.size();
        net.clock.advance(Duration.ofSeconds(20));
        assertThat(net.log).hasSize(sent);
        assertThat(cut).isGreaterThan(connectedAt);
    }

    @Test
    void aPeerThatNeverAnswersFailsEveryPairOnTheRetransmissionSchedule() {
        SimNetwork net = new SimNetwork(12);
        IceCandidate a1 = host("10.0.0.1", 1001, 0);
        Peer a = peer(net, config("aaaa", true, 10), null, a1);
        // the peer's description names an address where nobody listens
        a.agent.start("bbbb", "bbbb-password-0123456789", List.of(host("10.0.0.2", 2001, 0)));
        net.clock.advance(Duration.ofSeconds(20));

        assertThat(a.agent.state()).isEqualTo(IceAgent.State.FAILED);
        assertThat(a.agent.failure()).isEqualTo("every candidate pair failed");
        assertThat(a.events).contains("failed every candidate pair failed");
        List<Long> at = net.requestsFrom(a1.address()).stream().map(s -> s.at().toMillis()).toList();
        // RFC 8489's schedule from RTO 500 ms (RFC 8445: at least 500 ms), cut at the 8 s check timeout
        assertThat(at).containsExactly(0L, 500L, 1500L, 3500L, 7500L);
        PairSnapshot p = a.agent.pairs().get(0);
        assertThat(p.state()).isEqualTo(PairState.FAILED);
        assertThat(p.requestsSent()).isEqualTo(5);
        assertThat(p.failure()).isEqualTo("no answer to 5 requests in 8 s");
    }

    @Test
    void answersThatFailIntegrityNeverCount() {
        SimNetwork net = new SimNetwork(13);
        IceCandidate a1 = host("10.0.0.1", 1001, 0);
        InetSocketAddress b = at("10.0.0.2", 2001);
        Peer a = peer(net, config("aaaa", true, 10), null, a1);
        // a peer that answers every check, signing with a key that is not its ice-pwd
        net.attach(b, null, (data, base, source) -> {
            StunMessage req = StunMessage.decode(data);
            net.send(base, source, StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                    .transactionId(req.transactionId()).add(Attributes.xorMappedAddress(source))
                    .build(Integrity.shortTermKey("not-the-password-at-all"), false, true).raw());
        });
        a.agent.start("bbbb", "bbbb-password-0123456789", List.of(IceCandidate.host(b, 0, 1)));
        net.clock.advance(Duration.ofSeconds(20));

        assertThat(a.agent.state()).isEqualTo(IceAgent.State.FAILED);
        PairSnapshot p = a.agent.pairs().get(0);
        assertThat(p.responsesReceived()).isZero();
        assertThat(p.failure()).isEqualTo("no answer to 5 requests in 8 s; 5 answers failed MESSAGE-INTEGRITY"
                + " (the peer's ice-pwd is not the one in its description?)");
        assertThat(a.history(a1.base(), b)).doesNotContain(PairState.SUCCEEDED);
    }

    @Test
    void aWrongIcePwdIsRejectedWith401() {
        SimNetwork net = new SimNetwork(14);
        Peer a = peer(net, config("aaaa", true, 10), null, A1);
        Peer b = peer(net, config("bbbb", false, 5), null, B1);
        // a was given a wrong password for b; b was given a's right one
        a.agent.start("bbbb", "wrong-password-0123456789", b.agent.localCandidates());
        start(b, a);
        net.clock.advance(TEN_SECONDS);

        assertThat(a.agent.state()).isEqualTo(IceAgent.State.FAILED);
        assertThat(a.agent.pairs().get(0).failure()).isEqualTo("the peer answered 401 Unauthenticated: it rejects"
                + " our MESSAGE-INTEGRITY (the ice-pwd or ice-ufrag it was given is not ours?)");
        assertThat(b.agent.unauthenticatedRequests()).isPositive();
        assertThat(b.agent.selected()).isNull();
        assertThat(errorsFrom(net, B1.address(), ErrorCode.UNAUTHENTICATED)).isPositive();
    }

    @Test
    void anAnswerFromAnotherAddressIsNotASuccess() {
        SimNetwork net = new SimNetwork(15);
        IceCandidate a1 = host("10.0.0.1", 1001, 0);
        InetSocketAddress b = at("10.0.0.2", 2001);
        InetSocketAddress elsewhere = at("10.0.0.2", 2002);
        Peer a = peer(net, config("aaaa", true, 10), null, a1);
        String pwd = "bbbb-password-0123456789";
        net.attach(b, null, (data, base, source) -> {
            StunMessage req = StunMessage.decode(data);
            net.send(elsewhere, source, StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                    .transactionId(req.transactionId()).add(Attributes.xorMappedAddress(source))
                    .build(Integrity.shortTermKey(pwd), false, true).raw());
        });
        a.agent.start("bbbb", pwd, List.of(IceCandidate.host(b, 0, 1)));
        net.clock.advance(TEN_SECONDS);

        assertThat(a.agent.state()).isEqualTo(IceAgent.State.FAILED);
        assertThat(a.agent.pairs().get(0).failure()).isEqualTo("non-symmetric answer: from 10.0.0.2:2002 to"
                + " 10.0.0.1:1001, the check went from 10.0.0.1:1001 to 10.0.0.2:2001");
    }

    @Test
    void checksCarryTheCredentialsPriorityAndRole() {
        SimNetwork net = new SimNetwork(16);
        Peer a = peer(net, config("aaaa", true, 10), null, A1);
        Peer b = peer(net, config("bbbb", false, 5), null, B1);
        exchange(a, b);
        net.clock.advance(Duration.ofSeconds(2));
        StunMessage check = net.requestsFrom(A1.address()).get(0).message();
        assertThat(check.text(AttributeType.USERNAME)).contains("bbbb:aaaa");
        assertThat(Integrity.verify(check, Integrity.shortTermKey(b.config.pwd())))
                .isEqualTo(dev.rtc.stun.Verification.VALID);
        assertThat(dev.rtc.stun.Fingerprint.verify(check)).isEqualTo(dev.rtc.stun.Verification.VALID);
        assertThat(check.first(dev.rtc.stun.TieBreaker.class).orElseThrow().controlling()).isTrue();
        long priority = ((dev.rtc.stun.UIntAttribute) check.first(AttributeType.PRIORITY).orElseThrow()).value();
        assertThat(priority >>> 24).isEqualTo(Priority.PRFLX);
        assertSamePath(a, b);
    }

    @Test
    void lossAndDelayAreOvercomeByRetransmissions() {
        SimNetwork net = new SimNetwork(17);
        net.loss = 0.3;
        net.delay = Duration.ofMillis(80);
        Peer a = peer(net, config("aaaa", true, 10), null, A1);
        Peer b = peer(net, config("bbbb", false, 5), null, B1);
        exchange(a, b);
        net.clock.advance(TEN_SECONDS);

        assertSamePath(a, b);
        assertThat(net.log).anyMatch(s -> !s.delivered());
        assertThat(a.agent.pairs().get(0).rttMillis()).isIn(-1.0, 160.0);
    }
}
