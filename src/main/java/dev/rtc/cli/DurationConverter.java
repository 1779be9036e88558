package dev.rtc.cli;

import dev.rtc.net.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads every {@link Duration} option of every command ({@link Durations#parse}: a bare number is seconds, as in
 * curl, ping, nc and timeout(1)). Registered once, on the root command line, by {@link Cli}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
