package dev.rtc.probe;

import dev.rtc.ice.HostAddresses;
import dev.rtc.ice.IceServerUri;
import dev.rtc.turn.CredentialSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One module of the config: what kind of check a scrape with {@code module=NAME} runs, and how.
 *
 * @param transport   the first hop for a target given as bare HOST[:PORT] (a URI target carries its own)
 * @param timeout     the longest a probe of this module takes (a shorter scrape deadline wins)
 * @param credentials TURN credentials, or null
 * @param require     relay kinds the probe must get (relay, relay-udp, relay-tcp, relay-tls)
 * @param checkRelay  send packets through the relay (loss and RTT)
 * @param caFile      trust anchors for TLS instead of the system's, or null
 * @param sni         the name sent as SNI and checked in the certificate instead of the target's host, or null
 * @param insecure    accept any TLS certificate
 */
public record ProbeModule(String name, Prober prober, IceServerUri.Transport transport, Duration timeout,
                          Duration rto, HostAddresses.Family family, CredentialSource credentials,
                          List<String> require, boolean checkRelay, int packets, Path caFile, String sni,
                          boolean insecure) {

    /** The kinds of check. */
    public enum Prober {
        STUN("stun"), TURN("turn"),
        /** The turn prober's checks, then two ICE agents connecting to each other through the relay. */
        ICE_LOOPBACK("ice-loopback");

        private final String text;

        Prober(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Whether it allocates on the target (takes credentials, require, check_relay). */
        public boolean turn() {
            return this != STUN;
        }
    }
}
