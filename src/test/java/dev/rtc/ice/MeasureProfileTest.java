package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasureProfileTest {
    @Test
    void namedProfiles() {
        assertThat(MeasureProfile.parse("audio")).isEqualTo(new MeasureProfile("audio", 50, 160, 8000, 0));
        assertThat(MeasureProfile.parse(" Video ")).isEqualTo(new MeasureProfile("video", 90, 1000, 90000, 96));
        assertThat(MeasureProfile.AUDIO.intervalNanos()).isEqualTo(20_000_000L);
        assertThat(MeasureProfile.VIDEO.intervalNanos()).isEqualTo(11_111_111L);
    }

    @Test
    void packetsPerSecondAndBytes() {
        assertThat(MeasureProfile.parse("100:200")).isEqualTo(new MeasureProfile("100:200", 100, 200, 90000, 96));
        assertThat(MeasureProfile.parse("1:20").packetsPerSecond()).isEqualTo(1);
        assertThat(MeasureProfile.parse("1000:1400").payloadBytes()).isEqualTo(1400);
    }

    @Test
    void badProfilesSayWhy() {
        assertThatThrownBy(() -> MeasureProfile.parse("radio"))
                .hasMessage("--profile: 'radio' is not audio, video or PPS:BYTES");
        assertThatThrownBy(() -> MeasureProfile.parse("a:b"))
                .hasMessage("--profile: 'a:b': PPS and BYTES must be whole numbers");
        assertThatThrownBy(() -> MeasureProfile.parse("0:100"))
                .hasMessage("--profile: 0 packets/s is outside 1..1000");
        assertThatThrownBy(() -> MeasureProfile.parse("1001:100"))
                .hasMessage("--profile: 1001 packets/s is outside 1..1000");
        assertThatThrownBy(() -> MeasureProfile.parse("50:19"))
                .hasMessage("--profile: 19 payload bytes is outside 20..1400");
        assertThatThrownBy(() -> MeasureProfile.parse("50:1401"))
                .hasMessage("--profile: 1401 payload bytes is outside 20..1400");
    }
}
