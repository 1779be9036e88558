package dev.rtc.ice;

/**
 * The ICE candidate types, with the names SDP uses ({@code typ host}, {@code typ srflx}, ...). rtc gathers host,
 * srflx and relay candidates; peer-reflexive ones are learnt by the ICE agent during its checks.
 */
public enum CandidateType {
    HOST("host"), SERVER_REFLEXIVE("srflx"), PEER_REFLEXIVE("prflx"), RELAY("relay");

    private final String sdpName;

    CandidateType(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }

    /** The type of an SDP {@code typ} token, or null when it is none of these. */
    public static CandidateType ofSdpName(String name) {
        for (CandidateType t : values()) {
            if (t.sdpName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
