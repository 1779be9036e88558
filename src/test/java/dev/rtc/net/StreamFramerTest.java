package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cutting a byte stream into STUN messages and ChannelData frames however the bytes arrive. */
class StreamFramerTest {
    private static final HexFormat HEX = HexFormat.of();

    // Binding request with SOFTWARE "rtc" (8 bytes of attribute): length 8
    private static final byte[] STUN = HEX.parseHex("000100082112a442" + "0102030405060708090a0b0c"
            + "802200037274630" + "0");
    // ChannelData 0x4000 with 5 bytes of data: padded to 8 on a stream
    private static final byte[] CHANNEL_5 = HEX.parseHex("40000005" + "68656c6c6f" + "000000");
    // ChannelData 0x4001 with 4 bytes: no padding
    private static final byte[] CHANNEL_4 = HEX.parseHex("40010004" + "deadbeef");
    // ChannelData with no data at all
    private static final byte[] CHANNEL_0 = HEX.parseHex("7fff0000");

    private final List<byte[]> frames = new ArrayList<>();
    private final StreamFramer framer = new StreamFramer(frames::add);

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void wholeMessagesOneByOne() throws IOException {
        framer.feed(STUN, 0, STUN.length);
        framer.feed(CHANNEL_5, 0, CHANNEL_5.length);
        assertThat(frames).containsExactly(STUN, CHANNEL_5);
        assertThat(framer.pending()).isZero();
    }

    @Test
    void severalFramesInOneSegment() throws IOException {
        byte[] all = concat(CHANNEL_4, STUN, CHANNEL_0, CHANNEL_5, STUN);
        framer.feed(all, 0, all.length);
        assertThat(frames).containsExactly(CHANNEL_4, STUN, CHANNEL_0, CHANNEL_5, STUN);
    }

    @Test
    void byteByByte() throws IOException {
        byte[] all = concat(STUN, CHANNEL_5, CHANNEL_4);
        for (int i = 0; i < all.length; i++) {
            framer.feed(all, i, 1);
            if (i == STUN.length - 2) {
                assertThat(frames).isEmpty();
            }
        }
        assertThat(frames).containsExactly(STUN, CHANNEL_5, CHANNEL_4);
    }

    @Test
    void headerSplitAcrossSegments() throws IOException {
        framer.feed(STUN, 0, 3);
        framer.feed(STUN, 3, 18);
        assertThat(frames).isEmpty();
        assertThat(framer.pending()).isEqualTo(21);
        framer.feed(STUN, 21, STUN.length - 21);
        assertThat(frames).containsExactly(STUN);
    }

    @Test
    void paddingOfChannelDataWaitsForAllFourBytes() throws IOException {
        framer.feed(CHANNEL_5, 0, 9);   // header + data, padding still missing
        assertThat(frames).isEmpty();
        framer.feed(CHANNEL_5, 9, 3);
        assertThat(frames).containsExactly(CHANNEL_5);
    }

    @Test
    void randomSplitsGiveTheSameFrames() throws IOException {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        List<byte[]> expected = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[][] kinds = {STUN, CHANNEL_0, CHANNEL_4, CHANNEL_5};
        for (int i = 0; i < 200; i++) {
            byte[] f = kinds[r.nextInt(kinds.length)];
            expected.add(f);
            stream.writeBytes(f);
        }
        byte[] all = stream.toByteArray();
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 1 + r.nextInt(40));
            framer.feed(all, off, n);
            off += n;
        }
        assertThat(frames).as("seed %d", seed).containsExactlyElementsOf(expected);
    }

    @Test
    void somethingElseLosesTheStream() {
        byte[] rtp = HEX.parseHex("80000001");
        assertThatThrownBy(() -> framer.feed(rtp, 0, rtp.length)).isInstanceOf(IOException.class)
                .hasMessage("stream out of step at byte 0: first byte 0x80 is neither STUN nor ChannelData");
    }

    @Test
    void stunLengthNotAMultipleOfFourLosesTheStream() throws IOException {
        framer.feed(CHANNEL_4, 0, CHANNEL_4.length);
        byte[] bad = HEX.parseHex("000100062112a442000000000000000000000000");
        assertThatThrownBy(() -> framer.feed(bad, 0, bad.length)).isInstanceOf(IOException.class)
                .hasMessage("stream out of step at byte 8: STUN message length 6 is not a multiple of 4");
    }
}
