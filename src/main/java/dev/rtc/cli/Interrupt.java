package dev.rtc.cli;

/**
 * Ctrl-C (SIGINT) as a request to stop: while installed, the signal runs the given action instead of ending the
 * JVM, so the command finishes normally (flushes, closes its file, prints its counts, exits 0). Where the JVM
 * does not offer signal handling, nothing is installed and the shutdown hook the caller keeps does the work.
 */
@SuppressWarnings("removal")
public final class Interrupt implements AutoCloseable {
    private final Object previous;
    private final String signal;

    private Interrupt(Object previous, String signal) {
        this.previous = previous;
        this.signal = signal;
    }

    /** Runs the action on SIGINT until {@link #close()}, which puts back the handler that was there before. */
    public static Interrupt install(Runnable action) {
        return install(action, "INT");
    }

    /**
     * Runs the action on the named signal ("INT", "TERM") until {@link #close()}: a service stopped by its
     * supervisor's SIGTERM then ends as it does on Ctrl-C.
     */
    public static Interrupt install(Runnable action, String signal) {
        try {
            sun.misc.Signal s = new sun.misc.Signal(signal);
            return new Interrupt(sun.misc.Signal.handle(s, x -> action.run()), signal);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return new Interrupt(null, signal);
        }
    }

    /** Puts back the handler that was there when this one was installed, whatever was installed since. */
    @Override
    public void close() {
        if (previous instanceof sun.misc.SignalHandler handler) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), handler);
            } catch (IllegalArgumentException e) {
                // the JVM is shutting down
            }
        }
    }
}
