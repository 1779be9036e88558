package dev.rtc.filter;

/** A place in the filter expression: offsets of the first character and one past the last. */
record Span(int start, int end) {
    Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
