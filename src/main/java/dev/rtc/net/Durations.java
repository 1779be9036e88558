package dev.rtc.net;

import java.time.Duration;
import java.util.Locale;

/** Durations as rtc prints and reads them: {@code 500 ms}, {@code 1.5 s}, {@code 39.5 s}. */
public final class Durations {
    private Durations() {
    }

    /** Milliseconds below one second (with one decimal under 10 ms), seconds with up to one decimal above. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 10_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 1_000_000_000L) {
            return Math.round(nanos / 1e6) + " ms";
        }
        double s = Math.round(nanos / 1e8) / 10.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }

    /** Milliseconds with three decimals, for JSON. */
    public static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e3) / 1e3;
    }

    /** The longest duration {@link #parse} takes (REST credential lifetimes are the longest rtc reads). */
    private static final Duration MAX = Duration.ofDays(366);

    /** What {@link #parse} reads, for option descriptions. */
    public static final String SYNTAX = "a bare number is seconds; units us, ms, s, m, h, d (500ms, 1.5s, 2m)";

    /**
     * Reads {@code 2} (seconds, as curl, ping, nc and timeout(1) take it), {@code 500ms}, {@code 2s},
     * {@code 1.5s}, {@code 2m}, {@code 12h}, {@code 1d}, {@code 250us} or ISO-8601 ({@code PT2S}).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return bounded(Duration.parse(s.toUpperCase(Locale.ROOT)), text);
            } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 2, 500ms, 1.5s, 2m)");
            }
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String number = s.substring(0, i);
        String unit = s.substring(i).strip();
        if (number.isEmpty() || number.chars().filter(c -> c == '.').count() > 1 || number.equals(".")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 2, 500ms, 1.5s, 2m)");
        }
        double v = Double.parseDouble(number);
        double nanosPerUnit = switch (unit) {
            case "us", "\u00b5s" -> 1e3;
            case "ms" -> 1e6;
            case "", "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86_400e9;
            default -> throw new IllegalArgumentException("'" + text + "': unknown unit '" + unit
                    + "' (use us, ms, s, m, h or d; a bare number is seconds)");
        };
        double nanos = v * nanosPerUnit;
        if (nanos > MAX.toNanos()) {
            throw new IllegalArgumentException("'" + text + "' is longer than a year");
        }
        return bounded(Duration.ofNanos(Math.round(nanos)), text);
    }

    private static Duration bounded(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than a year");
        }
        return d;
    }
}
