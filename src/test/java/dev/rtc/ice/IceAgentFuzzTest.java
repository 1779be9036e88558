package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rtc.net.ManualScheduler;
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

/**
 * Coverage-guided fuzzing of the agent's receive path (Jazzer): every datagram is untrusted. The fuzzer plays
 * the network: raw bytes, checks signed with the agent's ice-pwd (any ufrag, role, tie-breaker, priority,
 * USE-CANDIDATE, source), answers to the agent's own checks (any class, error code, mapped address, key,
 * source), and time passing. Nothing may throw, and the agent's invariants must hold after every step. In a
 * normal {@code mvn test} it replays its inputs; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class IceAgentFuzzTest {
    private static final String PWD = "aaaa-password-0123456789";
    private static final String PEER_PWD = "bbbb-password-0123456789";

    @FuzzTest(maxDuration = "30s")
    void survivesWhateverTheNetworkSends(FuzzedDataProvider data) {
        ManualScheduler clock = new ManualScheduler();
        List<StunMessage> sent = new ArrayList<>();
        InetSocketAddress base = SimNetwork.at("10.0.0.1", 1001);
        InetSocketAddress[] sources = {SimNetwork.at("10.0.0.2", 2001), SimNetwork.at("10.0.0.2", 2002),
                SimNetwork.at("203.0.113.9", 40000), SimNetwork.at("10.0.0.1", 1001)};
        IceAgent agent = new IceAgent(AgentConfig.defaults("aaaa", PWD, data.consumeBoolean(), data.consumeLong())
                .withAggressive(data.consumeBoolean()), clock, clock, new Random(1),
                (from, to, bytes) -> sent.add(StunMessage.decode(bytes)), null);
        agent.addLocal(IceCandidate.host(base, 0, 1));
        agent.start("bbbb", PEER_PWD, List.of(IceCandidate.host(sources[0], 0, 1)));
        while (data.remainingBytes() > 0) {
            InetSocketAddress source = sources[data.consumeInt(0, sources.length - 1)];
            switch (data.consumeInt(0, 3)) {
                case 0 -> clock.advance(Duration.ofMillis(data.consumeInt(0, 40_000)));
                case 1 -> agent.receive(data.consumeBytes(data.consumeInt(0, 200)), base, source);
                case 2 -> {
                    StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.REQUEST)
                            .add(Attributes.username(data.consumeBoolean() ? "aaaa:bbbb" : data.consumeString(20)))
                            .add(Attributes.priority(data.consumeLong(0, 0xFFFFFFFFL)));
                    if (data.consumeBoolean()) {
                        b.add(data.consumeBoolean() ? Attributes.iceControlling(data.consumeLong())
                                : Attributes.iceControlled(data.consumeLong()));
                    }
                    if (data.consumeBoolean()) {
                        b.add(Attributes.useCandidate());
                    }
                    byte[] key = Integrity.shortTermKey(data.consumeBoolean() ? PWD : "other");
                    agent.receive(b.build(key, false, data.consumeBoolean()).raw(), base, source);
                }
                default -> {
                    if (sent.isEmpty()) {
                        continue;
                    }
                    StunMessage request = sent.get(data.consumeInt(0, sent.size() - 1));
                    boolean error = data.consumeBoolean();
                    StunMessage.Builder b = StunMessage.builder(Method.BINDING,
                            error ? MessageClass.ERROR_RESPONSE : MessageClass.SUCCESS_RESPONSE)
                            .transactionId(request.transactionId());
                    if (error) {
                        b.add(ErrorCode.of(data.pickValue(new int[] {400, 401, 487, 500})));
                    } else if (data.consumeBoolean()) {
                        b.add(Attributes.xorMappedAddress(sources[data.consumeInt(0, sources.length - 1)]));
                    }
                    byte[] key = data.consumeBoolean() ? Integrity.shortTermKey(PEER_PWD) : null;
                    agent.receive(b.build(key, false, true).raw(), base, source);
                }
            }
            PairSnapshot selected = agent.selected();
            assertThat(selected == null || agent.state() != IceAgent.State.CHECKING
                    && agent.state() != IceAgent.State.FAILED).isTrue();
            assertThat(agent.pairs().size()).isLessThanOrEqualTo(100);
            assertThat(agent.pairs()).allMatch(p -> p.state() != PairState.FAILED || p.failure() != null
                    || p.requestsSent() == 0);
        }
        agent.close();
    }
}
