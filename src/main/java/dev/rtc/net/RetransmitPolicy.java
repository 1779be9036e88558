package dev.rtc.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When a client transaction sends and when it gives up (RFC 8489 section 6.2.1). Over UDP the request goes out
 * at 0, RTO, 3 RTO, 7 RTO... (the wait doubles each time) for {@code rc} transmissions in all, and the
 * transaction fails {@code rm} RTO after the last one; with RTO 500 ms, Rc 7, Rm 16 that is 39.5 s.
 * {@code timeout} caps the whole transaction: nothing is sent and the transaction fails once it is reached.
 * Over TCP and TLS nothing is retransmitted and only {@code timeout} applies.
 *
 * @param rto     the first retransmission timeout
 * @param rc      the number of transmissions over UDP (at least 1)
 * @param rm      the last wait, in multiples of {@code rto}
 * @param timeout the limit on the whole transaction, from the first transmission
 */
public record RetransmitPolicy(Duration rto, int rc, int rm, Duration timeout) {
    /** RFC 8489's default RTO. */
    public static final Duration DEFAULT_RTO = Duration.ofMillis(500);

    public RetransmitPolicy {
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(timeout, "timeout");
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException("RTO must be positive, not " + rto);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (rc < 1 || rc > 32) {
            throw new IllegalArgumentException("Rc must be 1..32, not " + rc);
        }
        if (rm < 1) {
            throw new IllegalArgumentException("Rm must be at least 1, not " + rm);
        }
    }

    /** RFC 8489's defaults: RTO 500 ms, Rc 7, Rm 16, giving up after 39.5 s. */
    public static RetransmitPolicy rfc8489() {
        return of(DEFAULT_RTO, 7, 16);
    }

    /** A policy whose timeout is the natural end of its schedule (no extra cap). */
    public static RetransmitPolicy of(Duration rto, int rc, int rm) {
        return new RetransmitPolicy(rto, rc, rm, scheduleLength(rto, rc, rm));
    }

    /** The same schedule with another first RTO; the timeout becomes the new schedule's natural end. */
    public RetransmitPolicy withRto(Duration newRto) {
        return of(newRto, rc, rm);
    }

    /** The same schedule capped at {@code limit} overall. */
    public RetransmitPolicy withTimeout(Duration limit) {
        return new RetransmitPolicy(rto, rc, rm, limit);
    }

    /** The same policy with at most {@code limit} overall: the smaller of the current timeout and the limit. */
    public RetransmitPolicy cappedAt(Duration limit) {
        return limit.compareTo(timeout) < 0 ? withTimeout(limit) : this;
    }

    /**
     * The offsets from the first transmission at which the request is sent over UDP, cut at the timeout:
     * 0, RTO, 3 RTO, 7 RTO...
     */
    public List<Duration> transmissionOffsets() {
        List<Duration> out = new ArrayList<>();
        Duration at = Duration.ZERO;
        Duration wait = rto;
        for (int i = 0; i < rc && at.compareTo(timeout) < 0; i++) {
            out.add(at);
            at = at.plus(wait);
            wait = wait.multipliedBy(2);
        }
        return out;
    }

    /** When a UDP transaction fails without an answer: Rm RTO after the last transmission, or the timeout. */
    public Duration udpDeadline() {
        Duration natural = scheduleLength(rto, rc, rm);
        return natural.compareTo(timeout) < 0 ? natural : timeout;
    }

    /** When a TCP or TLS transaction fails without an answer: the timeout (no retransmissions on streams). */
    public Duration streamDeadline() {
        return timeout;
    }

    private static Duration scheduleLength(Duration rto, int rc, int rm) {
        // the last transmission goes out at (2^(rc-1) - 1) RTO, then the client waits rm RTO more
        long multiples = (1L << (rc - 1)) - 1 + rm;
        return rto.multipliedBy(multiples);
    }
}
