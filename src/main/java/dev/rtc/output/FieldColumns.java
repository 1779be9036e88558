package dev.rtc.output;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
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

    public FieldColumns(List<Field> fields, String separator, String aggregator, char occurrence, char quote) {
        this.fields = List.copyOf(fields);
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
                line.append(f.getString(id, 0));
            } else if (occurrence == 'l') {
                line.append(f.getString(id, count - 1));
            } else {
                for (int k = 0; k < count; k++) {
                    if (k > 0) {
                        line.append(aggregator);
                    }
                    line.append(f.getString(id, k));
                }
            }
            if (quote == 'd') {
                line.append('"');
            } else if (quote == 's') {
                line.append('\'');
            }
        }
        return line.toString();
    }
}
