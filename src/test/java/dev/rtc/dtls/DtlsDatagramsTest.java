package dev.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The RFC 7983 demultiplexing in front of DTLS, and the bounded queue. */
class DtlsDatagramsTest {
    @Test
    void firstByte20To63IsDtlsEverythingElseGoesToTheDelegate() throws Exception {
        List<byte[]> others = new CopyOnWriteArrayList<>();
        DtlsDatagrams d = new DtlsDatagrams(x -> { }, others::add, () -> { });
        int[] firsts = {0, 1, 3, 19, 20, 22, 23, 63, 64, 79, 127, 128, 191, 255};
        for (int f : firsts) {
            d.datagram(new byte[] {(byte) f, 1, 2});
        }
        d.datagram(new byte[0]);
        byte[] buf = new byte[1500];
        for (int expected : new int[] {20, 22, 23, 63}) {
            assertThat(d.receive(buf, 0, buf.length, 100)).isEqualTo(3);
            assertThat(buf[0] & 0xFF).isEqualTo(expected);
        }
        assertThat(d.receive(buf, 0, buf.length, 10)).isEqualTo(-1);
        assertThat(others).extracting(x -> x.length == 0 ? -1 : x[0] & 0xFF)
                .containsExactly(0, 1, 3, 19, 64, 79, 127, 128, 191, 255, -1);
    }

    @Test
    void aFullQueueDropsAndCounts() throws Exception {
        DtlsDatagrams d = new DtlsDatagrams(x -> { }, null, () -> { });
        for (int i = 0; i < DtlsDatagrams.QUEUE + 5; i++) {
            d.datagram(new byte[] {22, (byte) i});
        }
        assertThat(d.dropped()).isEqualTo(5);
        byte[] buf = new byte[2];
        assertThat(d.receive(buf, 0, 2, 10)).isEqualTo(2);
        assertThat(buf[1]).isEqualTo((byte) 0);
    }

    @Test
    void afterCloseDtlsIsDroppedAndOtherTrafficStillFlows() throws Exception {
        List<byte[]> others = new CopyOnWriteArrayList<>();
        boolean[] released = new boolean[1];
        DtlsDatagrams d = new DtlsDatagrams(x -> { }, others::add, () -> released[0] = true);
        d.close();
        assertThat(released[0]).isTrue();
        d.datagram(new byte[] {22});
        d.datagram(new byte[] {(byte) 0x80});
        assertThat(others).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.send(new byte[1], 0, 1))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void sendLimitIsTheBrowserMtu() {
        DtlsDatagrams d = new DtlsDatagrams(x -> { }, null, () -> { });
        assertThat(d.getSendLimit()).isEqualTo(1200);
        assertThat(d.getReceiveLimit()).isGreaterThanOrEqualTo(1200);
    }
}
