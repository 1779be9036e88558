package dev.rtc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written answers of the hot path against the codec-built ones, over seeded random requests. */
class FastBindingTest {
    private static final ServerAddressSet V4 = new ServerAddressSet(new InetSocketAddress("203.0.113.1", 3478),
            new InetSocketAddress("203.0.113.2", 3479), new InetSocketAddress("192.0.2.1", 3478), null);
    private static final ServerAddressSet V6 = new ServerAddressSet(new InetSocketAddress("2001:db8::1", 3478),
            new InetSocketAddress("2001:db8::2", 3479), null, null);

    private static byte[] request(Random r) throws Exception {
        StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.REQUEST);
        if (r.nextInt(4) == 0) {
            b.classic();
        }
        if (r.nextBoolean()) {
            char[] name = new char[r.nextInt(80)];
            for (int i = 0; i < name.length; i++) {
                name[i] = (char) ('a' + r.nextInt(26));
            }
            b.add(new StringAttribute(AttributeType.SOFTWARE, new String(name)));
        }
        return r.nextBoolean() ? b.buildWithFingerprint().encode() : b.build().encode();
    }

    private static InetSocketAddress source(Random r, boolean v6) throws Exception {
        byte[] ip = new byte[v6 ? 16 : 4];
        r.nextBytes(ip);
        return new InetSocketAddress(InetAddress.getByAddress(ip), 1 + r.nextInt(65535));
    }

    @Test
    void plainRequestsGetTheCodecsBytes() throws Exception {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            boolean v6 = r.nextBoolean();
            byte[] req = request(r);
            int on = r.nextInt(4);
            InetSocketAddress src = source(r, v6);
            ServerAddressSet set = v6 ? V6 : V4;
            FastBinding fast = new FastBinding(set, "rtc test");
            ByteBuffer in = ByteBuffer.allocateDirect(req.length).put(req).flip();
            ByteBuffer out = ByteBuffer.allocateDirect(BindingResponder.MAX_RESPONSE);
            boolean classicWithFingerprint = ByteBuffer.wrap(req).getInt(4) != StunMessage.MAGIC_COOKIE
                    && req.length > 20 && (ByteBuffer.wrap(req).getShort(req.length - 8) & 0xFFFF) == 0x8028;
            assertThat(fast.answer(in, on, src, out)).as("seed " + seed)
                    .matches(n -> classicWithFingerprint ? n == FastBinding.SLOW : n > 0);
            FastBindingCheck.check(set, req, on, src);
        }
    }

    @Test
    void mutatedRequestsAreDecidedAlikeOrLeftToTheResponder() throws Exception {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            byte[] req = request(r);
            int flips = 1 + r.nextInt(3);
            for (int f = 0; f < flips; f++) {
                req[r.nextInt(req.length)] ^= (byte) (1 << r.nextInt(8));
            }
            if (r.nextInt(10) == 0) {
                req = java.util.Arrays.copyOf(req, r.nextInt(req.length + 1));
            }
            try {
                FastBindingCheck.check(V4, req, r.nextInt(4), source(r, false));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void requestsWithOtherAttributesGoToTheResponder() {
        byte[] change = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).add(new ChangeRequest(true, false))
                .build().encode();
        ByteBuffer in = ByteBuffer.allocateDirect(change.length).put(change).flip();
        assertThat(new FastBinding(V4, "x").answer(in, 0, new InetSocketAddress("198.51.100.1", 1), 
                ByteBuffer.allocateDirect(1400))).isEqualTo(FastBinding.SLOW);
    }

    @Test
    void junkIsClassified() {
        FastBinding fast = new FastBinding(V4, "x");
        InetSocketAddress src = new InetSocketAddress("198.51.100.1", 1);
        ByteBuffer out = ByteBuffer.allocateDirect(1400);
        assertThat(FastBinding.dropReason(fast.answer(ByteBuffer.allocateDirect(4), 0, src, out)))
                .isEqualTo(DropReason.MALFORMED);
        byte[] indication = StunMessage.builder(Method.BINDING, MessageClass.INDICATION).build().encode();
        assertThat(FastBinding.dropReason(fast.answer(ByteBuffer.wrap(indication), 0, src, out)))
                .isEqualTo(DropReason.NOT_REQUEST);
        byte[] allocate = StunMessage.builder(Method.ALLOCATE, MessageClass.REQUEST).build().encode();
        assertThat(FastBinding.dropReason(fast.answer(ByteBuffer.wrap(allocate), 0, src, out)))
                .isEqualTo(DropReason.NOT_BINDING);
        byte[] bad = StunMessage.builder(Method.BINDING, MessageClass.REQUEST).buildWithFingerprint().encode();
        bad[bad.length - 1] ^= 1;
        assertThat(FastBinding.dropReason(fast.answer(ByteBuffer.wrap(bad), 0, src, out)))
                .isEqualTo(DropReason.BAD_FINGERPRINT);
    }
}
