package dev.rtc.cli;

/**
 * Ctrl-C for long-running commands: runs an action on SIGINT instead of the JVM's default exit with status 130,
 * so the command can close what it holds and end with exit 0.
 */
final class SigInt {
    private SigInt() {
    }

    static void handle(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            // no SIGINT on this platform: the shutdown hook still closes everything
        }
    }
}
