package dev.rtc.filter;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.FieldType;
import dev.rtc.dissect.FieldValues;
import dev.rtc.filter.Ast.Value;
import dev.rtc.filter.Literals.Form;
import dev.rtc.filter.Literals.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks value expressions (fields, literals, slices, arithmetic, function calls) against the registry and
 * compiles them into {@link Values}; literals are converted to the type of what they meet.
 */
final class ValueCompiler {
    private final FieldRegistry registry;
    private final Set<Integer> used = new TreeSet<>();

    ValueCompiler(FieldRegistry registry) {
        this.registry = registry;
    }

    /** The ids of the fields the compiled expressions read. */
    Set<Integer> used() {
        return used;
    }

    /** The checked form of a value expression, or null when it is a literal (its type comes from the other side). */
    Typed typed(Value v) {
        if (v instanceof Ast.Word w) {
            Field f = registry.lookup(w.text());
            return f == null ? null : field(f, w);
        }
        if (v instanceof Ast.Call c) {
            return Functions.call(this, c);
        }
        if (v instanceof Ast.Slice s) {
            return slice(s);
        }
        if (v instanceof Ast.Arith a) {
            return arith(a);
        }
        if (v instanceof Ast.Negate n) {
            return negate(n);
        }
        return null; // a quoted string or a character constant
    }

    private Typed field(Field f, Ast.Word w) {
        used.add(f.id());
        int id = f.id();
        Values values = switch (Types.kind(f.type())) {
            case NUM -> each(id, FieldValues::getLong);
            case DOUBLE -> each(id, FieldValues::getDouble);
            case BYTES -> each(id, FieldValues::getBytes);
            case STRING -> each(id, FieldValues::getString);
        };
        return new Typed(f.type(), f.bits(), f, values, w.text(), w.span());
    }

    /** How one occurrence of a field is read from a frame. */
    interface Occurrence {
        Object get(FieldValues frame, int fieldId, int index);
    }

