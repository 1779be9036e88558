package dev.rtc.cli.shell;

/**
 * The process's SIGINT handler while a shell command runs: installs one, and puts back the one that was there
 * (the line editor's), even if the command replaced it meanwhile. Where signals cannot be handled, does nothing.
 */
final class NativeInt {
    private static final NativeInt NONE = new NativeInt(null);
    private final sun.misc.SignalHandler previous;

    private NativeInt(sun.misc.SignalHandler previous) {
        this.previous = previous;
    }

    static NativeInt install(Runnable action) {
        try {
            return new NativeInt(sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run()));
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            return NONE;
        }
    }

    void restore() {
        if (previous != null) {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }
}
