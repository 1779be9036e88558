package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RttStatsTest {
    @Test
    void nearestRankPercentiles() {
        RttStats five = RttStats.of(new double[] {5, 1, 4, 2, 3});
        // p50: rank ceil(2.5) = 3; p95: rank ceil(4.75) = 5
        assertThat(five.percentile(50)).isEqualTo(3);
        assertThat(five.percentile(95)).isEqualTo(5);
        assertThat(five.max()).isEqualTo(5);
        assertThat(five.count()).isEqualTo(5);
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 20 - i;
        }
        RttStats t = RttStats.of(twenty);
        // rank ceil(10) = 10, ceil(19) = 19
        assertThat(t.percentile(50)).isEqualTo(10);
        assertThat(t.percentile(95)).isEqualTo(19);
        assertThat(t.percentile(0)).isEqualTo(1);
        assertThat(t.percentile(100)).isEqualTo(20);
    }

    @Test
    void noSamples() {
        RttStats none = RttStats.of(new double[0]);
        assertThat(none.percentile(50)).isEqualTo(-1);
        assertThat(none.max()).isEqualTo(-1);
    }
}
