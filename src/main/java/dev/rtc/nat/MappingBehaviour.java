package dev.rtc.nat;

/** RFC 4787/5780 mapping behaviour: what the public address of a local socket depends on. */
public enum MappingBehaviour {
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    ADDRESS_DEPENDENT("address-dependent"),
    ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent");

    private final String token;

    MappingBehaviour(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
