package dev.rtc.filter;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date-and-time literals as Wireshark reads them: {@code "Nov 12, 1999 08:55:44.123"}, {@code "2011-07-04
 * 12:34:56"} (also with a T, a date alone, a fraction up to nanoseconds), in local time unless it ends with UTC or
 * Z. The value is nanoseconds since the epoch.
 */
final class AbsoluteTime {
    private AbsoluteTime() {
    }

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?)?\\s*(Z|UTC)?");
    private static final Pattern CLASSIC = Pattern.compile(
            "([A-Za-z]{3} +\\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?\\s*(UTC)?");
    private static final DateTimeFormatter CLASSIC_FORMAT =
            DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss", Locale.ENGLISH);

    static long parse(String text, Span span) {
        try {
            Matcher m = ISO.matcher(text.strip());
            if (m.matches()) {
                LocalDate date = LocalDate.parse(m.group(1));
                LocalDateTime t = m.group(2) == null ? date.atStartOfDay()
                        : LocalDateTime.of(date, java.time.LocalTime.parse(m.group(2)));
                return nanos(t, m.group(3), m.group(4) != null);
            }
            m = CLASSIC.matcher(text.strip());
            if (m.matches()) {
                LocalDateTime t = LocalDateTime.parse(m.group(1).replaceAll(" +", " "), CLASSIC_FORMAT);
                return nanos(t, m.group(2), m.group(3) != null);
            }
        } catch (DateTimeParseException e) {
            // falls through to Wireshark's message
        }
        throw FilterException.at(span, "\"" + text + "\" is not a valid absolute time. Example: "
                + "\"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"");
    }

    private static long nanos(LocalDateTime t, String fraction, boolean utc) {
        long seconds = t.toEpochSecond(utc ? ZoneOffset.UTC : ZoneId.systemDefault().getRules().getOffset(t));
        long frac = fraction == null ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return seconds * 1_000_000_000L + frac;
    }
}
