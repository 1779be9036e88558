package dev.rtc.signal;

/**
 * A peer's session description that cannot be used: the message says, in one line, what is wrong and (once
 * {@link #atLine} has placed it) on which line. rtc ice exits 2 on it.
 */
public final class DescriptionException extends RuntimeException {
    /** The most of a peer's text an error message quotes. */
    private static final int MAX_SHOWN = 60;

    public DescriptionException(String message) {
        super(message);
    }

    /** The same problem, placed on a line of the description (1 = first). */
    public DescriptionException atLine(int line) {
        return new DescriptionException("line " + line + ": " + getMessage());
    }

    /**
     * A peer's text as an error message may quote it: control characters and non-ASCII escaped (so the message
     * stays one line), cut after {@value #MAX_SHOWN} characters.
     */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            if (c >= 32 && c < 127) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.length() >= MAX_SHOWN && s.length() > MAX_SHOWN ? sb + "..." : sb.toString();
    }
}
