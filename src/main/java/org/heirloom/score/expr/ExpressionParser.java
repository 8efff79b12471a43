package org.heirloom.score.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Recursive-descent parser for objective expressions. Grammar (lowest precedence first):
 *
 * <pre>
 * expr       := or
 * or         := and (("or" | "||") and)*
 * and        := not (("and" | "&&") not)*
 * not        := ("not" | "!") not | comparison
 * comparison := additive (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") additive)?
 * additive   := term (("+" | "-") term)*
 * term       := unary (("*" | "/") unary)*
 * unary      := "-" unary | "+" unary | power
 * power      := primary ("^" unary)?            (right-associative)
 * primary    := NUMBER | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"
 * </pre>
 *
 * Names are metric names ({@code [A-Za-z_][A-Za-z0-9_.]*}). Functions: {@code min}, {@code max}
 * (one or more arguments), {@code abs}, {@code log} (natural), {@code exp}, {@code sqrt}.
 * Comparisons and logic yield 1 (true) or 0 (false); any non-zero, non-NaN value is true.
 */
final class ExpressionParser {

    private enum Kind {
        NUMBER,
        NAME,
        OP,
        LPAREN,
        RPAREN,
        COMMA,
        END
    }

    private record Token(Kind kind, String text, int column) {}

    private final String source;
    private final List<Token> tokens;
    private int pos;

    private ExpressionParser(String source) {
        this.source = source;
        this.tokens = lex(source);
    }

    static Expression parse(String source) {
        if (source == null || source.isBlank()) {
            throw new ExpressionException(source == null ? "" : source, 1, "empty expression");
        }
        ExpressionParser p = new ExpressionParser(source);
        Node root = p.or();
        Token t = p.peek();
        if (t.kind != Kind.END) {
            throw p.error(t, "unexpected '" + t.text + "'");
        }
        Set<String> vars = new LinkedHashSet<>();
        root.collect(vars);
        return new Parsed(source, root, java.util.Collections.unmodifiableSet(vars));
    }

    // ---- lexer

    private List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int col = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c)
                    || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < s.length() && Character.isDigit(s.charAt(k))) {
                        j = k;
                        while (j < s.length() && Character.isDigit(s.charAt(j))) {
                            j++;
                        }
                    }
                }
                String num = s.substring(i, j);
                try {
                    Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    throw new ExpressionException(s, col, "malformed number '" + num + "'");
                }
                out.add(new Token(Kind.NUMBER, num, col));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length()
                        && (Character.isLetterOrDigit(s.charAt(j))
                                || s.charAt(j) == '_'
                                || s.charAt(j) == '.')) {
                    j++;
                }
                String word = s.substring(i, j);
                Kind kind =
                        switch (word) {
                            case "and", "or", "not" -> Kind.OP;
                            default -> Kind.NAME;
                        };
                out.add(new Token(kind, word, col));
                i = j;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", col));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", col));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", col));
                i++;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                switch (two) {
                    case "<=", ">=", "==", "!=", "&&", "||" -> {
                        out.add(new Token(Kind.OP, two, col));
                        i += 2;
                        continue;
                    }
                    default -> {}
                }
                if ("+-*/^<>!".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c), col));
                    i++;
                } else if (c == '=') {
                    throw new ExpressionException(s, col, "'=' is not an operator (use '==')");
                } else {
                    throw new ExpressionException(s, col, "unexpected character '" + c + "'");
                }
            }
        }
        out.add(new Token(Kind.END, "end of expression", s.length() + 1));
        return out;
    }

    // ---- parser

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean atOp(String... ops) {
        Token t = peek();
        if (t.kind != Kind.OP) {
            return false;
        }
        for (String op : ops) {
            if (op.equals(t.text)) {
                return true;
            }
        }
        return false;
    }

    private ExpressionException error(Token t, String problem) {
        return new ExpressionException(source, t.column, problem);
    }

    private Node or() {
        Node left = and();
        while (atOp("or", "||")) {
            next();
            Node l = left;
            Node r = and();
            left = new Binary(l, r, (a, b) -> truth(a) || truth(b) ? 1 : 0, true);
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (atOp("and", "&&")) {
            next();
            Node l = left;
            Node r = not();
            left = new Binary(l, r, (a, b) -> truth(a) && truth(b) ? 1 : 0, true);
        }
        return left;
    }

    private Node not() {
        if (atOp("not", "!")) {
            next();
            Node inner = not();
            return new Unary(inner, a -> truth(a) ? 0 : 1, true);
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        if (atOp("<", "<=", ">", ">=", "==", "!=")) {
            String op = next().text;
            Node right = additive();
            Op2 f =
                    switch (op) {
                        case "<" -> (a, b) -> a < b ? 1 : 0;
                        case "<=" -> (a, b) -> a <= b ? 1 : 0;
                        case ">" -> (a, b) -> a > b ? 1 : 0;
                        case ">=" -> (a, b) -> a >= b ? 1 : 0;
                        case "==" -> (a, b) -> a == b ? 1 : 0;
                        default -> (a, b) -> !Double.isNaN(a) && !Double.isNaN(b) && a != b ? 1 : 0;
                    };
            left = new Binary(left, right, f, true);
            if (atOp("<", "<=", ">", ">=", "==", "!=")) {
                throw error(peek(), "comparisons do not chain; combine them with 'and'");
            }
        }
        return left;
    }

    private Node additive() {
        Node left = term();
        while (atOp("+", "-")) {
            String op = next().text;
            Node r = term();
            left = new Binary(left, r, op.equals("+") ? Double::sum : (a, b) -> a - b, false);
        }
        return left;
    }

    private Node term() {
        Node left = unary();
        while (atOp("*", "/")) {
            String op = next().text;
            Node r = unary();
            left = new Binary(left, r, op.equals("*") ? (a, b) -> a * b : (a, b) -> a / b, false);
        }
        return left;
    }

    private Node unary() {
        if (atOp("-")) {
            next();
            Node inner = unary();
            return new Unary(inner, a -> -a, false);
        }
        if (atOp("+")) {
            next();
            return unary();
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        if (atOp("^")) {
            next();
            Node exponent = unary();
            return new Binary(base, exponent, Math::pow, false);
        }
        return base;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind) {
            case NUMBER:
                return new Constant(Double.parseDouble(t.text));
            case NAME:
                if (peek().kind == Kind.LPAREN) {
                    return call(t);
                }
                return new Variable(t.text);
            case LPAREN:
                {
                    Node inner = or();
                    Token close = next();
                    if (close.kind != Kind.RPAREN) {
                        throw error(close, "expected ')' but found '" + close.text + "'");
                    }
                    return inner;
                }
            case END:
                throw error(t, "expression ends too early");
            default:
                throw error(t, "unexpected '" + t.text + "'");
        }
    }

    private Node call(Token name) {
        next(); // (
        List<Node> args = new ArrayList<>();
        if (peek().kind == Kind.RPAREN) {
            throw error(peek(), "function '" + name.text + "' needs an argument");
        }
        args.add(or());
        while (peek().kind == Kind.COMMA) {
            next();
            args.add(or());
        }
        Token close = next();
        if (close.kind != Kind.RPAREN) {
            throw error(close, "expected ',' or ')' but found '" + close.text + "'");
        }
        switch (name.text) {
            case "min", "max":
                return new Call(name.text, args);
            case "abs", "log", "exp", "sqrt":
                if (args.size() != 1) {
                    throw error(
                            name,
                            "function '" + name.text + "' takes 1 argument, got " + args.size());
                }
                return new Call(name.text, args);
            default:
                throw error(
                        name,
                        "unknown function '"
                                + name.text
                                + "' (functions: min, max, abs, log, exp, sqrt)");
        }
    }

    static boolean truth(double v) {
        return !Double.isNaN(v) && v != 0;
    }

    // ---- tree

    @FunctionalInterface
    private interface Op2 {
        double apply(double a, double b);
    }

    @FunctionalInterface
    private interface Op1 {
        double apply(double a);
    }

    private interface Node {
        double eval(ToDoubleFunction<String> values);

        default void collect(Set<String> vars) {}
    }

    private record Constant(double value) implements Node {
        @Override
        public double eval(ToDoubleFunction<String> values) {
            return value;
        }
    }

    private record Variable(String name) implements Node {
        @Override
        public double eval(ToDoubleFunction<String> values) {
            return values.applyAsDouble(name);
        }

        @Override
        public void collect(Set<String> vars) {
            vars.add(name);
        }
    }

    /** {@code logical}: comparisons and logic, which map NaN operands to NaN (unknown). */
    private record Binary(Node left, Node right, Op2 op, boolean logical) implements Node {
        @Override
        public double eval(ToDoubleFunction<String> values) {
            double a = left.eval(values);
            double b = right.eval(values);
            if (logical && (Double.isNaN(a) || Double.isNaN(b))) {
                // Undefined metric: the condition cannot hold; NaN keeps it distinguishable.
                return Double.NaN;
            }
            return op.apply(a, b);
        }

        @Override
        public void collect(Set<String> vars) {
            left.collect(vars);
            right.collect(vars);
        }
    }

    private record Unary(Node inner, Op1 op, boolean logical) implements Node {
        @Override
        public double eval(ToDoubleFunction<String> values) {
            double a = inner.eval(values);
            if (logical && Double.isNaN(a)) {
                return Double.NaN;
            }
            return op.apply(a);
        }

        @Override
        public void collect(Set<String> vars) {
            inner.collect(vars);
        }
    }

    private record Call(String name, List<Node> args) implements Node {
        @Override
        public double eval(ToDoubleFunction<String> values) {
            double first = args.get(0).eval(values);
            switch (name) {
                case "abs":
                    return Math.abs(first);
                case "log":
                    return Math.log(first);
                case "exp":
                    return Math.exp(first);
                case "sqrt":
                    return Math.sqrt(first);
                default:
                    double acc = first;
                    for (int i = 1; i < args.size(); i++) {
                        double v = args.get(i).eval(values);
                        // Math.min/max propagate NaN, which is what an undefined metric means.
                        acc = name.equals("min") ? Math.min(acc, v) : Math.max(acc, v);
                    }
                    return acc;
            }
        }

        @Override
        public void collect(Set<String> vars) {
            for (Node a : args) {
                a.collect(vars);
            }
        }
    }

    private record Parsed(String source, Node root, Set<String> variables) implements Expression {
        @Override
        public double evaluate(ToDoubleFunction<String> values) {
            return root.eval(values);
        }

        @Override
        public String toString() {
            return source;
        }
    }
}
