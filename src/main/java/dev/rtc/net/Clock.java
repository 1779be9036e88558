package dev.rtc.net;

/**
 * A monotonic time source in nanoseconds. Passed in wherever time is measured so tests can drive it by hand.
 */
@FunctionalInterface
public interface Clock {
    /** Nanoseconds from an arbitrary origin; only differences mean something. */
    long nanoTime();

    /** The JVM's monotonic clock ({@link System#nanoTime()}). */
    static Clock system() {
        return System::nanoTime;
    }
}
