package dev.rtc.cli;

/**
 * Ctrl-C (SIGINT) as a request to stop: while installed, the signal runs the given action instead of ending the
 * JVM, so the command finishes normally (flushes, closes its file, prints its counts, exits 0). Where the JVM
 * does not offer signal handling, nothing is installed and the shutdown hook the caller keeps does the work.
 */
@SuppressWarnings("removal")
public final class Interrupt implements AutoCloseable {
    private final Object previous;

    private Interrupt(Object previous) {
        this.previous = previous;
    }

    /** Runs the action on SIGINT until {@link #close()}, which puts back the handler that was there before. */
    public static Interrupt install(Runnable action) {
        try {
            sun.misc.Signal sigint = new sun.misc.Signal("INT");
            return new Interrupt(sun.misc.Signal.handle(sigint, s -> action.run()));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return new Interrupt(null);
        }
    }

    /** Puts back the handler that was there when this one was installed, whatever was installed since. */
    @Override
    public void close() {
        if (previous instanceof sun.misc.SignalHandler handler) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            } catch (IllegalArgumentException e) {
                // the JVM is shutting down
            }
        }
    }
}
