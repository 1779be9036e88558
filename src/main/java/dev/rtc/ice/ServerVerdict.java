package dev.rtc.ice;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * What one server URL gave: the outcome with its detail (the certificate problem, the error code and reason),
 * what the server said about itself (SOFTWARE, REALM, LIFETIME), the addresses and the latency breakdown.
 *
 * @param base          the local transport address the requests left from (null when none was made)
 * @param elapsedMicros time from the start of the run to this verdict
 * @param errorCode     the error code of the answer that ended the exchange (486, 508...), or null
 * @param noAnswer      the failure is silence (no answer in time), not a refusal
 * @param certificateNotAfter when the TLS server's certificate expires, or null (no TLS, no handshake)
 */
public record ServerVerdict(String url, InetSocketAddress base, Outcome outcome, String detail, String software, String realm,
                            Long lifetimeSeconds, InetSocketAddress mapped, InetSocketAddress relayed,
                            Latency latency, long elapsedMicros, Integer errorCode, boolean noAnswer,
                            Instant certificateNotAfter) {

    public ServerVerdict(String url, InetSocketAddress base, Outcome outcome, String detail, String software,
                         String realm, Long lifetimeSeconds, InetSocketAddress mapped, InetSocketAddress relayed,
                         Latency latency, long elapsedMicros) {
        this(url, base, outcome, detail, software, realm, lifetimeSeconds, mapped, relayed, latency, elapsedMicros,
                null, false, null);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
