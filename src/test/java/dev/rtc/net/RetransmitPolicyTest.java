package dev.rtc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetransmitPolicyTest {
    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void rfc8489Defaults() {
        RetransmitPolicy p = RetransmitPolicy.rfc8489();
        assertThat(p.rto()).isEqualTo(ms(500));
        assertThat(p.rc()).isEqualTo(7);
        assertThat(p.rm()).isEqualTo(16);
        assertThat(p.transmissionOffsets())
                .containsExactly(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(15500), ms(31500));
        assertThat(p.udpDeadline()).isEqualTo(ms(39_500));
        assertThat(p.streamDeadline()).isEqualTo(ms(39_500));
    }

    @Test
    void otherRtoScalesTheWholeSchedule() {
        RetransmitPolicy p = RetransmitPolicy.rfc8489().withRto(ms(100));
        assertThat(p.transmissionOffsets()).containsExactly(ms(0), ms(100), ms(300), ms(700), ms(1500), ms(3100),
                ms(6300));
        assertThat(p.udpDeadline()).isEqualTo(ms(7900));
    }

    @Test
    void timeoutCapsTransmissionsAndDeadline() {
        RetransmitPolicy p = RetransmitPolicy.rfc8489().withTimeout(ms(3500));
        // a transmission due exactly at the timeout is not sent: the transaction is over then
        assertThat(p.transmissionOffsets()).containsExactly(ms(0), ms(500), ms(1500));
        assertThat(p.udpDeadline()).isEqualTo(ms(3500));
        assertThat(p.streamDeadline()).isEqualTo(ms(3500));
    }

    @Test
    void cappedAtKeepsTheSmaller() {
        RetransmitPolicy p = RetransmitPolicy.rfc8489();
        assertThat(p.cappedAt(Duration.ofMinutes(5))).isSameAs(p);
        assertThat(p.cappedAt(ms(800)).timeout()).isEqualTo(ms(800));
    }

    @Test
    void oneTransmission() {
        RetransmitPolicy p = RetransmitPolicy.of(ms(200), 1, 3);
        assertThat(p.transmissionOffsets()).containsExactly(ms(0));
        assertThat(p.udpDeadline()).isEqualTo(ms(600));
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> RetransmitPolicy.of(Duration.ZERO, 7, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetransmitPolicy.of(ms(500), 0, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetransmitPolicy.of(ms(500), 7, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetransmitPolicy.rfc8489().withTimeout(ms(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
