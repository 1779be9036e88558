package dev.rtc.filter;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Date-and-time literals read as Wireshark 4.0 reads them, with its messages: first ISO 8601
 * ({@code 2011-07-04T12:34:56.5Z}, a space for the T, an offset or Z, local time without one; a fraction of more
 * than nine digits counts as zero, as Wireshark's reader has it), then its older forms ({@code "Nov 12, 1999
 * 08:55:44.123"}, {@code "2011-07-04 12:34:56"}, down to a date alone), each with an optional fraction (up to
 * nanoseconds) and an optional {@code UTC}. The value is nanoseconds since the epoch.
 */
final class AbsoluteTime {
    private AbsoluteTime() {
    }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    static long parse(String text, Span span) {
        Long iso = iso8601(text);
        if (iso != null) {
            return iso;
        }
        return legacy(text, span);
    }

    /** A broken-down time as C's struct tm holds it (month from 0), before normalisation. */
    private static final class Tm {
        int year;
        int mon;
        int mday = 1;
        int hour;
        int min;
        int sec;

        long epochSeconds(ZoneId zone) {
            // mktime's normalisation: a 31st of a 30-day month is the 1st of the next
            LocalDateTime t = LocalDateTime.of(year, 1, 1, 0, 0).plusMonths(mon).plusDays(mday - 1L).plusHours(hour)
                    .plusMinutes(min).plusSeconds(sec);
            return t.atZone(zone).toEpochSecond();
        }

        /** Sets the field a strptime conversion letter names (%m counts months from 1). */
        void set(char conversion, int v) {
            switch (conversion) {
                case 'Y' -> year = v;
                case 'm' -> mon = v - 1;
                case 'd' -> mday = v;
                case 'H' -> hour = v;
                case 'M' -> min = v;
                default -> sec = v;
            }
        }

        boolean valid() {
            return mon >= 0 && mon <= 11 && mday >= 1 && mday <= DAYS_IN_MONTH[mon] && hour >= 0 && hour <= 23
                    && min >= 0 && min <= 59 && sec >= 0 && sec <= 60;
        }
    }

    /** A cursor over the literal, with the few scanf and strptime conversions Wireshark's readers use. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean at(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        boolean digit() {
            return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
        }

        void spaces() {
            while (pos < s.length() && isSpace(s.charAt(pos))) {
                pos++;
            }
        }

        /** scanf's {@code %Nu}: spaces, a sign, then 1..width digits; null when there is no digit. */
        Long scanUnsigned(int width) {
            int save = pos;
            spaces();
            boolean negative = false;
            if (at('+') || at('-')) {
                negative = at('-');
                pos++;
            }
            long v = 0;
            int n = 0;
            while (n < width && digit()) {
                // saturates where C's conversion would: far above any value a date field takes
                v = Math.min(v * 10 + (s.charAt(pos++) - '0'), Long.MAX_VALUE / 10);
                n++;
            }
            if (n == 0) {
                pos = save;
                return null;
            }
            return negative && v != 0 ? -1L : v;
        }

        /** {@code %2u} and then one of the characters {@code next}, which it steps over; null if either is missing. */
        Long scanThen(String next) {
            Long v = scanUnsigned(2);
            if (v == null || pos >= s.length() || next.indexOf(s.charAt(pos)) < 0) {
                return null;
            }
            pos++;
            return v;
        }

