package dev.rtc.server;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A token bucket per source address, so one source (or one spoofed victim) cannot make the server send more than
 * {@code perSecond} answers a second on average. The table has a fixed size chosen up front and never allocates
 * after construction: it is set-associative (a source hashes, with a per-process random key, to one set of
 * {@link #WAYS} entries) and a new source takes an entry of its set: an empty one, else the least recently seen of
 * the sources with more than half their bucket left, else the least recently seen. A flood of spoofed sources
 * therefore costs no memory, and it pushes out the quiet sources, not the ones being limited (a reflection victim
 * keeps its empty bucket); only a set with {@link #WAYS} limited sources gives one up, to start again with a full
 * bucket, so a source gets at most {@code perSecond} plus one burst per such eviction.
 * Time is passed in, so tests need no clock. Thread-safe (striped locks).
 */
public final class RateLimiter {
    /** Entries per set. */
    static final int WAYS = 4;
    /** The default table size. */
    public static final int DEFAULT_SOURCES = 65536;
    private static final int STRIPES = 256;

    private final double perSecond;
    private final double burst;
    private final int setBits;
    private final int seed = ThreadLocalRandom.current().nextInt() | 1;
    private final InetAddress[] keys;
    private final double[] tokens;
    private final long[] last;
    private final boolean[] limited;
    private final Object[] stripes = new Object[STRIPES];
    private final LongAdder limitedSources = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    /** {@code perSecond} answers a second per source, bursts up to twice that; 0 means no limit. */
    public RateLimiter(int perSecond) {
        this(perSecond, DEFAULT_SOURCES);
    }

    /** As {@link #RateLimiter(int)}, remembering at most {@code maxSources} (rounded up to a power of two). */
    public RateLimiter(int perSecond, int maxSources) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond * 2.0);
        int sets = Math.max(1, Integer.highestOneBit(Math.max(WAYS, maxSources) - 1) * 2 / WAYS);
        this.setBits = Integer.numberOfTrailingZeros(sets);
        int size = sets * WAYS;
        keys = new InetAddress[perSecond > 0 ? size : 0];
        tokens = new double[keys.length];
        last = new long[keys.length];
        limited = new boolean[keys.length];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Whether a request from {@code source} at {@code nanos} may be answered (and counts it if so). */
    public boolean allow(InetAddress source, long nanos) {
        if (perSecond <= 0) {
            return true;
        }
        int set = setBits == 0 ? 0 : ((source.hashCode() ^ seed) * 0x9E3779B9) >>> (32 - setBits);
        int base = set * WAYS;
        synchronized (stripes[set & (STRIPES - 1)]) {
            int slot = -1;
            int victim = -1;
            int victimRank = Integer.MAX_VALUE;
            for (int i = base; i < base + WAYS; i++) {
                if (keys[i] != null && keys[i].equals(source)) {
                    slot = i;
                    break;
                }
                // the entry to give up: an empty one, else the least recently seen of those with more than half
                // their bucket left (sources that asked little, as one spoofed datagram does), else the least
                // recently seen of all; so a source being limited stays remembered, and limited
                int rank = keys[i] == null ? 0 : busy(i, nanos) ? 2 : 1;
                if (rank < victimRank || (rank == victimRank && rank > 0 && last[i] - last[victim] < 0)) {
                    victim = i;
                    victimRank = rank;
                }
            }
            if (slot < 0) {
                slot = victim;
                if (keys[slot] != null) {
                    evictions.increment();
                }
                keys[slot] = source;
                tokens[slot] = burst;
                last[slot] = nanos;
                limited[slot] = false;
            }
            double elapsed = Math.max(0, (nanos - last[slot]) / 1e9);
            tokens[slot] = Math.min(burst, tokens[slot] + elapsed * perSecond);
            last[slot] = nanos;
            if (tokens[slot] < 1) {
                if (!limited[slot]) {
                    limited[slot] = true;
                    limitedSources.increment();
                }
                return false;
            }
            limited[slot] = false;
            tokens[slot] -= 1;
            return true;
        }
    }

    /** Whether entry {@code i} has less than half its bucket left at {@code nanos}. */
    private boolean busy(int i, long nanos) {
        double refilled = tokens[i] + Math.max(0, (nanos - last[i]) / 1e9) * perSecond;
        return refilled < burst / 2;
    }

    /** How many times a source went from answered to limited. */
    public long limitedSources() {
        return limitedSources.sum();
    }

    /** How many remembered sources were pushed out by new ones. */
    public long evictions() {
        return evictions.sum();
    }

    /** The fixed number of entries of the table (0 without a limit). */
    public int capacity() {
        return keys.length;
    }

    /** Sources remembered now (at most {@link #capacity()}). */
    public int size() {
        int n = 0;
        for (int s = 0; s < STRIPES; s++) {
            synchronized (stripes[s]) {
                for (int set = s; set * WAYS < keys.length; set += STRIPES) {
                    for (int i = set * WAYS; i < set * WAYS + WAYS; i++) {
                        n += keys[i] == null ? 0 : 1;
                    }
                }
            }
        }
        return n;
    }
}
