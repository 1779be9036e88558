package dev.rtc.filter;

import dev.rtc.filter.Ast.Arith;
import dev.rtc.filter.Ast.ArithOp;
import dev.rtc.filter.Ast.Op;
import dev.rtc.filter.Ast.Quantifier;
import dev.rtc.filter.Ast.Test;
import dev.rtc.filter.Ast.Value;
import dev.rtc.filter.Token.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A Pratt parser: tests combine with {@code not > and > or}; values combine with {@code * / %  >  + -  >  &}.
 * Every precedence is in the two tables below. Names are not resolved here; that is the checker's job.
 */
final class Parser {
    /** Binding power of the logical operators. */
    private static final Map<Kind, Integer> TEST_PRECEDENCE = new EnumMap<>(Map.of(Kind.OR, 1, Kind.AND, 2));
    /** Binding power of the arithmetic operators. */
    private static final Map<Kind, Integer> VALUE_PRECEDENCE = new EnumMap<>(Map.of(
            Kind.BITAND, 1, Kind.PLUS, 2, Kind.MINUS, 2, Kind.STAR, 3, Kind.SLASH, 3, Kind.PERCENT, 3));
    private static final Map<Kind, ArithOp> ARITH = new EnumMap<>(Map.of(
            Kind.BITAND, ArithOp.BITAND, Kind.PLUS, ArithOp.PLUS, Kind.MINUS, ArithOp.MINUS,
            Kind.STAR, ArithOp.TIMES, Kind.SLASH, ArithOp.DIVIDE, Kind.PERCENT, ArithOp.MODULO));
    private static final Map<Kind, Op> RELATIONS = new EnumMap<>(Map.of(
            Kind.EQ, Op.EQ, Kind.NE, Op.NE, Kind.ALL_EQ, Op.ALL_EQ, Kind.ANY_NE, Op.ANY_NE,
            Kind.GT, Op.GT, Kind.LT, Op.LT, Kind.GE, Op.GE, Kind.LE, Op.LE,
            Kind.CONTAINS, Op.CONTAINS, Kind.MATCHES, Op.MATCHES));

    private final String src;
    private final List<Token> tokens;
    private int next;

    private Parser(String src) {
        this.src = src;
        this.tokens = Scanner.scan(src);
    }

