package dev.rtc.cli;

/**
 * Ctrl-C (SIGINT) as a request to stop: while installed, the signal runs the given action instead of ending the
 * JVM, so the command finishes normally (flushes, closes its file, prints its counts, exits 0). Where the JVM
 * does not offer signal handling, nothing is installed and the shutdown hook the caller keeps does the work.
 * {@link #onHangup} does the same for SIGHUP, which daemons take as "reread your config".
 */
@SuppressWarnings("removal")
public final class Interrupt implements AutoCloseable {
    private final String signal;
    private final Object previous;

    private Interrupt(String signal, Object previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Runs the action on SIGINT until {@link #close()}, which puts back the handler that was there before. */
    public static Interrupt install(Runnable action) {
        return on("INT", action);
    }

    /** Runs the action on SIGHUP until {@link #close()}. */
    public static Interrupt onHangup(Runnable action) {
        return on("HUP", action);
    }

    /**
     * Runs the action on the named signal ("INT", "TERM", "HUP") until {@link #close()}: a service stopped by its
     * supervisor's SIGTERM then ends as it does on Ctrl-C.
     */
    public static Interrupt on(String signal, Runnable action) {
        try {
            sun.misc.Signal s = new sun.misc.Signal(signal);
            return new Interrupt(signal, sun.misc.Signal.handle(s, x -> action.run()));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return new Interrupt(signal, null);
        }
    }

    /** What a server command does while it runs: print where it listens, then wait until it is closed. */
    public interface Serving {
        void serve() throws InterruptedException;
    }

    /**
     * Runs a server command's {@code serving} with Ctrl-C, SIGTERM (a supervisor stopping it) and the JVM's
     * shutdown all calling {@code stop}, so it ends the same way, with exit 0, whichever comes; returns when
     * {@code serving} does.
     */
    public static void untilStopped(String name, Runnable stop, Serving serving) throws InterruptedException {
        Thread hook = new Thread(stop, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Interrupt ctrlC = install(stop); Interrupt term = on("TERM", stop)) {
            serving.serve();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already on its way out; the hook has stopped the server
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
