package dev.rtc.dissect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a dissector defines, by name and by dense id. The display filter checks names and types against a
 * registry; frames store values by {@link Field#id()}.
 */
public final class FieldRegistry {
    private final List<Field> fields;
    private final Map<String, Field> byName;

    public FieldRegistry(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Field> m = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            Field f = this.fields.get(i);
            if (f.id() != i) {
                throw new IllegalArgumentException("field " + f.name() + " has id " + f.id() + ", expected " + i);
            }
            if (m.put(f.name(), f) != null) {
                throw new IllegalArgumentException("field " + f.name() + " defined twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The field of that name, or null. */
    public Field lookup(String name) {
        return byName.get(name);
    }

    public Field get(int id) {
        return fields.get(id);
    }

    public int size() {
        return fields.size();
    }

    /** Every field, in registration order. */
    public List<Field> fields() {
        return fields;
    }

    /** The fields whose name starts with the prefix, sorted by name. */
    public List<Field> withPrefix(String prefix) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().startsWith(prefix)) {
                out.add(f);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Builds a registry, handing out ids in order. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Field add(String name, String description, FieldType type, int bits) {
            return add(name, description, type, bits, Map.of());
        }

        public Field add(String name, String description, FieldType type, int bits, Map<Long, String> valueNames) {
            Field f = new Field(fields.size(), name, description, type, bits, valueNames);
            fields.add(f);
            return f;
        }

        /**
         * A field whose value names are looked up only when first asked for, shown in hexadecimal or not, and
         * (a protocol) with its summary column name, null for the upper-case name.
         */
        public Field add(String name, String description, FieldType type, int bits,
                         java.util.function.Supplier<Map<Long, String>> valueNames, boolean hex, String column) {
            Field f = new Field(fields.size(), name, description, type, bits, valueNames, hex, column);
            fields.add(f);
            return f;
        }

        public FieldRegistry build() {
            return new FieldRegistry(fields);
        }
    }
}