    /** The filter's test, or null for an empty filter (which passes every frame). */
    static Test parse(String src) {
        Parser p = new Parser(src);
        if (p.peek().kind() == Kind.EOF) {
            return null;
        }
        Test t = p.test(0);
        if (p.peek().kind() != Kind.EOF) {
            throw unexpected(p.peek());
        }
        return t;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    private Token expect(Kind kind) {
        Token t = take();
        if (t.kind() != kind) {
            throw unexpected(t);
        }
        return t;
    }

    static FilterException unexpected(Token t) {
        if (t.kind() == Kind.EOF) {
            return new FilterException("Unexpected end of filter expression.");
        }
        return FilterException.at(t.span(), "\"" + t.raw() + "\" was unexpected in this context.");
    }

    private Test test(int minPrecedence) {
        Test left = unaryTest();
        while (true) {
            Kind k = peek().kind();
            Integer p = TEST_PRECEDENCE.get(k);
            if (p == null || p <= minPrecedence) {
                return left;
            }
            take();
            Test right = test(p);
            Span span = left.span().to(right.span());
            left = k == Kind.AND ? new Ast.And(left, right, span) : new Ast.Or(left, right, span);
        }
    }

    private Test unaryTest() {
        Token t = peek();
        switch (t.kind()) {
            case NOT -> {
                take();
                Test operand = unaryTest();
                return new Ast.Not(operand, t.span().to(operand.span()));
            }
            case LPAREN -> {
                take();
                Test inner = test(0);
                expect(Kind.RPAREN);
                return inner;
            }
            case ANY, ALL -> {
                take();
                return relation(t.kind() == Kind.ANY ? Quantifier.ANY : Quantifier.ALL, t.span());
            }
            default -> {
                return relation(Quantifier.NONE, t.span());
            }
        }
    }

    private Test relation(Quantifier quantifier, Span from) {
        Value left = value(0);
        Token t = peek();
        Op op = RELATIONS.get(t.kind());
        if (op != null) {
            Test result = null;
            // a op1 b op2 c reads as (a op1 b) and (b op2 c): a literal b is then reported as a bad left side.
            while (op != null) {
                take();
                Value right = value(0);
                Test cmp = new Ast.Compare(quantifier, op, t.raw(), left, right, from.to(right.span()));
                result = result == null ? cmp : new Ast.And(result, cmp, result.span().to(cmp.span()));
                left = right;
                t = peek();
                op = RELATIONS.get(t.kind());
            }
            return result;
        }
        if (t.kind() == Kind.IN) {
            take();
            return set(quantifier, left, from);
        }
        if (t.kind() == Kind.NOT && tokens.get(next + 1).kind() == Kind.IN) {
            take();
            take();
            Test in = set(quantifier, left, from);
            return new Ast.Not(in, in.span());
        }
        if (quantifier != Quantifier.NONE) {
            throw unexpected(t);
        }
        return new Ast.Exists(left, left.span());
    }

    private Test set(Quantifier quantifier, Value left, Span from) {
        expect(Kind.LBRACE);
        List<Ast.SetElement> elements = new ArrayList<>();
        while (true) {
            Value low = value(0);
            Value high = null;
            if (peek().kind() == Kind.DOTDOT) {
                take();
                high = value(0);
            }
            elements.add(new Ast.SetElement(low, high));
            Token t = take();
            if (t.kind() == Kind.RBRACE) {
                return new Ast.InSet(quantifier, left, elements, from.to(t.span()));
            }
            if (t.kind() != Kind.COMMA) {
                throw unexpected(t);
            }
        }
    }

    private Value value(int minPrecedence) {
        Value left = unaryValue();
        while (true) {
            Kind k = peek().kind();
            Integer p = VALUE_PRECEDENCE.get(k);
            if (p == null || p <= minPrecedence) {
                return left;
            }
            take();
            Value right = value(p);
            Span span = left.span().to(right.span());
            left = new Arith(ARITH.get(k), left, right, text(span), span);
        }
    }

    private Value unaryValue() {
        Token t = take();
        Value v = switch (t.kind()) {
            case MINUS -> {
                Value operand = unaryValue();
                Span span = t.span().to(operand.span());
                yield new Ast.Negate(operand, text(span), span);
            }
            case LBRACE -> {
                Value inner = value(0);
                expect(Kind.RBRACE);
                yield inner;
            }
            case WORD -> peek().kind() == Kind.LPAREN ? call(t) : new Ast.Word(t.text(), t.span());
            case STRING -> new Ast.Str(t.text(), t.raw(), t.span());
            case CHAR -> new Ast.Chr(t.text().charAt(0), t.raw(), t.span());
            default -> throw unexpected(t);
        };
        while (peek().kind() == Kind.SLICE) {
            Token s = take();
            Span span = v.span().to(new Span(s.span().start(), s.span().end() + 1));
            v = new Ast.Slice(v, ranges(s), text(span), span);
        }
        return v;
    }

    private Value call(Token name) {
        expect(Kind.LPAREN);
        List<Value> args = new ArrayList<>();
        if (peek().kind() != Kind.RPAREN) {
            args.add(value(0));
            while (peek().kind() == Kind.COMMA) {
                take();
                args.add(value(0));
            }
        }
        Token close = expect(Kind.RPAREN);
        Span span = name.span().to(close.span());
        return new Ast.Call(name.text(), name.span(), args, text(span), span);
    }

    private String text(Span span) {
        return src.substring(span.start(), Math.min(span.end(), src.length()));
    }

    /** The range list inside a slice's brackets, e.g. {@code 0:2,4,-4:,1-3}. */
    private static List<Ast.Range> ranges(Token slice) {
        List<Ast.Range> out = new ArrayList<>();
        String body = slice.text();
        int base = slice.span().start();
        int from = 0;
        while (true) {
            int comma = body.indexOf(',', from);
            int to = comma < 0 ? body.length() : comma;
            out.add(SliceRange.parse(body.substring(from, to), base + from, comma < 0 ? ']' : ','));
            if (comma < 0) {
                return out;
            }
            from = comma + 1;
        }
    }
}
