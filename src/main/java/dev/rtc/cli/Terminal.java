package dev.rtc.cli;

/** Whether output goes to a person: colour only on a terminal, never with NO_COLOR or --no-color. */
public final class Terminal {
    private Terminal() {
    }

    /** True when colour is wanted: stdout is a console, NO_COLOR is unset and --no-color was not given. */
    public static boolean colorWanted(boolean noColorOption) {
        if (noColorOption) {
            return false;
        }
        String env = System.getenv("NO_COLOR");
        if (env != null && !env.isEmpty()) {
            return false;
        }
        return System.console() != null;
    }

    /** True when standard error is (very probably) a terminal, for status lines. */
    public static boolean interactive() {
        return System.console() != null;
    }
}
