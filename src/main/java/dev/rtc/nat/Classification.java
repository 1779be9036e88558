package dev.rtc.nat;

import java.net.InetSocketAddress;

/**
 * A NAT verdict in both taxonomies. {@code mapping}, {@code filtering} and {@code publicAddress} are null for
 * UDP Blocked; {@code inexpressible} names a behaviour pair the RFC 3489 label does not describe, else null.
 */
public record Classification(Rfc3489Type type, MappingBehaviour mapping, FilteringBehaviour filtering,
                             Hairpinning hairpinning, boolean natPresent, Boolean portPreserved,
                             InetSocketAddress publicAddress, String inexpressible) {

    /** The RFC 5780 pair as one line, e.g. "endpoint-independent mapping, address-dependent filtering". */
    public String behaviourPair() {
        if (mapping == null) {
            return "no UDP answer: mapping and filtering unknown";
        }
        return mapping.token() + " mapping, " + filtering.token() + " filtering";
    }
}
