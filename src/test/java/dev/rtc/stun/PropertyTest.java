package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded-random properties: decode(encode(m)) equals m for random valid messages, and mutated bytes either decode
 * or throw StunParseException, nothing else. A failure prints the seed; rerun it with {@code -Drtc.seed=N}.
 */
class PropertyTest {
    private static final int ROUNDS = 3000;

    private static long baseSeed() {
        return Long.getLong("rtc.seed", System.nanoTime());
    }

    @Test
    void roundTrip() {
        long base = baseSeed();
        for (int i = 0; i < ROUNDS; i++) {
            long seed = base + i;
            try {
                StunMessage m = RandomMessages.message(new Random(seed));
                byte[] wire = m.encode();
                StunMessage d = StunMessage.decode(wire);
                assertThat(d).isEqualTo(m);
                assertThat(d.encode()).isEqualTo(wire);
                assertThat(StunMessage.looksLikeStun(wire, 0, wire.length)).isEqualTo(!m.isClassic());
                if (Demux.classify(wire[0]) == Demux.Kind.STUN) { // methods below 0x100, as RFC 7983 keeps them
                    assertThat(Demux.streamFrameLength(wire, 0, wire.length)).isEqualTo(wire.length);
                }
            } catch (Throwable t) {
                fail("round trip failed with seed " + seed + " (rerun with -Drtc.seed=" + seed + ")", t);
            }
        }
    }

    @Test
    void mutatedMessagesDecodeOrThrowTheCodecException() {
        long base = baseSeed();
        for (int i = 0; i < ROUNDS; i++) {
            long seed = base + i;
            Random r = new Random(seed);
            byte[] wire = mutate(r, RandomMessages.message(r).encode());
            try {
                probe(wire);
            } catch (Throwable t) {
                fail("mutated input " + java.util.HexFormat.of().formatHex(wire) + " threw " + t + " with seed "
                        + seed + " (rerun with -Drtc.seed=" + seed + ")", t);
            }
        }
    }

    @Test
    void mutatedChannelDataDecodesOrThrowsTheCodecException() {
        long base = baseSeed();
        for (int i = 0; i < ROUNDS; i++) {
            long seed = base + i;
            Random r = new Random(seed);
            ChannelData cd = new ChannelData(0x4000 + r.nextInt(0x4000), RandomMessages.bytes(r, r.nextInt(40)));
            byte[] wire = mutate(r, cd.encode(r.nextBoolean()));
            try {
                try {
                    ChannelData d = ChannelData.decode(wire);
                    assertThat(ChannelData.decode(d.encode(true))).isEqualTo(d);
                } catch (StunParseException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            } catch (Throwable t) {
                fail("ChannelData " + java.util.HexFormat.of().formatHex(wire) + " threw " + t + " with seed "
                        + seed, t);
            }
        }
    }

    /** Decodes and exercises a decoded message; only StunParseException may escape the decoder. */
    static void probe(byte[] wire) {
        StunMessage m;
        try {
            m = StunMessage.decode(wire);
        } catch (StunParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        Integrity.verify(m, new byte[] {1});
        Integrity.verifySha256(m, new byte[] {1});
        Fingerprint.verify(m);
        m.unknownComprehensionRequired();
        m.method().toString();
        m.messageClass();
        StunMessage again = StunMessage.decode(m.encode());
        assertThat(again).isEqualTo(m);
    }

    static byte[] mutate(Random r, byte[] wire) {
        byte[] b = wire.clone();
        switch (r.nextInt(6)) {
            case 0: // flip bits
                for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 1: // truncate
                return Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2: // random bytes after a valid header, length fixed up so the attribute parser runs
                if (b.length >= 20) {
                    byte[] body = RandomMessages.bytes(r, 4 * r.nextInt(20));
                    byte[] out = Arrays.copyOf(b, 20 + body.length);
                    System.arraycopy(body, 0, out, 20, body.length);
                    Bytes.put16(out, 2, body.length);
                    return out;
                }
                return b;
            case 3: // overwrite an attribute length
                if (b.length >= 24) {
                    int at = 20 + 4 * r.nextInt((b.length - 20) / 4);
                    Bytes.put16(b, Math.min(at + 2, b.length - 2), r.nextInt(0x10000));
                }
                return b;
            case 4: // random byte values anywhere
                for (int k = 1 + r.nextInt(8); k > 0 && b.length > 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            default: // extend with junk
                byte[] out = Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                for (int k = b.length; k < out.length; k++) {
                    out[k] = (byte) r.nextInt(256);
                }
                return out;
        }
    }
}
