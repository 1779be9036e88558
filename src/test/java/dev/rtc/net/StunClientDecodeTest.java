package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the typed client does with the bytes that answer a transaction. */
class StunClientDecodeTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
    private final ManualScheduler time = new ManualScheduler();

    @Test
    void matchingButMalformedAnswerFailsAsMalformed() throws Exception {
        var t = new TransactionTableTest.RecordingTransport(false, time);
        StunClient client = new StunClient(t, time, time);
        StunMessage req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build();
        var f = client.request(req, SERVER, RetransmitPolicy.rfc8489());
        byte[] bad = new byte[28];
        System.arraycopy(req.encode(), 0, bad, 0, 20);
        bad[0] = 0x01;
        bad[1] = 0x01;
        bad[3] = 8;                                     // one attribute of 4 bytes...
        bad[20] = 0x00;
        bad[21] = 0x20;                                 // XOR-MAPPED-ADDRESS
        bad[23] = 0x04;                                 // ...too short for an address
        t.receiver.message(bad, SERVER);
        try {
            f.get();
            throw new AssertionError("decoded a malformed answer");
        } catch (ExecutionException e) {
            StunTransactionException x = (StunTransactionException) e.getCause();
            assertThat(x.kind()).isEqualTo(StunTransactionException.Kind.MALFORMED);
            assertThat(x.getMessage()).startsWith("answer from 127.0.0.1:3478 is malformed: ");
        }
    }

    @Test
    void answerIsDecoded() throws Exception {
        var t = new TransactionTableTest.RecordingTransport(false, time);
        StunClient client = new StunClient(t, time, time);
        StunMessage req = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).build();
        var f = client.request(req, SERVER, RetransmitPolicy.rfc8489());
        StunMessage resp = StunMessage.builder(Method.BINDING, MessageClass.ERROR_RESPONSE)
                .transactionId(req.transactionId()).add(dev.rtc.stun.Attributes.errorCode(420)).build();
        t.receiver.message(resp.encode(), SERVER);
        assertThat(f.get().isError()).isTrue();
        assertThat(f.get().message()).isEqualTo(resp);
    }
}
