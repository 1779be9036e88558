package dev.rtc.ice;

import dev.rtc.net.TlsOptions;
import dev.rtc.turn.TurnCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one gathering run is asked to do.
 *
 * @param servers       the STUN/TURN URIs, in the order given (the order of TURN URIs sets relay preference)
 * @param credentials   TURN credentials (static or minted), or null
 * @param relayOnly     {@code --policy relay}: only relay candidates, like iceTransportPolicy "relay"
 * @param timeout       the limit on the whole run
 * @param timeoutGiven  the user gave the timeout: silent servers get all of it (else see {@link Silence})
 * @param rto           the first retransmission timeout over UDP
 * @param components    1, or 2 for unmuxed RTCP
 * @param hosts         the local addresses to gather from (host candidates and bases)
 * @param family        the address family of server addresses looked up by name (BOTH: the first one)
 * @param caFile        trust anchors for turns:/stuns: instead of the system's, or null
 * @param insecure      accept any TLS certificate
 * @param checkRelay    prove the data path through each working TURN URL
 * @param checkPackets  packets echoed through the relays by the check
 * @param tlsName       the name sent as SNI and checked in certificates instead of the URI's host, or null
 */
public record GatherOptions(List<IceServerUri> servers, TurnCredentials credentials, boolean relayOnly,
                            Duration timeout, boolean timeoutGiven, Duration rto, int components,
                            List<HostAddresses.HostAddress> hosts, HostAddresses.Family family, Path caFile,
                            boolean insecure, boolean checkRelay, int checkPackets, String tlsName) {

    public GatherOptions(List<IceServerUri> servers, TurnCredentials credentials, boolean relayOnly,
                         Duration timeout, boolean timeoutGiven, Duration rto, int components,
                         List<HostAddresses.HostAddress> hosts, HostAddresses.Family family, Path caFile,
                         boolean insecure, boolean checkRelay, int checkPackets) {
        this(servers, credentials, relayOnly, timeout, timeoutGiven, rto, components, hosts, family, caFile, insecure,
                checkRelay, checkPackets, null);
    }

    /** How TLS connections to this server check its certificate. */
    TlsOptions tls(IceServerUri uri) throws java.io.IOException {
        return TlsOptions.forServer(tlsName != null ? tlsName : uri.host(), insecure, caFile);
    }
}
