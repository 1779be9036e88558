package dev.rtc.server;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address, so one source (or one spoofed victim) cannot make the server send more than
 * {@code perSecond} answers a second on average. The table is bounded: the oldest sources are forgotten first.
 * Time is passed in, so tests need no clock.
 */
public final class RateLimiter {
    private static final int MAX_SOURCES = 65536;

    private final double perSecond;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /** {@code perSecond} answers a second per source, bursts up to twice that; 0 means no limit. */
    public RateLimiter(int perSecond) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond * 2.0);
    }

    /** Whether a request from {@code source} at {@code nanos} may be answered (and counts it if so). */
    public synchronized boolean allow(InetAddress source, long nanos) {
        if (perSecond <= 0) {
            return true;
        }
        Bucket b = buckets.computeIfAbsent(source, s -> new Bucket(burst, nanos));
        double elapsed = Math.max(0, (nanos - b.last) / 1e9);
        b.tokens = Math.min(burst, b.tokens + elapsed * perSecond);
        b.last = nanos;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
