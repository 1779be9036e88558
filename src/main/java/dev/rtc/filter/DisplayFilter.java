package dev.rtc.filter;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.FieldValues;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A compiled Wireshark display filter ({@code stun && udp.port == 3478}): checked once against a field registry,
 * then a predicate over dissected frames. The language and its error messages are Wireshark 4.0's. A compiled
 * filter holds no per-frame state: one instance may test frames on several threads.
 */
public final class DisplayFilter {
    private final String expression;
    private final Predicate<FieldValues> predicate;
    private final Set<Integer> fieldsUsed;

    private DisplayFilter(String expression, Predicate<FieldValues> predicate, Set<Integer> fieldsUsed) {
        this.expression = expression;
        this.predicate = predicate;
        this.fieldsUsed = fieldsUsed;
    }

    /**
     * Compiles an expression. An empty (or blank) expression passes every frame.
     *
     * @throws FilterException with Wireshark's message and the span of the mistake
     */
    public static DisplayFilter compile(String expression, FieldRegistry registry) {
        Ast.Test ast = Parser.parse(expression);
        if (ast == null) {
            return new DisplayFilter(expression, f -> true, Set.of());
        }
        Compiler compiler = new Compiler(registry);
        Predicate<FieldValues> p = compiler.test(ast);
        return new DisplayFilter(expression, p, Collections.unmodifiableSet(new TreeSet<>(compiler.used())));
    }

    /** True when the frame passes the filter. */
    public boolean test(FieldValues frame) {
        return predicate.test(frame);
    }

    /** The ids of the fields the filter reads, so a dissector may skip the rest. */
    public Set<Integer> fieldsUsed() {
        return fieldsUsed;
    }

    /** True for the empty filter, which passes every frame. */
    public boolean passesEverything() {
        return fieldsUsed.isEmpty() && expression.isBlank();
    }

    /** Wireshark's name of a field's type, as {@code tshark -G fields} prints it ({@code FT_UINT16}). */
    public static String typeName(Field field) {
        return Types.ftName(field.type(), field.bits());
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
