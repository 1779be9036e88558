package dev.rtc.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed media inside TURN: every frame of the relayed calls cut short at random points and with random bytes of
 * its payload changed, dissected in order by one dissector (so the DTLS-SRTP and channel state of the real frames
 * before is there), never throws and always shows the frame's STUN or UDP layer. Seeded; the seed is printed on a
 * failure.
 */
class TurnPayloadRobustnessTest {
    @ParameterizedTest
    @ValueSource(strings = {"aiortc-turn-udp.pcap", "aiortc-turn-tcp.pcap"})
    void cutAndChangedRelayedPayloadsDissectWithoutThrowing(String name) throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Map<Long, Frame> frames = TurnMediaTsharkTest.frames(Path.of("src/test/resources/media", name));
        Dissector dissector = new Dissector();
        Frame frame = new Frame(Fields.registry());
        long n = 0;
        int relayed = 0;
        for (Frame original : frames.values()) {
            byte[] bytes = java.util.Arrays.copyOf(original.data(), original.capturedLength());
            // the real frame first, so the state it sets up meets the malformed copies
            for (int round = 0; round < 9; round++) {
                byte[] b = bytes.clone();
                int length = b.length;
                if (round > 0 && b.length > 42) {
                    for (int k = random.nextInt(4); k >= 0; k--) {
                        int at = 42 + random.nextInt(b.length - 42);
                        b[at] = (byte) random.nextInt(256);
                    }
                    length = round % 2 == 0 ? 34 + random.nextInt(b.length - 33) : b.length;
                }
                frame.load(++n, n * 1000L, length, LinkType.ETHERNET, b, 0, length);
                try {
                    dissector.dissect(frame);
                    for (int i = 0; i < frame.occurrences(); i++) {
                        frame.textAt(i);
                    }
                    dev.rtc.output.FrameDetail.lines(frame);
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", frame " + n + ": " + e, e);
                }
                relayed += frame.count(Fields.STUN_CHANNEL.id()) > 0 ? 1 : 0;
            }
        }
        assertThat(relayed).as("seed %d: ChannelData dissected", seed).isGreaterThan(1000);
    }
}
