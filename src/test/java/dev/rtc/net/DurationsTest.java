package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void parses() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse(" 2 s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aBareNumberIsSeconds() {
        assertThat(Durations.parse("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("0.25")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("39.5")).isEqualTo(Duration.ofMillis(39_500));
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> Durations.parse("2x")).hasMessage("'2x': unknown unit 'x' (use us, ms, s, m, h or d;"
                + " a bare number is seconds)");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessage("'soon' is not a duration (examples: 2, 500ms,"
                + " 1.5s, 2m)");
        assertThatThrownBy(() -> Durations.parse("0")).hasMessage("'0' is not a positive duration");
        assertThatThrownBy(() -> Durations.parse("400d")).hasMessage("'400d' is longer than a year");
        assertThatThrownBy(() -> Durations.parse("P400D")).hasMessage("'P400D' is longer than a year");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ms", "1.2.3s", "0s", "0", "-1s", "-1", "2days", "PTxS", "PT-1S", "1e3", "400d"})
    void rejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formats() {
        assertThat(Durations.format(Duration.ofMillis(39_500))).isEqualTo("39.5 s");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(Durations.format(Duration.ofNanos(1_000_200_000))).isEqualTo("1 s");
        assertThat(Durations.format(Duration.ofMillis(1960))).isEqualTo("2 s");
        assertThat(Durations.format(Duration.ofMillis(700))).isEqualTo("700 ms");
        assertThat(Durations.format(Duration.ofNanos(1_234_000))).isEqualTo("1.2 ms");
        assertThat(Durations.millis(Duration.ofNanos(1_234_567))).isEqualTo(1.235);
    }
}
