package dev.rtc.ice;

import java.util.Arrays;

/**
 * Round-trip times of the reflected packets and their nearest-rank percentiles (the smallest sample with at least
 * p% of the samples at or below it).
 *
 * @param samples round-trip times in milliseconds, sorted
 */
public record RttStats(double[] samples) {
    public static RttStats of(double[] millis) {
        double[] s = millis.clone();
        Arrays.sort(s);
        return new RttStats(s);
    }

    public int count() {
        return samples.length;
    }

    /** The nearest-rank p-th percentile, or -1 without samples. */
    public double percentile(double p) {
        if (samples.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * samples.length);
        return samples[Math.max(0, Math.min(samples.length, rank) - 1)];
    }

    public double max() {
        return samples.length == 0 ? -1 : samples[samples.length - 1];
    }
}
