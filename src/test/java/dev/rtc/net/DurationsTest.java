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
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "500", "ms", "1.2.3s", "0s", "5h", "-1s", "2days", "PTxS"})
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
