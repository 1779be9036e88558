package dev.rtc.ice;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;

/**
 * What one ICE agent is told before it starts: its credentials, its initial role and tie-breaker, and the timing
 * of its checks.
 *
 * @param ufrag           the local ice-ufrag
 * @param pwd             the local ice-pwd: the key of the MESSAGE-INTEGRITY of the checks the peer sends us
 * @param controlling     the initial role; a role conflict (RFC 8445 section 7.3.1.1) may change it
 * @param tieBreaker      the 64-bit tie-breaker (unsigned)
 * @param ta              the pacing of new checks (RFC 8445 section 14.2, 50 ms by default)
 * @param rto             the least retransmission timeout of a check (RFC 8445 section 14.3: 500 ms)
 * @param rc              transmissions of one check at most (RFC 8489's Rc)
 * @param checkTimeout    a check without a valid answer after this long has failed
 * @param nominationWait  the controlling agent nominates the best valid pair once no better pair can still succeed,
 *                        or this long after the first valid pair, whichever comes first
 * @param aggressive      the controlling agent puts USE-CANDIDATE in every check (RFC 5245's aggressive nomination)
 * @param consentInterval consent checks go out every interval, randomised by +-20% (RFC 7675: 4-6 s by default)
 * @param consentTimeout  consent is lost when no check is answered for this long (RFC 7675: 30 s)
 */
public record AgentConfig(String ufrag, String pwd, boolean controlling, long tieBreaker, Duration ta, Duration rto,
                          int rc, Duration checkTimeout, Duration nominationWait, boolean aggressive,
                          Duration consentInterval, Duration consentTimeout) {
    /** The characters of ice-ufrag and ice-pwd (RFC 8839 ice-char). */
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public AgentConfig {
        if (ta.isNegative() || ta.isZero() || rto.isNegative() || rto.isZero() || rc < 1) {
            throw new IllegalArgumentException("Ta and RTO must be positive and Rc at least 1");
        }
    }

    /** RFC 8445 and RFC 7675's defaults with these credentials and role. */
    public static AgentConfig defaults(String ufrag, String pwd, boolean controlling, long tieBreaker) {
        return new AgentConfig(ufrag, pwd, controlling, tieBreaker, Duration.ofMillis(50), Duration.ofMillis(500), 7,
                Duration.ofSeconds(8), Duration.ofSeconds(1), false, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** Defaults with fresh random credentials (8-character ufrag, 24-character pwd) and tie-breaker. */
    public static AgentConfig random(boolean controlling, Random random) {
        return defaults(chars(random, 8), chars(random, 24), controlling, random.nextLong());
    }

    /** Defaults with fresh credentials from a {@link SecureRandom}. */
    public static AgentConfig random(boolean controlling) {
        return random(controlling, new SecureRandom());
    }

    public AgentConfig withTa(Duration newTa) {
        return new AgentConfig(ufrag, pwd, controlling, tieBreaker, newTa, rto, rc, checkTimeout, nominationWait,
                aggressive, consentInterval, consentTimeout);
    }

    public AgentConfig withCheckTimeout(Duration timeout) {
        return new AgentConfig(ufrag, pwd, controlling, tieBreaker, ta, rto, rc, timeout, nominationWait, aggressive,
                consentInterval, consentTimeout);
    }

    public AgentConfig withAggressive(boolean on) {
        return new AgentConfig(ufrag, pwd, controlling, tieBreaker, ta, rto, rc, checkTimeout, nominationWait, on,
                consentInterval, consentTimeout);
    }

    /** Consent checks every {@code interval} (randomised), consent lost after {@code timeout} without an answer. */
    public AgentConfig withConsent(Duration interval, Duration timeout) {
        return new AgentConfig(ufrag, pwd, controlling, tieBreaker, ta, rto, rc, checkTimeout, nominationWait,
                aggressive, interval, timeout);
    }

    public AgentConfig withRole(boolean isControlling, long newTieBreaker) {
        return new AgentConfig(ufrag, pwd, isControlling, newTieBreaker, ta, rto, rc, checkTimeout, nominationWait,
                aggressive, consentInterval, consentTimeout);
    }

    private static String chars(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }
}
