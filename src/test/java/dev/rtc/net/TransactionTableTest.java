package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Retransmission timing and response matching, driven by a manual clock (no sleeping, no sockets). */
class TransactionTableTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 3479);

    /** An in-memory transport: records what is sent and when, and lets the test deliver replies. */
    static final class RecordingTransport implements StunTransport {
        final boolean reliable;
        final Clock clock;
        final List<Duration> sendTimes = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();
        final long origin;
        Receiver receiver;
        IOException failSends;

        RecordingTransport(boolean reliable, Clock clock) {
            this.reliable = reliable;
            this.clock = clock;
            this.origin = clock.nanoTime();
        }

        @Override
        public void send(byte[] message, InetSocketAddress destination) throws IOException {
            if (failSends != null) {
                throw failSends;
            }
            sendTimes.add(Duration.ofNanos(clock.nanoTime() - origin));
            sent.add(message.clone());
        }

        @Override
        public boolean reliable() {
            return reliable;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }

        @Override
        public void start(Receiver r) {
            this.receiver = r;
        }

        @Override
        public String name() {
            return reliable ? "TCP" : "UDP";
        }
    }

    private final ManualScheduler time = new ManualScheduler();

    static byte[] message(int type, int idSeed) {
        byte[] m = new byte[20];
        m[0] = (byte) (type >> 8);
        m[1] = (byte) type;
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            m[i] = (byte) (idSeed + i);
        }
        return m;
    }

    static byte[] request(int seed) {
        return message(0x0001, seed);
    }

    static byte[] response(int seed) {
        return message(0x0101, seed);
    }

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    private static StunTransactionException failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
        } catch (ExecutionException e) {
            return (StunTransactionException) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not failed");
    }

    @Test
    void rfc8489ScheduleSendsSevenTimesAndGivesUpAfter39AndAHalfSeconds() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(1), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);

        time.advance(ms(39_499));
        assertThat(f).isNotDone();
        assertThat(t.sendTimes).containsExactly(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(15500), ms(31500));

        time.advance(ms(1));
        StunTransactionException e = failure(f);
        assertThat(e).isInstanceOf(StunTimeoutException.class);
        assertThat(e.kind()).isEqualTo(StunTransactionException.Kind.TIMEOUT);
        assertThat(((StunTimeoutException) e).transmissions()).isEqualTo(7);
        assertThat(((StunTimeoutException) e).elapsed()).isEqualTo(ms(39_500));
        assertThat(e.getMessage()).isEqualTo("no answer from 127.0.0.1:3478 after 7 transmissions in 39.5 s");
        assertThat(table.pendingCount()).isZero();
        assertThat(time.queued()).isZero();
    }

    @Test
    void lastWaitIsRmTimesRto() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        RetransmitPolicy p = RetransmitPolicy.of(ms(100), 3, 4);
        var f = table.send(request(2), SERVER, p, SourceCheck.DESTINATION);
        time.advance(ms(699));
        assertThat(t.sendTimes).containsExactly(ms(0), ms(100), ms(300));
        assertThat(f).isNotDone();
        time.advance(ms(1));
        assertThat(failure(f).getMessage()).isEqualTo("no answer from 127.0.0.1:3478 after 3 transmissions in 700 ms");
    }

    @Test
    void overallTimeoutCutsTheSchedule() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(3), SERVER, RetransmitPolicy.rfc8489().withTimeout(Duration.ofSeconds(5)),
                SourceCheck.DESTINATION);
        time.advance(Duration.ofSeconds(60));
        assertThat(t.sendTimes).containsExactly(ms(0), ms(500), ms(1500), ms(3500));
        assertThat(((StunTimeoutException) failure(f)).elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void answerAfterARetransmissionStopsTheScheduleAndHasNoUnambiguousRtt() throws Exception {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(4), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(ms(700));
        t.receiver.message(response(4), SERVER);
        TransactionTable.Reply r = f.get();
        assertThat(r.transmissions()).isEqualTo(2);
        assertThat(r.retransmissions()).isEqualTo(1);
        assertThat(r.sinceFirst()).isEqualTo(ms(700));
        assertThat(r.sinceAnswered()).isEmpty();
        assertThat(r.source()).isEqualTo(SERVER);
        time.advance(Duration.ofSeconds(60));
        assertThat(t.sendTimes).hasSize(2);
        assertThat(time.queued()).isZero();
    }

    @Test
    void answerToTheOnlyTransmissionHasItsRtt() throws Exception {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(5), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(ms(42));
        t.receiver.message(response(5), SERVER);
        assertThat(f.get().sinceAnswered()).contains(ms(42));
        assertThat(f.get().retransmissions()).isZero();
    }

    @Test
    void replyFromAnotherAddressIsIgnoredAndNoted() throws Exception {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(6), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(ms(10));
        t.receiver.message(response(6), OTHER);
        assertThat(f).isNotDone();
        time.advance(ms(10));
        t.receiver.message(response(6), SERVER);
        assertThat(f.get().ignored()).singleElement().satisfies(i -> {
            assertThat(i.source()).isEqualTo(OTHER);
            assertThat(i.after()).isEqualTo(ms(10));
        });
    }

    @Test
    void timeoutNamesTheIgnoredReply() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(7), SERVER, RetransmitPolicy.of(ms(100), 2, 2),
                SourceCheck.DESTINATION);
        t.receiver.message(response(7), OTHER);
        time.advance(Duration.ofSeconds(1));
        assertThat(failure(f).getMessage()).isEqualTo("no answer from 127.0.0.1:3478 after 2 transmissions in 300 ms"
                + " (1 reply with the right transaction id ignored: it came from 127.0.0.2:3479)");
    }

    @Test
    void anySourceAcceptsAReplyFromAnotherAddress() throws Exception {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(8), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.ANY);
        t.receiver.message(response(8), OTHER);
        assertThat(f.get().source()).isEqualTo(OTHER);
    }

    @Test
    void streamsSendOnceAndWaitForTheTimeout() {
        RecordingTransport t = new RecordingTransport(true, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(9), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(Duration.ofSeconds(39));
        assertThat(f).isNotDone();
        time.advance(ms(500));
        assertThat(t.sendTimes).containsExactly(ms(0));
        assertThat(failure(f).getMessage()).isEqualTo("no answer from 127.0.0.1:3478 after 1 transmission in 39.5 s");
    }

    @Test
    void eachTransmissionHasItsOwnBytesAndSendTime() throws Exception {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(n -> {
            byte[] m = request(20);
            m[3] = (byte) n;
            return m;
        }, SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(ms(1600));
        t.receiver.message(response(20), SERVER);
        assertThat(t.sent).extracting(m -> (int) m[3]).containsExactly(1, 2, 3);
        assertThat(f.get().sentAt()).containsExactly(ms(0), ms(500), ms(1500));
        assertThat(f.get().transmissions()).isEqualTo(3);
    }

    @Test
    void aRefusedDestinationFailsItsTransactionsAndLaterOnesAtOnce() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var toServer = table.send(request(21), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        var toOther = table.send(request(22), OTHER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        table.refuse(SERVER, "127.0.0.1:3478 refused (ICMP port unreachable)");
        StunTransactionException e = failure(toServer);
        assertThat(e.kind()).isEqualTo(StunTransactionException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("127.0.0.1:3478 refused (ICMP port unreachable)");
        assertThat(toOther).isNotDone();
        int sends = t.sent.size();
        var later = table.send(request(23), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        assertThat(failure(later).kind()).isEqualTo(StunTransactionException.Kind.UNREACHABLE);
        assertThat(t.sent).hasSize(sends);
    }

    @Test
    void expiringADestinationTimesOutOnlyItsTransactions() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var toServer = table.send(request(24), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        var toOther = table.send(request(25), OTHER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        time.advance(ms(3000));
        table.expire(SERVER);
        StunTransactionException e = failure(toServer);
        assertThat(e).isInstanceOf(StunTimeoutException.class);
        assertThat(e.getMessage()).isEqualTo("no answer from 127.0.0.1:3478 after 3 transmissions in 3 s");
        assertThat(toOther).isNotDone();
    }

    @Test
    void portUnreachableFailsAsRefused() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(10), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        t.receiver.unreachable(SERVER);
        StunTransactionException e = failure(f);
        assertThat(e.kind()).isEqualTo(StunTransactionException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("127.0.0.1:3478 refused (ICMP port unreachable)");
        assertThat(time.queued()).isZero();
    }

    @Test
    void connectionLossFailsPendingTransactions() {
        RecordingTransport t = new RecordingTransport(true, time);
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(11), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        t.receiver.closed(null);
        assertThat(failure(f).kind()).isEqualTo(StunTransactionException.Kind.IO);
        assertThat(failure(f).getMessage()).isEqualTo("connection to 127.0.0.1:3478 closed before the answer");
    }

    @Test
    void sendFailureFailsTheTransaction() {
        RecordingTransport t = new RecordingTransport(false, time);
        t.failSends = new IOException("Network is unreachable");
        TransactionTable table = new TransactionTable(t, time, time);
        var f = table.send(request(12), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        assertThat(failure(f).getMessage()).isEqualTo("cannot send to 127.0.0.1:3478: Network is unreachable");
        assertThat(time.queued()).isZero();
    }

    @Test
    void everythingElseGoesToTheOtherHandler() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        List<byte[]> others = new ArrayList<>();
        table.onOther((data, source) -> others.add(data));
        var f = table.send(request(13), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        byte[] indication = message(0x0017, 13);      // Data indication, same id: not a response
        byte[] stray = response(99);                   // a response to nobody
        byte[] channelData = {0x40, 0x00, 0x00, 0x00};
        t.receiver.message(indication, SERVER);
        t.receiver.message(stray, SERVER);
        t.receiver.message(channelData, SERVER);
        assertThat(others).containsExactly(indication, stray, channelData);
        assertThat(f).isNotDone();
    }

    @Test
    void aSecondRequestWithThePendingIdIsRefused() {
        RecordingTransport t = new RecordingTransport(false, time);
        TransactionTable table = new TransactionTable(t, time, time);
        table.send(request(14), SERVER, RetransmitPolicy.rfc8489(), SourceCheck.DESTINATION);
        assertThatThrownBy(() -> table.send(request(14), SERVER, RetransmitPolicy.rfc8489(),
                SourceCheck.DESTINATION)).isInstanceOf(IllegalArgumentException.class);
    }
}
