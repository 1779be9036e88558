package dev.rtc.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How a command that blocks where {@link Thread#interrupt()} cannot reach (a native capture loop, a server's
 * receive loop) is stopped by the shell's Ctrl-C: while it runs, it registers what stops it. The shell calls
 * {@link #interrupt(Thread)} on Ctrl-C, which runs those actions and then interrupts the thread. Outside the
 * shell nobody calls it (Ctrl-C ends the JVM and shutdown hooks run), so registering costs nothing there.
 */
public final class Interrupts {
    private static final Map<Thread, List<Runnable>> STOPPERS = new ConcurrentHashMap<>();

    private Interrupts() {
    }

    /** Removes the action when closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers, for the calling thread, an action that stops what it is doing; close the result when done. */
    public static Registration onInterrupt(Runnable stop) {
        Thread t = Thread.currentThread();
        STOPPERS.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>()).add(stop);
        return () -> STOPPERS.computeIfPresent(t, (k, list) -> {
            list.remove(stop);
            return list.isEmpty() ? null : list;
        });
    }

    /** Runs the actions registered by the thread, then interrupts it. */
    public static void interrupt(Thread thread) {
        List<Runnable> actions = STOPPERS.get(thread);
        if (actions != null) {
            for (Runnable r : actions) {
                r.run();
            }
        }
        thread.interrupt();
    }
}
