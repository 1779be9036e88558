package dev.rtc.cli.shell;

import dev.rtc.dissect.FieldRegistry;
import dev.rtc.filter.DisplayFilter;
import dev.rtc.filter.FilterException;
import java.util.Optional;

/**
 * Checks a display filter as it is typed. The shell's highlighter marks the filter by the answer.
 */
@FunctionalInterface
public interface FilterChecker {
    /** Why the filter is wrong and where, or empty when it is valid. */
    Optional<Problem> check(String filter);

    /**
     * What is wrong with a filter.
     *
     * @param start   offset of the first character at fault, or -1 when the error has no place
     * @param end     offset one past the last character at fault
     * @param message the error text
     */
    record Problem(int start, int end, String message) {
    }

    /** The display-filter compiler against a field registry: exactly what {@code rtc capture} will accept. */
    static FilterChecker compiling(FieldRegistry fields) {
        return filter -> {
            try {
                DisplayFilter.compile(filter, fields);
                return Optional.empty();
            } catch (FilterException e) {
                return Optional.of(new Problem(e.start(), e.end(), e.getMessage()));
            }
        };
    }
}
