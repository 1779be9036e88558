package dev.rtc.nat;

/** RFC 4787/5780 filtering behaviour: which remote endpoints may send to a mapping. */
public enum FilteringBehaviour {
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    ADDRESS_DEPENDENT("address-dependent"),
    ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent");

    private final String token;

    FilteringBehaviour(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
