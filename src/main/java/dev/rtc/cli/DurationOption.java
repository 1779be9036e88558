package dev.rtc.cli;

import dev.rtc.net.Durations;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Duration option values ({@code --rto 500ms}, {@code --timeout 2s}): a bad one is a usage error naming the option. */
final class DurationOption {
    private DurationOption() {
    }

    static Duration parse(CommandSpec spec, String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " " + e.getMessage());
        }
    }
}
