package dev.rtc.ice;

/**
 * A candidate pair as reports show it, the way chrome://webrtc-internals lists candidate pairs.
 *
 * @param priority          the RFC 8445 pair priority (unsigned 64-bit, fits a long: the top bit is never set)
 * @param nominated         USE-CANDIDATE was sent (controlling) or received (controlled) and the check succeeded
 * @param requestsSent      check and consent requests sent, retransmissions included
 * @param responsesReceived answers that authenticated
 * @param requestsReceived  the peer's checks on this pair
 * @param rttMillis         the last round trip measured (answers to a retransmitted request are not timed), or -1
 * @param failure           why the pair failed, in one line, or null
 * @param triggered         the last check was a triggered check
 */
public record PairSnapshot(IceCandidate local, IceCandidate remote, long priority, PairState state,
                           boolean nominated, int requestsSent, int responsesReceived, int requestsReceived,
                           double rttMillis, String failure, boolean triggered) {
    /** Direct unless one side is a relay candidate. */
    public boolean relayed() {
        return local.type() == CandidateType.RELAY || remote.type() == CandidateType.RELAY;
    }
}
