package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.dissect.FieldValues;
import java.io.PrintWriter;
import java.util.function.Predicate;

/** Compiles display filters for the capture command, printing Wireshark's message with a caret on error. */
final class DisplayFilters {
    private DisplayFilters() {
    }

    static Predicate<FieldValues> compile(String expression, PrintWriter err) {
        throw new RtcException(Exit.USAGE, "display filters are not available in this build (filter package"
                + " missing): '" + expression + "'");
    }

    static boolean valid(String expression) {
        return false;
    }
}
