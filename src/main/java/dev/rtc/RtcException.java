package dev.rtc;

/**
 * A domain failure that ends a command: carries the exit code and a one-line message meant for the user.
 * Services throw it; the command line prints the message (the stack trace only with {@code --debug}).
 */
public class RtcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Exit exit;

    public RtcException(Exit exit, String message) {
        super(message);
        this.exit = exit;
    }

    public RtcException(Exit exit, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
    }

    public Exit exit() {
        return exit;
    }

    public static RtcException failure(String message) {
        return new RtcException(Exit.FAILURE, message);
    }

    public static RtcException usage(String message) {
        return new RtcException(Exit.USAGE, message);
    }
}
