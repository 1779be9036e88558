package dev.rtc;

/**
 * The exit codes every rtc command uses, documented in the README and the man pages.
 * This enum is the one place they are defined.
 */
public enum Exit {
    /** Done, and every {@code --expect}/{@code --require} met. */
    OK(0, "done"),
    /** I/O, network, no answer where one was needed, a capture device error. */
    FAILURE(1, "failure"),
    /** Bad option, bad filter, bad URL, bad file. */
    USAGE(2, "usage error"),
    /** A check the user asked for ({@code --expect}, {@code --require}) is not met. */
    CHECK_FAILED(3, "check not met"),
    /** The server cannot do what the test needs. */
    SERVER_INCAPABLE(4, "server cannot do the test"),
    /** The evidence is inconclusive (e.g. the NAT changed mid-test). */
    INCONCLUSIVE(5, "inconclusive");

    private final int code;
    private final String meaning;

    Exit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