    /** Every occurrence of the field in a frame, each read as {@code read} says. */
    static Values each(int fieldId, Occurrence read) {
        return frame -> {
            int n = frame.count(fieldId);
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = read.get(frame, fieldId, i);
            }
            return out;
        };
    }

    /** A literal converted to the type it meets. */
    Object constant(Value v, Target t) {
        if (v instanceof Ast.Word w) {
            return Literals.convert(Form.WORD, w.text(), w.span(), t);
        }
        if (v instanceof Ast.Str s) {
            return Literals.convert(Form.STRING, s.value(), s.span(), t);
        }
        if (v instanceof Ast.Chr c) {
            return Literals.convert(Form.CHAR, String.valueOf((char) c.value()), c.span(), t);
        }
        if (v instanceof Ast.Negate n) {
            // Wireshark checks the number as written, then negates it: "-40000" is "40000" too big for an
            // int16 (no value names are looked up for it), and a negative number never matches an unsigned field.
            Object inner = constant(n.operand(), new Target(t.type(), t.bits(), null));
            if (inner instanceof Long l) {
                return l != 0 && t.min() == 0 && Types.integer(t.type()) ? Literals.NEVER : (Object) (-l);
            }
            if (inner instanceof Double d) {
                return -d;
            }
            if (inner == Literals.NEVER) {
                return inner;
            }
            throw FilterException.at(n.span(), Types.ftName(t.type(), t.bits()) + " cannot -.");
        }
        if (v instanceof Ast.Arith a) {
            if (!Types.arithmetic(t.type(), a.op())) {
                throw FilterException.at(a.left().span(), Types.ftName(t.type(), t.bits()) + " cannot "
                        + a.op().symbol + ".");
            }
            Object x = operand(a.left(), t);
            Object y = operand(a.right(), t);
            if (x == Literals.NEVER || y == Literals.NEVER) {
                return Literals.NEVER;
            }
            Object r = Ops.arith(a.op(), x, y);
            return r == null ? Literals.NEVER : r;
        }
        throw FilterException.at(v.span(), v.text() + " is not a literal.");
    }

    private Object operand(Value v, Target t) {
        if (v instanceof Ast.Str s) {
            throw FilterException.at(s.span(), s.text() + " is not a valid arithmetic operand.");
        }
        if (v instanceof Ast.Negate n) {
            // a negative operand is fine in arithmetic, even on an unsigned field
            Object positive = operand(n.operand(), t);
            return positive instanceof Long l ? (Object) (-l) : positive instanceof Double d ? (Object) (-d)
                    : positive;
        }
        return constant(v, t);
    }

    private Typed slice(Ast.Slice s) {
        Typed base = typed(s.base());
        if (base == null) {
            throw FilterException.at(s.base().span(), s.base().text() + " is neither a field nor a protocol name.");
        }
        if (s.base() instanceof Ast.Call call && !Types.sliceable(base.type())) {
            throw FilterException.at(call.nameSpan(), "Return value of function \"" + call.name() + "\" is a "
                    + Types.prettyName(base.type(), base.bits()) + " and cannot be converted into a sequence of bytes.");
        }
        if (!Types.sliceable(base.type())) {
            throw FilterException.at(base.span(), "\"" + base.text() + "\" is a "
                    + Types.prettyName(base.type(), base.bits()) + " and cannot be sliced into a sequence of bytes.");
        }
        List<Ast.Range> ranges = s.ranges();
        FieldType type = base.type();
        int bits = base.bits();
        Values cuts;
        if (type == FieldType.PROTOCOL && base.field() != null) {
            // offsets count from the protocol's item length, which may run past the captured bytes
            cuts = each(base.field().id(), (f, id, i) -> Ops.slice(f.getBytes(id, i), f.length(id, i), ranges));
        } else {
            Values in = base.values();
            cuts = f -> {
                Object[] whole = in.of(f);
                Object[] out = new Object[whole.length];
                for (int i = 0; i < whole.length; i++) {
                    out[i] = Ops.slice(Ops.bytes(whole[i], type, bits), ranges);
                }
                return out;
            };
        }
        return new Typed(FieldType.BYTES, 0, null, cuts, s.text(), s.span());
    }

    private Typed arith(Ast.Arith a) {
        Typed l = typed(a.left());
        Typed r = typed(a.right());
        if (l == null && r == null) {
            return null;
        }
        Typed base = l != null ? l : r;
        if (!Types.arithmetic(base.type(), a.op())) {
            throw FilterException.at(base.span(), Types.ftName(base.type(), base.bits()) + " cannot "
                    + a.op().symbol + ".");
        }
        Values lv;
        Values rv;
        if (l != null && r != null) {
            if (!Types.arithmetic(r.type(), a.op())) {
                throw FilterException.at(r.span(), Types.ftName(r.type(), r.bits()) + " cannot "
                        + a.op().symbol + ".");
            }
            if (!Types.compatible(l.type(), r.type())) {
                throw FilterException.at(r.span(), l.text() + " and " + r.text() + " are not of compatible types.");
            }
            lv = l.values();
            rv = r.values();
        } else {
            Value lit = l == null ? a.left() : a.right();
            Object k = operand(lit, base.target());
            Object[] ks = k == Literals.NEVER ? new Object[0] : new Object[] {k};
            lv = l == null ? f -> ks : l.values();
            rv = r == null ? f -> ks : r.values();
        }
        Ast.ArithOp op = a.op();
        Values values = f -> {
            Object[] xs = lv.of(f);
            Object[] ys = rv.of(f);
            List<Object> out = new ArrayList<>(xs.length * ys.length);
            for (Object x : xs) {
                for (Object y : ys) {
                    Object z = Ops.arith(op, x, y);
                    if (z != null) {
                        out.add(z);
                    }
                }
            }
            return out.toArray();
        };
        FieldType type = base.type() == FieldType.UINT || base.type() == FieldType.BOOLEAN
                || base.type() == FieldType.FRAMENUM ? FieldType.INT : base.type();
        return new Typed(type, 64, null, values, a.text(), a.span());
    }

    private Typed negate(Ast.Negate n) {
        Typed t = typed(n.operand());
        if (t == null) {
            return null;
        }
        if (!Types.arithmetic(t.type())) {
            throw FilterException.at(t.span(), Types.ftName(t.type(), t.bits()) + " cannot -.");
        }
        Values in = t.values();
        Values values = f -> {
            Object[] xs = in.of(f);
            Object[] out = new Object[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = xs[i] instanceof Long l ? (Object) (-l) : (Object) (-(Double) xs[i]);
            }
            return out;
        };
        FieldType type = Types.integer(t.type()) ? FieldType.INT : t.type();
        return new Typed(type, 64, null, values, n.text(), n.span());
    }
}
