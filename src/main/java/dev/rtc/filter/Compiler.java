package dev.rtc.filter;

import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.FieldType;
import dev.rtc.dissect.FieldValues;
import dev.rtc.filter.Ast.Op;
import dev.rtc.filter.Ast.Quantifier;
import dev.rtc.filter.Ast.Value;
import dev.rtc.filter.Types.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the parsed filter against a field registry (names, types, literals) and compiles it into a tree of
 * closures over {@link FieldValues}. Nothing is parsed or looked up per frame.
 */
final class Compiler {
    private final ValueCompiler checker;

    Compiler(FieldRegistry registry) {
        this.checker = new ValueCompiler(registry);
    }

    /** The ids of the fields the compiled filter reads. */
    Set<Integer> used() {
        return checker.used();
    }

    Predicate<FieldValues> test(Ast.Test t) {
        if (t instanceof Ast.And a) {
            Predicate<FieldValues> l = test(a.left());
            Predicate<FieldValues> r = test(a.right());
            return f -> l.test(f) && r.test(f);
        }
        if (t instanceof Ast.Or o) {
            Predicate<FieldValues> l = test(o.left());
            Predicate<FieldValues> r = test(o.right());
            return f -> l.test(f) || r.test(f);
        }
        if (t instanceof Ast.Not n) {
            Predicate<FieldValues> inner = test(n.operand());
            return f -> !inner.test(f);
        }
        if (t instanceof Ast.Exists e) {
            return exists(e.value());
        }
        if (t instanceof Ast.Compare c) {
            return compare(c);
        }
        return inSet((Ast.InSet) t);
    }

    // ---- existence

