package dev.rtc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.ice.Latency;
import dev.rtc.ice.Outcome;
import dev.rtc.ice.ServerVerdict;
import org.junit.jupiter.api.Test;

/** Every verdict outcome maps to one cause label; silence is a timeout whatever the outcome says. */
class CauseTest {
    private static ServerVerdict verdict(Outcome o, Integer code, boolean silent) {
        return new ServerVerdict("turn:192.0.2.1", null, o, null, null, null, null, null, null, Latency.NONE, 0, code,
                silent, null);
    }

    @Test
    void everyOutcomeHasItsCause() {
        assertThat(Cause.of(verdict(Outcome.OK, null, false))).isNull();
        assertThat(Cause.of(verdict(Outcome.DNS_FAILURE, null, false))).isEqualTo(Cause.DNS);
        assertThat(Cause.of(verdict(Outcome.UNREACHABLE, null, false))).isEqualTo(Cause.UNREACHABLE);
        assertThat(Cause.of(verdict(Outcome.UNREACHABLE, null, true))).isEqualTo(Cause.TIMEOUT);
        assertThat(Cause.of(verdict(Outcome.TLS_FAILURE, null, false))).isEqualTo(Cause.TLS);
        assertThat(Cause.of(verdict(Outcome.AUTH_MISSING, 401, false))).isEqualTo(Cause.AUTH_REJECTED);
        assertThat(Cause.of(verdict(Outcome.AUTH_REJECTED, 401, false))).isEqualTo(Cause.AUTH_REJECTED);
        assertThat(Cause.of(verdict(Outcome.STALE_NONCE_LOOP, 438, false))).isEqualTo(Cause.STALE_NONCE);
        assertThat(Cause.of(verdict(Outcome.FORBIDDEN, 403, false))).isEqualTo(Cause.FORBIDDEN);
        assertThat(Cause.of(verdict(Outcome.QUOTA_OR_CAPACITY, 486, false))).isEqualTo(Cause.QUOTA);
        assertThat(Cause.of(verdict(Outcome.QUOTA_OR_CAPACITY, 508, false))).isEqualTo(Cause.CAPACITY);
        assertThat(Cause.of(verdict(Outcome.REDIRECTED, 300, false))).isEqualTo(Cause.REDIRECTED);
        assertThat(Cause.of(verdict(Outcome.BAD_RESPONSE, null, false))).isEqualTo(Cause.BAD_RESPONSE);
        assertThat(Cause.of(verdict(Outcome.ALLOCATION_MISMATCH, 437, false))).isEqualTo(Cause.ERROR);
        assertThat(Cause.of(verdict(Outcome.ERROR, 500, false))).isEqualTo(Cause.ERROR);
        for (Cause c : Cause.values()) {
            assertThat(c.label()).matches("[a-z_]+");
        }
    }
}
