package dev.rtc.nat;

/** The RFC 3489 NAT types, as the classic classification tree names them. */
public enum Rfc3489Type {
    OPEN_INTERNET("Open Internet", "open-internet"),
    FULL_CONE("Full Cone", "full-cone"),
    RESTRICTED_CONE("Restricted Cone", "restricted-cone"),
    PORT_RESTRICTED_CONE("Port Restricted Cone", "port-restricted-cone"),
    SYMMETRIC("Symmetric NAT", "symmetric"),
    SYMMETRIC_UDP_FIREWALL("Symmetric UDP Firewall", "symmetric-udp-firewall"),
    UDP_BLOCKED("UDP Blocked", "udp-blocked");

    private final String label;
    private final String token;

    Rfc3489Type(String label, String token) {
        this.label = label;
        this.token = token;
    }

    /** The name people know, e.g. "Port Restricted Cone". */
    public String label() {
        return label;
    }

    /** The name scripts use (JSON, {@code --expect}), e.g. "port-restricted-cone". */
    public String token() {
        return token;
    }

    /** The type named by a token, or null. */
    public static Rfc3489Type ofToken(String token) {
        for (Rfc3489Type t : values()) {
            if (t.token.equalsIgnoreCase(token)) {
                return t;
            }
        }
        return null;
    }
}
