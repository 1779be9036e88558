package dev.rtc.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one probe found, ready to become metrics. Optional measurements are null when the probe did not get that
 * far (no RTT without an answer, no certificate without TLS, no relay figures without {@code check_relay}).
 *
 * @param phases   seconds per phase (dns, connect, tls, first_response, allocate, relay_check), in that order
 * @param cause    why it failed; null on success
 * @param detail   the failure in words, for the status page (never a secret)
 */
public record ProbeResult(String module, String target, Instant at, boolean success, Duration duration,
                          Map<String, Double> phases, Cause cause, String detail, Double stunRttSeconds,
                          Double relayLossRatio, Double relayRttSeconds, Long allocationLifetimeSeconds,
                          Instant certificateNotAfter, String software) {

    /** A probe that ended before its check could start or finish. */
    static ProbeResult failed(String module, String target, Instant at, Duration duration, Cause cause,
                              String detail) {
        return new ProbeResult(module, target, at, false, duration, Map.of(), cause, detail, null, null, null, null,
                null, null);
    }
}
