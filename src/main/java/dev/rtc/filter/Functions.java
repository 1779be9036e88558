package dev.rtc.filter;

import dev.rtc.dissect.FieldType;
import dev.rtc.filter.Ast.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The display-filter functions: len, count, upper, lower, string, max, min, abs. */
final class Functions {
    private Functions() {
    }

    static Typed call(ValueCompiler c, Ast.Call call) {
        String name = call.name();
        List<Value> args = call.args();
        return switch (name) {
            case "len" -> len(c, call, one(call));
            case "count" -> count(c, call, one(call));
            case "upper", "lower" -> caseOf(c, call, one(call), name.equals("upper"));
            case "string" -> string(c, call, one(call));
            case "max", "min" -> extreme(c, call, atLeastOne(call), name.equals("max"));
            case "abs" -> abs(c, call, one(call));
            default -> throw FilterException.at(call.nameSpan(), "Function '" + name + "' does not exist");
        };
    }

    private static Value one(Ast.Call call) {
        if (call.args().isEmpty()) {
            throw FilterException.at(call.nameSpan(), "Function " + call.name() + " needs at least 1 arguments.");
        }
        if (call.args().size() > 1) {
            throw FilterException.at(call.nameSpan(), "Function " + call.name() + " can only accept 1 arguments.");
        }
        return call.args().get(0);
    }

    private static List<Value> atLeastOne(Ast.Call call) {
        if (call.args().isEmpty()) {
            throw FilterException.at(call.nameSpan(), "Function " + call.name() + " needs at least 1 arguments.");
        }
        return call.args();
    }

    private static Typed result(FieldType type, int bits, Values values, Ast.Call call) {
        return new Typed(type, bits, null, values, call.text(), call.span());
    }

    /**
     * The argument of len() and count(), which must be a field: a literal or a function gets the message at its
     * place, a slice without one (as Wireshark does).
     */
    private static Typed fieldArgument(ValueCompiler c, Ast.Call call, Value arg) {
        Typed t = c.typed(arg);
        String message = "Only fields can be used as parameter for " + call.name() + "()";
        if (t == null || arg instanceof Ast.Call) {
            throw FilterException.at(arg.span(), message);
        }
        if (t.field() == null) {
            throw new FilterException(message);
        }
        return t;
    }

    private static Typed len(ValueCompiler c, Ast.Call call, Value arg) {
        Typed t = fieldArgument(c, call, arg);
        Values in = t.values();
        FieldType type = t.type();
        int bits = t.bits();
        if (type == FieldType.PROTOCOL) {
            // a protocol's length is its item's, which may run past the bytes captured
            return result(FieldType.UINT, 32, ValueCompiler.each(t.field().id(), (f, id, i) -> (long) f.length(id, i)),
                    call);
        }
        return result(FieldType.UINT, 32, f -> {
            Object[] xs = in.of(f);
            Object[] out = new Object[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = (long) length(xs[i], type, bits);
            }
            return out;
        }, call);
    }

    private static int length(Object o, FieldType type, int bits) {
        if (o instanceof byte[] b) {
            return b.length;
        }
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return Types.width(type, bits);
    }

    private static Typed count(ValueCompiler c, Ast.Call call, Value arg) {
        int id = fieldArgument(c, call, arg).field().id();
        Object[] none = {};
        return result(FieldType.UINT, 32, f -> {
            int n = f.count(id);
            return n == 0 ? none : new Object[] {(long) n};
        }, call);
    }

    private static Typed caseOf(ValueCompiler c, Ast.Call call, Value arg, boolean upper) {
        Typed t = c.typed(arg);
        if (t == null || t.type() != FieldType.STRING || t.field() == null) {
            throw FilterException.at(arg.span(), "Only string type fields can be used as parameter for "
                    + call.name() + "()");
        }
        Values in = t.values();
        return result(FieldType.STRING, 0, f -> {
            Object[] xs = in.of(f);
            Object[] out = new Object[xs.length];
            for (int i = 0; i < xs.length; i++) {
                String s = (String) xs[i];
                out[i] = upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
            }
            return out;
        }, call);
    }

    private static Typed string(ValueCompiler c, Ast.Call call, Value arg) {
        Typed t = c.typed(arg);
        if (t == null || arg instanceof Ast.Call) {
            throw FilterException.at(arg.span(), "Only fields can be used as parameter for string()");
        }
        boolean supported = switch (t.type()) {
            case UINT, INT, FRAMENUM, IPV4, IPV6, ETHER, STRING, DOUBLE -> true;
            default -> false;
        };
        if (t.field() == null) {
            throw new FilterException("Only fields can be used as parameter for string()");
        }
        if (!supported) {
            throw FilterException.at(arg.span(), "String conversion for field \"" + t.text()
                    + "\" is not supported");
        }
        Values in = t.values();
        FieldType type = t.type();
        return result(FieldType.STRING, 0, f -> {
            Object[] xs = in.of(f);
            Object[] out = new Object[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = Ops.display(xs[i], type);
            }
            return out;
        }, call);
    }

    private static Typed extreme(ValueCompiler c, Ast.Call call, List<Value> args, boolean max) {
        Typed first = null;
        for (Value a : args) {
            Typed t = c.typed(a);
            if (t == null) {
                throw FilterException.at(a.span(), "Argument '" + a.text() + "' is not valid for " + call.name()
                        + "()");
            }
            if (first == null) {
                first = t;
            } else if (!Types.compatible(first.type(), t.type())) {
                throw FilterException.at(a.span(), "Arguments to '" + call.name() + "' must have the same type"
                        + " (expected " + Types.prettyName(first.type(), first.bits()) + ", got "
                        + Types.prettyName(t.type(), t.bits()) + ")");
            }
        }
        Values[] ins = new Values[args.size()];
        for (int i = 0; i < args.size(); i++) {
            ins[i] = c.typed(args.get(i)).values();
        }
        Object[] none = {};
        return result(first.type(), first.bits(), f -> {
            Object best = null;
            for (Values in : ins) {
                for (Object o : in.of(f)) {
                    if (best == null || (max ? Ops.compare(o, best) > 0 : Ops.compare(o, best) < 0)) {
                        best = o;
                    }
                }
            }
            return best == null ? none : new Object[] {best};
        }, call);
    }

    private static Typed abs(ValueCompiler c, Ast.Call call, Value arg) {
        Typed t = c.typed(arg);
        if (t == null || !(Types.arithmetic(t.type()))) {
            throw FilterException.at(arg.span(), "'" + arg.text() + "' is not a valid argument to 'abs'()");
        }
        Values in = t.values();
        return result(t.type() == FieldType.UINT ? FieldType.INT : t.type(), 64, f -> {
            Object[] xs = in.of(f);
            Object[] out = new Object[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = xs[i] instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs((Double) xs[i]);
            }
            return out;
        }, call);
    }
}