    private Predicate<FieldValues> exists(Value v) {
        Typed t = checker.typed(v);
        if (t == null) {
            throw FilterException.at(v.span(), v.text() + " is neither a field nor a protocol name.");
        }
        if (t.field() != null) {
            int id = t.field().id();
            return f -> f.count(id) > 0;
        }
        Values values = t.values();
        if (v instanceof Ast.Arith) {
            return f -> {
                for (Object o : values.of(f)) {
                    if (!(o instanceof Long l && l == 0) && !(o instanceof Double d && d == 0)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (v instanceof Ast.Slice) {
            // every occurrence of the base has a slice, empty where no range fits; alone, it tests for bytes
            return f -> {
                for (Object o : values.of(f)) {
                    if (((byte[]) o).length > 0) {
                        return true;
                    }
                }
                return false;
            };
        }
        return f -> values.of(f).length > 0;
    }

    // ---- comparisons

    private Predicate<FieldValues> compare(Ast.Compare c) {
        Op op = c.op();
        Typed l = checker.typed(c.left());
        if (l == null) {
            String opName = op == Op.CONTAINS || op == Op.MATCHES ? c.opText() : "\"" + c.opText() + "\"";
            throw FilterException.at(c.left().span(), "Left side of " + opName
                    + " expression must be a field or function, not " + c.left().text() + ".");
        }
        boolean all = c.quantifier() == Quantifier.ALL
                || (c.quantifier() == Quantifier.NONE && (op == Op.NE || op == Op.ALL_EQ));
        if (op == Op.MATCHES && !(c.right() instanceof Ast.Str)) {
            throw FilterException.at(c.right().span(), "Matches requires a double quoted string on the right side.");
        }
        if (op == Op.CONTAINS || op == Op.MATCHES) {
            if (!Types.searchable(l.type())) {
                throw FilterException.at(l.span(), l.text() + " (type=" + Types.prettyName(l.type(), l.bits())
                        + ") cannot participate in " + (op == Op.CONTAINS ? "contains" : "matches")
                        + " comparison.");
            }
            if (l.type() == FieldType.PROTOCOL && l.field() != null) {
                l = searched(l);
            }
        }
        if (op == Op.MATCHES) {
            return matches(l, c.right(), all);
        }
        Typed r = checker.typed(c.right());
        if (r != null) {
            if (!Types.compatible(l.type(), r.type())) {
                throw FilterException.at(r.span(), l.text() + " and " + r.text() + " are not of compatible types.");
            }
            BiPredicate<Object, Object> rel = relation(op);
            return quantified(all, l.values(), r.values(), rel);
        }
        Object k = checker.constant(c.right(), l.target());
        if (k == Literals.NEVER) {
            return never(op, l.values());
        }
        if (l.field() != null && l.kind() == Kind.NUM && k instanceof Long n) {
            return numeric(all, l.field().id(), longRelation(op, n));
        }
        if (l.field() != null && l.kind() == Kind.NUM && k instanceof Literals.Cidr4 block
                && (op == Op.EQ || op == Op.ALL_EQ || op == Op.NE || op == Op.ANY_NE)) {
            long mask = block.mask();
            long net = block.net();
            boolean equal = op == Op.EQ || op == Op.ALL_EQ;
            return numeric(all, l.field().id(), v -> ((v & mask) == net) == equal);
        }
        BiPredicate<Object, Object> rel = relation(op);
        Object[] ks = {k};
        return quantified(all, l.values(), f -> ks, rel);
    }

    /**
     * A comparison with a value the field cannot hold (a negative number for an unsigned field): no value is
     * equal, different or ordered; the all-forms, which Wireshark computes as the negation of the any-forms
     * ({@code !=} is "not any equal", {@code ===} is "not any different"), hold whenever the field is there.
     */
    private static Predicate<FieldValues> never(Op op, Values left) {
        if (op == Op.NE || op == Op.ALL_EQ) {
            return f -> left.of(f).length > 0;
        }
        return f -> false;
    }

    /** The fast path: a numeric field against a number, without boxing. */
    private static Predicate<FieldValues> numeric(boolean all, int id, LongPredicate p) {
        if (all) {
            return f -> {
                int n = f.count(id);
                for (int i = 0; i < n; i++) {
                    if (!p.test(f.getLong(id, i))) {
                        return false;
                    }
                }
                return n > 0;
            };
        }
        return f -> {
            int n = f.count(id);
            for (int i = 0; i < n; i++) {
                if (p.test(f.getLong(id, i))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static LongPredicate inRanges(List<long[]> ranges) {
        long[] lows = new long[ranges.size()];
        long[] highs = new long[ranges.size()];
        for (int i = 0; i < lows.length; i++) {
            lows[i] = ranges.get(i)[0];
            highs[i] = ranges.get(i)[1];
        }
        return v -> {
            for (int i = 0; i < lows.length; i++) {
                if (v >= lows[i] && v <= highs[i]) {
                    return true;
                }
            }
            return false;
        };
    }

    private static LongPredicate longRelation(Op op, long k) {
        return switch (op) {
            case EQ, ALL_EQ -> v -> v == k;
            case NE, ANY_NE -> v -> v != k;
            case GT -> v -> v > k;
            case LT -> v -> v < k;
            case GE -> v -> v >= k;
            case LE -> v -> v <= k;
            case CONTAINS, MATCHES -> throw new IllegalStateException(op + " on a number");
        };
    }

    private static BiPredicate<Object, Object> relation(Op op) {
        return switch (op) {
            case EQ, ALL_EQ -> Ops::equal;
            case NE, ANY_NE -> (a, b) -> !Ops.equal(a, b);
            case GT -> (a, b) -> Ops.compare(a, b) > 0;
            case LT -> (a, b) -> Ops.compare(a, b) < 0;
            case GE -> (a, b) -> Ops.compare(a, b) >= 0;
            case LE -> (a, b) -> Ops.compare(a, b) <= 0;
            case CONTAINS -> Ops::contains;
            case MATCHES -> throw new IllegalStateException("matches has its own path");
        };
    }

    /** any: some pair relates; all: both sides have values and every pair relates. */
    private static Predicate<FieldValues> quantified(boolean all, Values left, Values right,
            BiPredicate<Object, Object> rel) {
        if (all) {
            return f -> {
                Object[] ls = left.of(f);
                if (ls.length == 0) {
                    return false;
                }
                Object[] rs = right.of(f);
                if (rs.length == 0) {
                    return false;
                }
                for (Object a : ls) {
                    for (Object b : rs) {
                        if (!rel.test(a, b)) {
                            return false;
                        }
                    }
                }
                return true;
            };
        }
        return f -> {
            Object[] ls = left.of(f);
            if (ls.length == 0) {
                return false;
            }
            Object[] rs = right.of(f);
            for (Object a : ls) {
                for (Object b : rs) {
                    if (rel.test(a, b)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    /**
     * A protocol as contains and matches see it: Wireshark searches from the protocol's start to the end of the data
     * its layer was handed, not only the header its item covers ({@code udp contains "alice"} finds the payload).
     */
    private static Typed searched(Typed protocol) {
        return new Typed(protocol.type(), protocol.bits(), protocol.field(),
                ValueCompiler.each(protocol.field().id(), FieldValues::searchBytes), protocol.text(), protocol.span());
    }

    private Predicate<FieldValues> matches(Typed l, Value right, boolean all) {
        if (!(right instanceof Ast.Str s)) {
            throw FilterException.at(right.span(), "Matches requires a double quoted string on the right side.");
        }
        Pattern p;
        try {
            p = Pattern.compile(Literals.utf8(s.value()), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new FilterException("Regex compilation error: " + Regex.message(e) + ".");
        }
        Object[] none = {""};
        return quantified(all, l.values(), f -> none, (a, b) -> p.matcher(Ops.text(a)).find());
    }

    // ---- sets

    private Predicate<FieldValues> inSet(Ast.InSet s) {
        Typed l = checker.typed(s.left());
        if (l == null || l.field() == null) {
            if (l == null && s.left() instanceof Ast.Word w) {
                throw FilterException.at(w.span(), w.text() + " is neither a field nor a protocol name.");
            }
            throw new FilterException("Only a field may be tested for membership in a set.");
        }
        List<Predicate<Object>> members = new ArrayList<>();
        List<Values> dynamic = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>(); // numeric sets as [low, high] pairs, for the fast path
        for (Ast.SetElement e : s.elements()) {
            Typed field = e.high() == null ? checker.typed(e.low()) : null;
            if (field != null) {
                if (!Types.compatible(l.type(), field.type())) {
                    throw FilterException.at(field.span(), l.text() + " and " + field.text()
                            + " are not of compatible types.");
                }
                dynamic.add(field.values());
                continue;
            }
            Object low = checker.constant(e.low(), l.target());
            Object high = e.high() == null ? low : checker.constant(e.high(), l.target());
            if (ranges != null && low instanceof Long lo && high instanceof Long hi) {
                ranges.add(new long[] {lo, hi});
            } else if (!(low == Literals.NEVER || high == Literals.NEVER)) {
                ranges = null; // CIDR blocks and the like take the general path
            }
            if (e.high() == null) {
                members.add(v -> low != Literals.NEVER && Ops.equal(v, low));
            } else {
                members.add(v -> low != Literals.NEVER && high != Literals.NEVER
                        && Ops.compare(v, low) >= 0 && Ops.compare(v, high) <= 0);
            }
        }
        if (dynamic.isEmpty() && l.kind() == Kind.NUM && ranges != null) {
            return numeric(s.quantifier() == Quantifier.ALL, l.field().id(), inRanges(ranges));
        }
        @SuppressWarnings("unchecked")
        Predicate<Object>[] set = members.toArray(new Predicate[0]);
        BiPredicate<Object, Object> in = (v, ignored) -> {
            for (Predicate<Object> m : set) {
                if (m.test(v)) {
                    return true;
                }
            }
            return false;
        };
        if (dynamic.isEmpty()) {
            Object[] one = {""};
            return quantified(s.quantifier() == Quantifier.ALL, l.values(), f -> one, in);
        }
        // elements that are fields: the set is the constants plus those fields' values in this frame
        Values lv = l.values();
        boolean all = s.quantifier() == Quantifier.ALL;
        return f -> {
            Object[] xs = lv.of(f);
            if (xs.length == 0) {
                return false;
            }
            for (Object x : xs) {
                boolean member = in.test(x, null) || dynamic.stream().anyMatch(d -> {
                    for (Object y : d.of(f)) {
                        if (Ops.equal(x, y)) {
                            return true;
                        }
                    }
                    return false;
                });
                if (member != all) {
                    return member;
                }
            }
            return all;
        };
    }
}
