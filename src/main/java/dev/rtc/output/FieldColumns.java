package dev.rtc.output;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.FieldText;
import dev.rtc.dissect.FieldType;
import dev.rtc.dissect.Frame;
import java.util.List;

/**
 * {@code -T fields -e FIELD ...}: one line per frame, the chosen fields' values as tshark prints them, with
 * tshark's {@code -E} options: separator, header, occurrence (f, l, a), aggregator, quote (d, s, n).
 */
public final class FieldColumns {
    private final List<Field> fields;
    private final String separator;
    private final String aggregator;
    private final char occurrence;
    private final char quote;
    private final StringBuilder line = new StringBuilder(256);
    private final boolean[] decimal;

    public FieldColumns(List<Field> fields, String separator, String aggregator, char occurrence, char quote) {
        this.fields = List.copyOf(fields);
        this.decimal = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            decimal[i] = (f.type() == FieldType.UINT || f.type() == FieldType.INT || f.type() == FieldType.FRAMENUM)
                    && !f.hex();
        }
        this.separator = separator;
        this.aggregator = aggregator;
        this.occurrence = occurrence;
        this.quote = quote;
    }

    /** Resolves field names; throws IllegalArgumentException naming the first unknown one. */
    public static List<Field> resolve(FieldRegistry registry, List<String> names) {
        return names.stream().map(n -> {
            Field f = registry.lookup(n);
            if (f == null) {
                throw new IllegalArgumentException("Some fields aren't valid: " + n);
            }
            return f;
        }).toList();
    }

    public String header() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(fields.get(i).name());
        }
        return sb.toString();
    }

    public String line(Frame f) {
        line.setLength(0);
        append(f, line);
        return line.toString();
    }

    /** Appends the frame's line (without the newline) to {@code line}. */
    public void append(Frame f, StringBuilder line) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            int id = fields.get(i).id();
            int count = f.count(id);
            if (count == 0) {
                continue;
            }
            if (quote == 'd') {
                line.append('"');
            } else if (quote == 's') {
                line.append('\'');
            }
            if (occurrence == 'f') {
                value(f, i, id, 0, line);
            } else if (occurrence == 'l') {
                value(f, i, id, count - 1, line);
            } else {
                for (int k = 0; k < count; k++) {
                    if (k > 0) {
                        line.append(aggregator);
                    }
                    value(f, i, id, k, line);
                }
            }
            if (quote == 'd') {
                line.append('"');
            } else if (quote == 's') {
                line.append('\'');
            }
        }
    }

    /** Decimal numbers straight into the line (the common case: frame.number, ports, lengths); the rest as text. */
    private void value(Frame f, int column, int id, int index, StringBuilder line) {
        if (decimal[column]) {
            line.append(f.getLong(id, index));
        } else {
            line.append(f.getString(id, index));
        }
    }
}
