package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait for a silent server, from the RTO, the --timeout and the slowest round trip measured. */
class SilenceTest {
    private static final Duration RTO = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void nothingMeasuredMeansTheWholeTimeout() {
        assertThat(Silence.limit(RTO, TIMEOUT, null)).isEqualTo(TIMEOUT);
    }

    @Test
    void aFastPathWaitsSixRtos() {
        assertThat(Silence.limit(RTO, TIMEOUT, Duration.ofMillis(20))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aSlowPathWaitsFourSlowestRoundTrips() {
        assertThat(Silence.limit(RTO, TIMEOUT, Duration.ofMillis(1000))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void neverBeyondTheTimeout() {
        assertThat(Silence.limit(RTO, TIMEOUT, Duration.ofMillis(2000))).isEqualTo(TIMEOUT);
        assertThat(Silence.limit(Duration.ofSeconds(1), TIMEOUT, Duration.ofMillis(10))).isEqualTo(TIMEOUT);
    }

    @Test
    void aShortRtoLowersTheFloor() {
        assertThat(Silence.limit(Duration.ofMillis(100), TIMEOUT, Duration.ofMillis(50)))
                .isEqualTo(Duration.ofMillis(600));
    }
}
