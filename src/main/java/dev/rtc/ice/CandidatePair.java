package dev.rtc.ice;

/**
 * One pair of the checklist, with its state and counters. Mutable and owned by {@link IceAgent}, which changes it
 * only under its lock; everything outside sees {@link PairSnapshot}s.
 */
final class CandidatePair {
    final IceCandidate local;
    final IceCandidate remote;
    long priority;
    PairState state = PairState.FROZEN;
    /** The valid pair a success produced (this pair, or one with a peer-reflexive local candidate). */
    CandidatePair valid;
    boolean nominated;
    /** The controlled side saw USE-CANDIDATE before its own check of the pair succeeded (RFC 8445 7.3.1.5). */
    boolean nominateOnSuccess;
    /** The last check was a triggered one. */
    boolean triggered;
    int requestsSent;
    int responsesReceived;
    int requestsReceived;
    int integrityFailures;
    long rttNanos = -1;
    String failure;

    CandidatePair(IceCandidate local, IceCandidate remote, long priority) {
        this.local = local;
        this.remote = remote;
        this.priority = priority;
    }

    String foundation() {
        return local.foundation() + ":" + remote.foundation();
    }

    /** Same base and same remote address: the same 5-tuple, whatever the local candidate's type. */
    boolean sameTuple(java.net.InetSocketAddress base, java.net.InetSocketAddress remoteAddress) {
        return local.base().equals(base) && remote.address().equals(remoteAddress);
    }

    PairSnapshot snapshot() {
        return new PairSnapshot(local, remote, priority, state, nominated || valid != null && valid.nominated,
                requestsSent, responsesReceived, requestsReceived, rttNanos < 0 ? -1 : rttNanos / 1e6, failure,
                triggered);
    }

    /** RFC 8445 section 6.1.2.3: 2^32 MIN(G,D) + 2 MAX(G,D) + (G>D ? 1 : 0), G the controlling side's. */
    static long priority(long controllingPriority, long controlledPriority) {
        long g = controllingPriority;
        long d = controlledPriority;
        return (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }
}
