package dev.rtc.dissect;

import java.util.Arrays;

/**
 * A map from a pair of longs to an int, open addressing, no allocation per lookup: the IPv4 conversation tables
 * (UDP stream indices, conversations a protocol claimed) are looked up once per packet.
 */
final class LongPairTable {
    private long[] first = new long[1024];
    private long[] second = new long[1024];
    private int[] values = new int[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** The value stored for the pair, or -1. */
    int get(long a, long b) {
        int mask = used.length - 1;
        for (int i = index(a, b, mask); ; i = (i + 1) & mask) {
            if (!used[i]) {
                return -1;
            }
            if (first[i] == a && second[i] == b) {
                return values[i];
            }
        }
    }

    void put(long a, long b, int value) {
        if ((size + 1) * 2 > used.length) {
            grow();
        }
        int mask = used.length - 1;
        for (int i = index(a, b, mask); ; i = (i + 1) & mask) {
            if (!used[i]) {
                used[i] = true;
                first[i] = a;
                second[i] = b;
                values[i] = value;
                size++;
                return;
            }
            if (first[i] == a && second[i] == b) {
                values[i] = value;
                return;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    private static int index(long a, long b, int mask) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] f = first;
        long[] s = second;
        int[] v = values;
        boolean[] u = used;
        int n = u.length * 2;
        first = new long[n];
        second = new long[n];
        values = new int[n];
        used = new boolean[n];
        size = 0;
        for (int i = 0; i < u.length; i++) {
            if (u[i]) {
                put(f[i], s[i], v[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "LongPairTable(" + size + " of " + Arrays.toString(new int[] {used.length}) + ")";
    }
}
