package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One stream's receiver: loss, bursts, reordering, duplicates and RFC 3550's jitter, worked by hand. */
class StreamStatsTest {
    private static final long MS = 1_000_000L;

    @Test
    void jitterIsRfc3550sEstimator() {
        StreamStats s = new StreamStats();
        // sent every 20 ms, transit 10, 12, 9, 11 ms: |D| = 2, 3, 2 ms
        s.arrived(0, 0, 10 * MS);
        s.arrived(1, 20 * MS, 32 * MS);
        s.arrived(2, 40 * MS, 49 * MS);
        s.arrived(3, 60 * MS, 71 * MS);
        // J = 0 + (2 - 0)/16 = 0.125; 0.125 + (3 - 0.125)/16 = 0.3046875; 0.3046875 + (2 - 0.3046875)/16
        DirectionStats d = s.snapshot(4);
        assertThat(d.jitterMs()).isCloseTo(0.41064453125, within(1e-12));
        assertThat(d.received()).isEqualTo(4);
        assertThat(d.lost()).isZero();
        assertThat(d.longestBurst()).isZero();
        assertThat(d.lossPercent()).isZero();
    }

    @Test
    void theSendersClockOffsetDoesNotMatter() {
        StreamStats near = new StreamStats();
        StreamStats far = new StreamStats();
        long[] transit = {10, 12, 9, 11};
        for (int i = 0; i < 4; i++) {
            near.arrived(i, i * 20 * MS, (i * 20 + transit[i]) * MS);
            far.arrived(i, i * 20 * MS + 987_654_321_000L, (i * 20 + transit[i]) * MS);
        }
        assertThat(far.snapshot(4).jitterMs()).isCloseTo(near.snapshot(4).jitterMs(), within(1e-9));
    }

    @Test
    void lossBurstsReorderingAndDuplicates() {
        StreamStats s = new StreamStats();
        long t = 0;
        // 2, 7, 8 never arrive; 3 arrives after 5; 5 arrives twice
        List<Boolean> first = new ArrayList<>();
        for (long seq : new long[] {0, 1, 4, 5, 3, 6, 5, 9}) {
            first.add(s.arrived(seq, t, t + 5 * MS));
            t += 20 * MS;
        }
        assertThat(first).containsExactly(true, true, true, true, true, true, false, true);
        DirectionStats d = s.snapshot(10);
        assertThat(d.sent()).isEqualTo(10);
        assertThat(d.received()).isEqualTo(7);
        assertThat(d.lost()).isEqualTo(3);
        assertThat(d.lossPercent()).isCloseTo(30, within(1e-12));
        assertThat(d.longestBurst()).isEqualTo(2);
        assertThat(d.reordered()).isEqualTo(1);
        assertThat(d.duplicates()).isEqualTo(1);
        // the sender's count unknown: the highest sequence number plus one stands for it
        assertThat(s.snapshot(-1).sent()).isEqualTo(10);
        // the sender says 13: 10, 11, 12 were lost at the end, the longest burst now
        DirectionStats late = s.snapshot(13);
        assertThat(late.lost()).isEqualTo(6);
        assertThat(late.longestBurst()).isEqualTo(3);
    }

    @Test
    void nothingReceived() {
        DirectionStats d = new StreamStats().snapshot(5);
        assertThat(d.received()).isZero();
        assertThat(d.lost()).isEqualTo(5);
        assertThat(d.longestBurst()).isEqualTo(5);
        assertThat(d.lossPercent()).isEqualTo(100);
        assertThat(new StreamStats().snapshot(-1).sent()).isZero();
        assertThat(new StreamStats().snapshot(0).lossPercent()).isZero();
    }

    @Test
    void sequenceNumbersBeyondTheBoundAreIgnored() {
        StreamStats s = new StreamStats();
        assertThat(s.arrived(StreamStats.MAX_SEQUENCE + 1, 0, 0)).isFalse();
        assertThat(s.arrived(-1, 0, 0)).isFalse();
        assertThat(s.received()).isZero();
    }
}
