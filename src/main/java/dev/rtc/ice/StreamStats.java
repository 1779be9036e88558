package dev.rtc.ice;

import java.util.BitSet;

/**
 * The receiving end of one measurement stream: which sequence numbers arrived, how often twice or out of order, and
 * the RFC 3550 interarrival jitter (appendix A.8's estimator, J += (|D| - J) / 16, over send and arrival times in
 * nanoseconds rather than media-clock ticks: the same estimator without the clock's rounding). Not thread-safe.
 */
public final class StreamStats {
    /** Sequence numbers beyond this are ignored: ten minutes at the highest rate, a bound on the memory used. */
    static final long MAX_SEQUENCE = 600L * MeasureProfile.MAX_RATE;

    private final BitSet seen = new BitSet();
    private long received;
    private long duplicates;
    private long reordered;
    private long highest = -1;
    private boolean first = true;
    private long previousTransit;
    private double jitterNanos;

    /**
     * A data packet arrived: its sequence number, when it was sent (sender's clock) and when it arrived (ours).
     * True when it is the first copy of that packet.
     */
    public boolean arrived(long sequence, long sentNanos, long arrivalNanos) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            return false;
        }
        int seq = (int) sequence;
        if (seen.get(seq)) {
            duplicates++;
            return false;
        }
        seen.set(seq);
        received++;
        if (sequence < highest) {
            reordered++;
        } else {
            highest = sequence;
        }
        long transit = arrivalNanos - sentNanos;
        if (first) {
            first = false;
        } else {
            double d = Math.abs(transit - previousTransit);
            jitterNanos += (d - jitterNanos) / 16;
        }
        previousTransit = transit;
        return true;
    }

    public long received() {
        return received;
    }

    /**
     * The stream so far; {@code sent} is the sender's count, or negative when unknown (then the highest sequence
     * number seen plus one stands for it).
     */
    public DirectionStats snapshot(long sent) {
        long expected = sent >= 0 ? sent : highest + 1;
        long lost = Math.max(0, expected - seen.get(0, (int) Math.min(expected, MAX_SEQUENCE + 1)).cardinality());
        long longest = 0;
        long run = 0;
        for (long s = 0; s < expected && s <= MAX_SEQUENCE; s++) {
            if (seen.get((int) s)) {
                run = 0;
            } else {
                longest = Math.max(longest, ++run);
            }
        }
        return new DirectionStats(expected, received, lost, longest, jitterNanos / 1e6, reordered, duplicates);
    }
}