        /** strptime's numeric conversion: spaces, then digits while the value may still grow within [low, high]. */
        Integer conv(int low, int high) {
            spaces();
            if (!digit()) {
                return null;
            }
            long result = 0;
            int roomLeft = high;
            do {
                result = result * 10 + (s.charAt(pos++) - '0');
                roomLeft /= 10;
            } while (result * 10 <= high && roomLeft > 0 && digit());
            return result < low || result > high ? null : (int) result;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** ISO 8601 as Wireshark's iso8601_to_nstime reads it; null unless it reads the whole literal. */
    private static Long iso8601(String text) {
        Cursor c = new Cursor(text);
        Tm tm = new Tm();
        for (int i = 0; i < 4; i++) {
            if (!c.digit()) {
                return null;
            }
            tm.year = tm.year * 10 + (text.charAt(c.pos++) - '0');
        }
        if (!c.at('-')) {
            return null;
        }
        c.pos++;
        Long mon = c.scanThen("-");
        Long day = mon == null ? null : c.scanThen("T ");
        Long hour = day == null ? null : c.scanThen(":");
        Long min = hour == null ? null : c.scanUnsigned(2);
        if (min == null) {
            return null;
        }
        long frac = 0;
        if (c.at(':')) {
            c.pos++;
            Long sec = c.scanUnsigned(2);
            if (sec == null) {
                return null;
            }
            tm.sec = clamp(sec);
            if (c.at('.') || c.at(',')) {
                c.pos++;
                int start = c.pos;
                Long digits = c.scanUnsigned(Integer.MAX_VALUE);
                if (digits != null) {
                    // scaled by the characters %u took (leading zeros too); a value of 10^9 or more (ten
                    // significant digits, or a negative one wrapped by %u) is no fraction at all
                    int n = c.pos - start;
                    frac = digits < 0 || digits >= 1_000_000_000L ? 0 : digits * POWERS[Math.max(0, 9 - n)];
                }
            }
        }
        tm.mon = clamp(mon) - 1;
        tm.mday = clamp(day);
        tm.hour = clamp(hour);
        tm.min = clamp(min);
        if (!tm.valid()) {
            return null;
        }
        ZoneId zone = ZoneId.systemDefault();
        long offsetSeconds = 0;
        if (c.at('Z')) {
            c.pos++;
            zone = ZoneOffset.UTC;
        } else if (c.at('+') || c.at('-')) {
            int sign = c.at('-') ? -1 : 1;
            c.pos++;
            Long h = c.scanUnsigned(2);
            if (h != null) {
                zone = ZoneOffset.UTC;
                long m = 0;
                if (c.at(':')) {
                    c.pos++;
                }
                Long mm = c.scanUnsigned(2);
                if (mm != null) {
                    m = mm;
                }
                offsetSeconds = sign * (h * 3600 + m * 60);
            } else {
                c.pos--;
            }
        }
        if (c.pos != text.length()) {
            return null;
        }
        return (tm.epochSeconds(zone) - offsetSeconds) * 1_000_000_000L + frac;
    }

    private static int clamp(long v) {
        return v < 0 || v > 1_000_000 ? -1 : (int) v;
    }

    /** Wireshark's older forms, read with its strptime, and its messages when they do not fit. */
    private static long legacy(String text, Span span) {
        if (text.length() < "2000-1-1".length()) {
            throw generic(text, span);
        }
        boolean hasSeconds = true;
        Tm tm = null;
        Cursor c = null;
        if (text.charAt(3) == ' ') {
            String m = text.substring(0, 3).toLowerCase(java.util.Locale.ROOT);
            for (int i = 0; i < 12 && tm == null; i++) {
                if (MONTHS[i].equals(m)) {
                    c = new Cursor(text);
                    c.pos = 4;
                    tm = new Tm();
                    tm.mon = i;
                    if (!strptime(c, tm, "d, Y H:M:S")) {
                        tm = null;
                    }
                }
            }
        }
        for (String format : new String[] {"Y-m-d H:M:S", "Y-m-d H:M", "Y-m-d H", "Y-m-d"}) {
            if (tm != null) {
                break;
            }
            if (format.equals("Y-m-d H:M")) {
                hasSeconds = false;
            }
            c = new Cursor(text);
            tm = new Tm();
            if (!strptime(c, tm, format)) {
                tm = null;
            }
        }
        if (tm == null) {
            throw generic(text, span);
        }
        long nanos = 0;
        if (c.at('.')) {
            if (!hasSeconds) {
                throw FilterException.at(span, "Subsecond precision requires a seconds field.");
            }
            c.pos++;
            if (!c.digit()) {
                throw FilterException.at(span, "Subseconds value is not a number.");
            }
            int start = c.pos;
            while (c.digit()) {
                c.pos++;
            }
            String digits = text.substring(start, c.pos);
            if (digits.length() > 9 && !digits.substring(9).chars().allMatch(ch -> ch == '0')) {
                throw FilterException.at(span, "Subseconds value is invalid.");
            }
            nanos = Long.parseLong((digits + "000000000").substring(0, 9));
        }
        c.spaces();
        String rest = text.substring(c.pos);
        ZoneId zone;
        if (rest.equals("UTC")) {
            zone = ZoneOffset.UTC;
        } else if (rest.isEmpty()) {
            zone = ZoneId.systemDefault();
        } else {
            throw FilterException.at(span, "Unexpected data after time value.");
        }
        long seconds = tm.epochSeconds(zone);
        if (seconds == -1) {
            throw FilterException.at(span, "\"" + text + "\" cannot be converted to a valid calendar time.");
        }
        return seconds * 1_000_000_000L + nanos;
    }

    /** The strptime conversions Wireshark's formats use: Y m d H M S, a space (any run of spaces), literals. */
    private static boolean strptime(Cursor c, Tm tm, String format) {
        for (int i = 0; i < format.length(); i++) {
            char f = format.charAt(i);
            switch (f) {
                case 'Y', 'm', 'd', 'H', 'M', 'S' -> {
                    int[] range = switch (f) {
                        case 'Y' -> new int[] {0, 9999};
                        case 'm' -> new int[] {1, 12};
                        case 'd' -> new int[] {1, 31};
                        case 'H' -> new int[] {0, 23};
                        case 'M' -> new int[] {0, 59};
                        default -> new int[] {0, 61};
                    };
                    Integer v = c.conv(range[0], range[1]);
                    if (v == null) {
                        return false;
                    }
                    tm.set(f, v);
                }
                case ' ' -> c.spaces();
                default -> {
                    if (!c.at(f)) {
                        return false;
                    }
                    c.pos++;
                }
            }
        }
        return true;
    }

    private static FilterException generic(String text, Span span) {
        return FilterException.at(span, "\"" + text + "\" is not a valid absolute time. Example: "
                + "\"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"");
    }
}
