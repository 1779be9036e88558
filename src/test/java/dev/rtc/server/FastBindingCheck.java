package dev.rtc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The property the fast path must keep: for any datagram, {@link FastBinding} either leaves it to
 * {@link BindingResponder}, or decides what {@link BindingResponder} decides (the same bytes for an answer, a drop
 * for a drop). Shared by the seeded-random test and the fuzz test.
 */
final class FastBindingCheck {
    private FastBindingCheck() {
    }

    private static ServerAddressSet lastSet;
    private static BindingResponder lastSlow;
    private static FastBinding lastFast;

    static synchronized void check(ServerAddressSet set, byte[] datagram, int receivedOn, InetSocketAddress source) {
        if (!set.equals(lastSet)) {
            // built once per address set: the fuzzer calls this a great many times with the same one
            lastSet = set;
            lastSlow = new BindingResponder(set, true, "rtc test");
            lastFast = new FastBinding(set, "rtc test");
        }
        BindingResponder slow = lastSlow;
        FastBinding fast = lastFast;
        ByteBuffer in = ByteBuffer.allocateDirect(datagram.length);
        in.put(datagram).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(BindingResponder.MAX_RESPONSE);
        int n = fast.answer(in, receivedOn, source, out);
        assertThat(in.position()).isZero();
        assertThat(in.limit()).isEqualTo(datagram.length);
        if (n == FastBinding.SLOW) {
            return;
        }
        Answer expected = slow.answer(datagram, datagram.length, receivedOn, source, true);
        String what = "datagram " + hex(datagram);
        if (n > 0) {
            byte[] got = new byte[n];
            out.get(0, got);
            assertThat(expected.dropped()).as(what).isFalse();
            assertThat(hex(got)).as(what).isEqualTo(hex(expected.bytes()));
            assertThat(expected.fromSocket()).isEqualTo(receivedOn);
            assertThat(expected.to()).isEqualTo(source);
        } else {
            DropReason reason = FastBinding.dropReason(n);
            assertThat(expected.dropped()).as(what + " dropped as " + reason).isTrue();
            if (reason == DropReason.MALFORMED) {
                assertThat(expected.reason()).as(what).isEqualTo(DropReason.MALFORMED);
            } else {
                assertThat(expected.reason()).as(what).isIn(reason, DropReason.MALFORMED);
            }
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
