package dev.rtc.ice;

/**
 * One stream as its receiver saw it.
 *
 * @param sent         data packets the sender sent (from its end-of-stream count; the highest sequence number
 *                     seen plus one when that count did not arrive)
 * @param received     distinct packets received
 * @param lost         sent minus received
 * @param longestBurst the longest run of consecutive sequence numbers lost
 * @param jitterMs     RFC 3550 interarrival jitter (section 6.4.1) in milliseconds
 * @param reordered    packets that arrived after one with a higher sequence number
 * @param duplicates   copies of packets already received
 */
public record DirectionStats(long sent, long received, long lost, long longestBurst, double jitterMs,
                             long reordered, long duplicates) {
    /** Lost packets as a percentage of those sent (0 when none were sent). */
    public double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost / sent;
    }
}
