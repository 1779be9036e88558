package dev.rtc.filter;

/**
 * A display filter that does not compile: the message is Wireshark's text for the same mistake, and the span
 * ({@link #start()} inclusive, {@link #end()} exclusive, offsets into the expression) says where it is. Some
 * errors have no place (an expression that ends too early): then {@code start()} is -1.
 */
public final class FilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int start;
    private final int end;

    public FilterException(String message, int start, int end) {
        super(message);
        this.start = start;
        this.end = end;
    }

    /** An error without a place in the expression. */
    public FilterException(String message) {
        this(message, -1, -1);
    }

    static FilterException at(Span span, String message) {
        return new FilterException(message, span.start(), span.end());
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** True when the error points at a place in the expression. */
    public boolean hasSpan() {
        return start >= 0;
    }

    /**
     * The expression and a caret line under the span, indented as tshark prints them:
     * {@code "    udp.port == 70000\n                ^~~~~"}. Empty when the error has no place.
     */
    public String caret(String expr) {
        if (!hasSpan()) {
            return "";
        }
        int width = Math.max(1, end - start);
        return "    " + expr + "\n    " + " ".repeat(start) + "^" + "~".repeat(width - 1);
    }
}
