package dev.rtc.ice;

import java.net.InetSocketAddress;

/**
 * What one server URL gave: the outcome with its detail (the certificate problem, the error code and reason),
 * what the server said about itself (SOFTWARE, REALM, LIFETIME), the addresses and the latency breakdown.
 *
 * @param base          the local transport address the requests left from (null when none was made)
 * @param elapsedMicros time from the start of the run to this verdict
 */
public record ServerVerdict(String url, InetSocketAddress base, Outcome outcome, String detail, String software, String realm,
                            Long lifetimeSeconds, InetSocketAddress mapped, InetSocketAddress relayed,
                            Latency latency, long elapsedMicros) {

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
