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

    /**
     * Reads {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}, {@code 250us} or ISO-8601 ({@code PT2S}). A unit
     * is required: "500" could mean either.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt")) {
            try {
                return positive(Duration.parse(s.toUpperCase(Locale.ROOT)), text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration");
            }
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String number = s.substring(0, i);
        String unit = s.substring(i).strip();
        if (number.isEmpty() || number.chars().filter(c -> c == '.').count() > 1 || number.equals(".")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 2s, 1.5s)");
        }
        double v = Double.parseDouble(number);
        double nanosPerUnit = switch (unit) {
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "" -> throw new IllegalArgumentException("'" + text + "' needs a unit (ms, s, m): e.g. 500ms, 2s");
            default -> throw new IllegalArgumentException("'" + text + "': unknown unit '" + unit
                    + "' (use us, ms, s or m)");
        };
        double nanos = v * nanosPerUnit;
        if (nanos > 86_400e9) {
            throw new IllegalArgumentException("'" + text + "' is longer than a day");
        }
        return positive(Duration.ofNanos(Math.round(nanos)), text);
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return d;
    }
}
