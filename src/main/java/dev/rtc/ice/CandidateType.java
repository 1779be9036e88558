package dev.rtc.ice;

/** The ICE candidate types rtc gathers, with the names SDP uses ({@code typ host}, {@code typ srflx}, ...). */
public enum CandidateType {
    HOST("host"), SERVER_REFLEXIVE("srflx"), RELAY("relay");

    private final String sdpName;

    CandidateType(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }
}
