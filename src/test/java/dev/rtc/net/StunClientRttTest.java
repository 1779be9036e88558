package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.TransactionTransmitCounter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Which transmission an answer is to, and so its round-trip time: the only one, the one an echoed
 * TRANSACTION-TRANSMIT-COUNTER names, or none (ambiguous, Karn's rule). Driven by a manual clock.
 */
class StunClientRttTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
    private final ManualScheduler time = new ManualScheduler();
    private final TransactionTableTest.RecordingTransport transport =
            new TransactionTableTest.RecordingTransport(false, time);
    private final StunClient client = new StunClient(transport, time, time);

    /** The answer to the request last sent, with the counter {@code echoed} (null: none). */
    private void answer(Integer echoed) {
        StunMessage request = StunMessage.decode(transport.sent.get(transport.sent.size() - 1));
        StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE)
                .transactionId(request.transactionId())
                .add(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, SERVER));
        if (echoed != null) {
            b.add(new TransactionTransmitCounter(echoed, 1));
        }
        transport.receiver.message(b.build().encode(), SERVER);
    }

    private StunResponse afterRetransmissions(IntFunction<StunMessage> counted, Integer echoed) throws Exception {
        CompletableFuture<StunResponse> f = client.request(counted, SERVER, RetransmitPolicy.rfc8489(),
                SourceCheck.DESTINATION);
        time.advance(Duration.ofMillis(700));
        answer(echoed);
        return f.get();
    }

    @Test
    void theTransmissionsCountThemselves() throws Exception {
        afterRetransmissions(StunClient.countedBinding(), null);
        assertThat(transport.sent).extracting(m -> StunMessage.decode(m).first(TransactionTransmitCounter.class)
                .orElseThrow().requests()).containsExactly(1, 2);
        assertThat(transport.sent).extracting(m -> StunMessage.decode(m).transactionId()).containsOnly(
                StunMessage.decode(transport.sent.get(0)).transactionId());
    }

    @Test
    void anEchoedCounterGivesTheRttOfTheTransmissionItNames() throws Exception {
        StunResponse second = afterRetransmissions(StunClient.countedBinding(), 2);
        assertThat(second.answeredTransmission()).isEqualTo(2);
        assertThat(second.rtt()).contains(Duration.ofMillis(200));
        assertThat(second.ambiguity()).isEmpty();
        assertThat(second.sinceFirst()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void anEchoOfTheFirstIsFromTheFirst() throws Exception {
        assertThat(afterRetransmissions(StunClient.countedBinding(), 1).rtt()).contains(Duration.ofMillis(700));
    }

    @Test
    void noEchoAfterARetransmissionIsAmbiguous() throws Exception {
        StunResponse r = afterRetransmissions(StunClient.countedBinding(), null);
        assertThat(r.rtt()).isEmpty();
        assertThat(r.answeredTransmission()).isZero();
        assertThat(r.ambiguity()).contains("answered after 2 transmissions and no TRANSACTION-TRANSMIT-COUNTER"
                + " echoed to say which one: the answer may be to any of them");
    }

    @Test
    void anEchoNamingATransmissionNeverSentIsNoEvidence() throws Exception {
        assertThat(afterRetransmissions(StunClient.countedBinding(), 5).rtt()).isEmpty();
    }

    @Test
    void aCounterInTheAnswerToAnUncountedRequestIsNoEvidence() throws Exception {
        StunMessage plain = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build();
        CompletableFuture<StunResponse> f = client.request(plain, SERVER, RetransmitPolicy.rfc8489());
        time.advance(Duration.ofMillis(700));
        answer(2);
        assertThat(f.get().rtt()).isEmpty();
    }

    @Test
    void theOnlyTransmissionNeedsNoCounter() throws Exception {
        CompletableFuture<StunResponse> f = client.request(StunClient.countedBinding(), SERVER,
                RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(Duration.ofMillis(42));
        answer(null);
        assertThat(f.get().rtt()).contains(Duration.ofMillis(42));
        assertThat(f.get().answeredTransmission()).isEqualTo(1);
    }
}
