package dev.rtc.filter;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldType;
import dev.rtc.filter.Literals.Target;
import dev.rtc.filter.Types.Kind;

/**
 * A checked value expression: its type, how to get its values from a frame, and its source text and place for
 * messages.
 *
 * @param field the field when the expression is exactly a field, else null
 */
record Typed(FieldType type, int bits, Field field, Values values, String text, Span span) {
    Kind kind() {
        return Types.kind(type);
    }

    Target target() {
        return new Target(type, bits, field);
    }
}
