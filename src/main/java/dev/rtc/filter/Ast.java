package dev.rtc.filter;

import java.util.List;

/** The parsed display filter, before names are resolved against a field registry. */
final class Ast {
    private Ast() {
    }

    /** A test: true or false for a frame. */
    sealed interface Test permits And, Or, Not, Exists, Compare, InSet {
        Span span();
    }

    /** Something with values: a field, a literal, a function call, a slice, arithmetic. */
    sealed interface Value permits Word, Str, Chr, Call, Slice, Arith, Negate {
        Span span();

        /** The source text, as error messages quote it. */
        String text();
    }

    record And(Test left, Test right, Span span) implements Test {
    }

    record Or(Test left, Test right, Span span) implements Test {
    }

    record Not(Test operand, Span span) implements Test {
    }

    /** A value alone: the field exists (or, for arithmetic, is not zero). */
    record Exists(Value value, Span span) implements Test {
    }

    /** {@code all}/{@code any} written before a comparison, or NONE for the operator's default. */
    enum Quantifier { NONE, ANY, ALL }

    /** Relations, by the token that wrote them. */
    enum Op {
        EQ, NE, ALL_EQ, ANY_NE, GT, LT, GE, LE, CONTAINS, MATCHES;

        boolean ordering() {
            return this == GT || this == LT || this == GE || this == LE;
        }
    }

    record Compare(Quantifier quantifier, Op op, String opText, Value left, Value right, Span span)
            implements Test {
    }

    /** {@code field in {a, b, c..d}}; {@code not in} parses to Not(InSet). */
    record InSet(Quantifier quantifier, Value left, List<SetElement> elements, Span span) implements Test {
    }

    /** One element of a set: a value, or a range {@code low..high} when high is not null. */
    record SetElement(Value low, Value high) {
    }

    /** An unquoted word: a field or protocol name if the registry knows it, else a literal. */
    record Word(String text, Span span) implements Value {
    }

    /** A quoted string; {@code raw} is the source text with its quotes. */
    record Str(String value, String raw, Span span) implements Value {
        @Override
        public String text() {
            return raw;
        }
    }

    /** A character constant such as {@code 'a'}. */
    record Chr(int value, String raw, Span span) implements Value {
        @Override
        public String text() {
            return raw;
        }
    }

    record Call(String name, Span nameSpan, List<Value> args, String text, Span span) implements Value {
    }

    /** A byte range of one range list element: {@code [start:length]}, {@code [start-end]}, {@code [start:]}. */
    record Range(int start, Integer length, Integer end, Span span) {
    }

    record Slice(Value base, List<Range> ranges, String text, Span span) implements Value {
    }

    enum ArithOp {
        BITAND("&"), PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/"), MODULO("%");

        final String symbol;

        ArithOp(String symbol) {
            this.symbol = symbol;
        }
    }

    record Arith(ArithOp op, Value left, Value right, String text, Span span) implements Value {
    }

    record Negate(Value operand, String text, Span span) implements Value {
    }
}
