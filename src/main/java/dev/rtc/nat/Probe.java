package dev.rtc.nat;

import java.net.InetSocketAddress;

/**
 * The tests one classification runs. Each role has its own local socket so that tests which would disturb each
 * other (a request to the alternate address opens the NAT's filter for it) never share a mapping, and all of
 * them can run at once.
 */
public enum Probe {
    /** RFC 3489 test I, RFC 5780 mapping test I: plain Binding to the primary address. */
    BINDING(Role.MAPPING, false, false, "binding to primary (RFC 3489 test I, RFC 5780 mapping test I)"),
    /** RFC 5780 mapping test II: plain Binding to (alternate IP, primary port). */
    MAPPING_ALTERNATE_IP(Role.MAPPING, false, false, "binding to alternate IP (RFC 5780 mapping test II)"),
    /** RFC 5780 mapping test III, RFC 3489 test I to CHANGED-ADDRESS: plain Binding to the alternate address. */
    MAPPING_ALTERNATE(Role.MAPPING, false, false,
            "binding to alternate address (RFC 5780 mapping test III, RFC 3489 test I')"),
    /** RFC 3489 test II, RFC 5780 filtering test II: change IP and port. */
    CHANGE_IP_AND_PORT(Role.FILTERING_IP_AND_PORT, true, true,
            "change IP and port (RFC 3489 test II, RFC 5780 filtering test II)"),
    /** RFC 3489 test III, RFC 5780 filtering test III: change port. */
    CHANGE_PORT(Role.FILTERING_PORT, false, true, "change port (RFC 3489 test III, RFC 5780 filtering test III)"),
    /** RFC 5780 hairpinning: a Binding request sent to one's own mapped address. */
    HAIRPIN(Role.MAPPING, false, false, "request to own mapped address (RFC 5780 hairpinning)");

    /** The local socket a probe is sent from. */
    public enum Role { MAPPING, FILTERING_IP_AND_PORT, FILTERING_PORT }

    private final Role role;
    private final boolean changeIp;
    private final boolean changePort;
    private final String description;

    Probe(Role role, boolean changeIp, boolean changePort, String description) {
        this.role = role;
        this.changeIp = changeIp;
        this.changePort = changePort;
        this.description = description;
    }

    public Role role() {
        return role;
    }

    public boolean changeIp() {
        return changeIp;
    }

    public boolean changePort() {
        return changePort;
    }

    public boolean changes() {
        return changeIp || changePort;
    }

    public String description() {
        return description;
    }

    /** Whether a missing answer is evidence (a filter at work) rather than a failure. */
    public boolean negativeIsEvidence() {
        return changes() || this == HAIRPIN;
    }

    /** Where this probe is sent, once the server's addresses are known (HAIRPIN goes to the mapped address). */
    public InetSocketAddress destination(ServerAddresses server) {
        return switch (this) {
            case BINDING, CHANGE_IP_AND_PORT, CHANGE_PORT -> server.primary();
            case MAPPING_ALTERNATE_IP -> server.alternateIpPrimaryPort();
            case MAPPING_ALTERNATE -> server.alternate();
            case HAIRPIN -> throw new IllegalStateException("the hairpin probe goes to the mapped address");
        };
    }

    /** Where the answer must come from (RFC 5780 Table 1). */
    public InetSocketAddress expectedSource(ServerAddresses server) {
        return server.replySource(destination(server), changeIp, changePort);
    }
}
