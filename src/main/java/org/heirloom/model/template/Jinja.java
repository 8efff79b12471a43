package org.heirloom.model.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small, safe interpreter for the Jinja subset that Hugging Face chat templates use. Rendering
 * follows transformers' {@code apply_chat_template} environment: {@code trim_blocks} and {@code
 * lstrip_blocks} on, {@code -} whitespace control, undefined names render as empty.
 *
 * <p>Supported: {@code {{ }}}, {@code {# #}}, {@code if/elif/else}, {@code for ... in ...} (with
 * {@code loop.index/index0/first/last/length/revindex}, tuple targets, an {@code if} filter and
 * {@code else}), {@code set} (also {@code set ns.attr}), literals (strings, numbers, booleans,
 * none, lists, dicts), attribute, item and slice access, the operators {@code and or not in is ==
 * != < <= > >= + - * / // % ~} and {@code a if c else b}; functions {@code raise_exception}, {@code
 * namespace}, {@code range}, {@code strftime_now}; methods {@code strip lstrip rstrip startswith
 * endswith split upper lower title replace items keys values get}; filters {@code trim length count
 * tojson upper lower title capitalize string int float first last join default d list reverse safe
 * items}; tests {@code defined undefined none string number integer float boolean true false
 * mapping iterable sequence odd even}. Anything else (macros, call blocks, includes) is rejected
 * with an error naming the construct. Templates cannot reach Java objects: values are strings,
 * numbers, booleans, lists and maps only.
 */
public final class Jinja {

    private Jinja() {}

    /** A parsed template. */
    public interface Template {
        String render(Map<String, Object> variables);
    }

    /** The value of a name that is not defined. */
    public static final Object UNDEFINED =
            new Object() {
                @Override
                public String toString() {
                    return "";
                }
            };

    public static Template parse(String source) {
        List<Token> tokens = lex(source);
        Parser p = new Parser(tokens);
        List<Node> body = p.block(List.of());
        if (p.pos < tokens.size()) {
            throw error("unexpected '{% " + tokens.get(p.pos).text.trim() + " %}'");
        }
        return vars -> {
            StringBuilder out = new StringBuilder();
            Scope scope = new Scope(null);
            scope.vars.putAll(vars);
            exec(body, scope, out);
            return out.toString();
        };
    }

    static IllegalArgumentException error(String msg) {
        return new IllegalArgumentException("chat template: " + msg);
    }

    // ---------------------------------------------------------------- lexing (template level)

    private enum Kind {
        TEXT,
        EXPR,
        STMT
    }

    private record Token(Kind kind, String text) {}

    private static List<Token> lex(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        boolean stripNextLeading = false;
        boolean trimNewline = false;
        while (i < src.length()) {
            int open = nextOpen(src, i);
            String text = src.substring(i, open < 0 ? src.length() : open);
            if (trimNewline && text.startsWith("\n")) {
                text = text.substring(1);
            } else if (trimNewline && text.startsWith("\r\n")) {
                text = text.substring(2);
            }
            if (stripNextLeading) {
                text = text.stripLeading();
            }
            trimNewline = false;
            stripNextLeading = false;
            if (open < 0) {
                out.add(new Token(Kind.TEXT, text));
                break;
            }
            char type = src.charAt(open + 1);
            boolean stripBefore = open + 2 < src.length() && src.charAt(open + 2) == '-';
            if (stripBefore) {
                text = text.stripTrailing();
            } else if (type == '%' || type == '#') {
                // lstrip_blocks: whitespace between a line start and a block tag goes.
                String raw = src.substring(i, open);
                int nl = raw.lastIndexOf('\n');
                String tail = raw.substring(nl + 1);
                if (tail.isBlank() && (nl >= 0 || i == 0) && tail.length() <= text.length()) {
                    text = text.substring(0, text.length() - tail.length());
                }
            }
            out.add(new Token(Kind.TEXT, text));
            String close = type == '{' ? "}}" : type == '%' ? "%}" : "#}";
            int end = src.indexOf(close, open + 2);
            if (end < 0) {
                throw error("unclosed '" + src.substring(open, open + 2) + "'");
            }
            String inner = src.substring(open + 2 + (stripBefore ? 1 : 0), end);
            boolean stripAfter = inner.endsWith("-");
            if (stripAfter) {
                inner = inner.substring(0, inner.length() - 1);
            }
            if (type == '{') {
                out.add(new Token(Kind.EXPR, inner));
            } else if (type == '%') {
                out.add(new Token(Kind.STMT, inner));
                trimNewline = true; // trim_blocks
            } else {
                trimNewline = true;
            }
            stripNextLeading = stripAfter;
            i = end + 2;
        }
        return out;
    }

    private static int nextOpen(String s, int from) {
        for (int i = from; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '{') {
                char c = s.charAt(i + 1);
                if (c == '{' || c == '%' || c == '#') {
                    return i;
                }
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- statements

    private interface Node {}

    private record Text(String text) implements Node {}

    private record Output(Expr expr) implements Node {}

    private record If(List<Expr> conds, List<List<Node>> bodies, List<Node> otherwise)
            implements Node {}

    private record For(
            List<String> targets, Expr iter, Expr filter, List<Node> body, List<Node> otherwise)
            implements Node {}

    private record Set(String name, String attr, Expr value) implements Node {}

    private static final class Parser {
        final List<Token> tokens;
        int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        /** Parses nodes until a statement whose keyword is in {@code ends} (not consumed). */
        List<Node> block(List<String> ends) {
            List<Node> nodes = new ArrayList<>();
            while (pos < tokens.size()) {
                Token t = tokens.get(pos);
                switch (t.kind) {
                    case TEXT -> {
                        if (!t.text.isEmpty()) {
                            nodes.add(new Text(t.text));
                        }
                        pos++;
                    }
                    case EXPR -> {
                        ExprParser ep = new ExprParser(t.text);
                        nodes.add(new Output(ep.parseAll()));
                        pos++;
                    }
                    case STMT -> {
                        String kw = keyword(t.text);
                        if (ends.contains(kw)) {
                            return nodes;
                        }
                        nodes.add(statement(t.text.trim(), kw));
                    }
                }
            }
            if (!ends.isEmpty()) {
                throw error("missing '{% " + ends.get(ends.size() - 1) + " %}'");
            }
            return nodes;
        }

        private Node statement(String text, String kw) {
            pos++;
            String rest = text.substring(kw.length()).trim();
            switch (kw) {
                case "if":
                    {
                        List<Expr> conds = new ArrayList<>();
                        List<List<Node>> bodies = new ArrayList<>();
                        conds.add(new ExprParser(rest).parseAll());
                        List<Node> otherwise = List.of();
                        while (true) {
                            bodies.add(block(List.of("elif", "else", "endif")));
                            String t = tokens.get(pos).text.trim();
                            String k = keyword(t);
                            pos++;
                            if (k.equals("elif")) {
                                conds.add(new ExprParser(t.substring(4)).parseAll());
                            } else if (k.equals("else")) {
                                otherwise = block(List.of("endif"));
                                pos++;
                                break;
                            } else {
                                break;
                            }
                        }
                        return new If(conds, bodies, otherwise);
                    }
                case "for":
                    {
                        ExprParser ep = new ExprParser(rest);
                        List<String> targets = new ArrayList<>();
                        targets.add(ep.name());
                        while (ep.accept(",")) {
                            targets.add(ep.name());
                        }
                        ep.expectWord("in");
                        Expr iter = ep.ternaryNoIf();
                        Expr filter = null;
                        if (ep.acceptWord("if")) {
                            filter = ep.ternary();
                        }
                        if (ep.acceptWord("recursive")) {
                            throw error("'for ... recursive' is not supported");
                        }
                        ep.end();
                        List<Node> body = block(List.of("else", "endfor"));
                        List<Node> otherwise = List.of();
                        if (keyword(tokens.get(pos).text).equals("else")) {
                            pos++;
                            otherwise = block(List.of("endfor"));
                        }
                        pos++;
                        return new For(targets, iter, filter, body, otherwise);
                    }
                case "set":
                    {
                        int eq = indexOfAssign(rest);
                        if (eq < 0) {
                            throw error("block '{% set %}' (set without '=') is not supported");
                        }
                        String target = rest.substring(0, eq).trim();
                        Expr value = new ExprParser(rest.substring(eq + 1)).parseAll();
                        int dot = target.indexOf('.');
                        if (dot >= 0) {
                            return new Set(
                                    target.substring(0, dot).trim(),
                                    target.substring(dot + 1).trim(),
                                    value);
                        }
                        if (!target.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            throw error(
                                    "'{% set "
                                            + target
                                            + " = ... %}': only a name or name.attribute can be set");
                        }
                        return new Set(target, null, value);
                    }
                default:
                    throw error("statement '{% " + kw + " %}' is not supported");
            }
        }

        private static int indexOfAssign(String s) {
            char quote = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '='
                        && (i + 1 >= s.length() || s.charAt(i + 1) != '=')
                        && (i == 0 || "=!<>".indexOf(s.charAt(i - 1)) < 0)) {
                    return i;
                }
            }
            return -1;
        }

        private static String keyword(String text) {
            String t = text.trim();
            int i = 0;
            while (i < t.length()
                    && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) {
                i++;
            }
            return t.substring(0, i);
        }
    }

    // ---------------------------------------------------------------- expressions

    private interface Expr {
        Object eval(Scope s);
    }

    private static final class ExprParser {
        final List<String> toks = new ArrayList<>();
        final String src;
        int pos;

        ExprParser(String src) {
            this.src = src;
            int i = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'' || c == '"') {
                    StringBuilder b = new StringBuilder().append('"');
                    int j = i + 1;
                    while (j < src.length() && src.charAt(j) != c) {
                        char d = src.charAt(j);
                        if (d == '\\' && j + 1 < src.length()) {
                            char e = src.charAt(++j);
                            b.append(
                                    switch (e) {
                                        case 'n' -> '\n';
                                        case 't' -> '\t';
                                        case 'r' -> '\r';
                                        default -> e;
                                    });
                        } else {
                            b.append(d);
                        }
                        j++;
                    }
                    if (j >= src.length()) {
                        throw error("unterminated string in '" + src.trim() + "'");
                    }
                    toks.add(b.toString());
                    i = j + 1;
                } else if (Character.isDigit(c)) {
                    int j = i;
                    while (j < src.length()
                            && (Character.isDigit(src.charAt(j)) || src.charAt(j) == '.')) {
                        j++;
                    }
                    toks.add(src.substring(i, j));
                    i = j;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i;
                    while (j < src.length()
                            && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                        j++;
                    }
                    toks.add(src.substring(i, j));
                    i = j;
                } else {
                    String two = i + 1 < src.length() ? src.substring(i, i + 2) : "";
                    if (List.of("==", "!=", "<=", ">=", "//", "**").contains(two)) {
                        toks.add(two);
                        i += 2;
                    } else if ("()[]{}.,:|~+-*/%<>=".indexOf(c) >= 0) {
                        toks.add(String.valueOf(c));
                        i++;
                    } else {
                        throw error("unexpected character '" + c + "' in '" + src.trim() + "'");
                    }
                }
            }
        }

        Expr parseAll() {
            Expr e = ternary();
            end();
            return e;
        }

        void end() {
            if (pos < toks.size()) {
                throw error("unexpected '" + display(toks.get(pos)) + "' in '" + src.trim() + "'");
            }
        }

        private static String display(String tok) {
            return tok.startsWith("\"") ? "'" + tok.substring(1) + "'" : tok;
        }

        String peek() {
            return pos < toks.size() ? toks.get(pos) : "";
        }

        boolean accept(String t) {
            if (peek().equals(t)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean acceptWord(String w) {
            return accept(w);
        }

        void expect(String t) {
            if (!accept(t)) {
                throw error(
                        "expected '"
                                + t
                                + "' in '"
                                + src.trim()
                                + "', found '"
                                + display(peek())
                                + "'");
            }
        }

        void expectWord(String w) {
            expect(w);
        }

        String name() {
            String t = peek();
            if (t.isEmpty() || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
                throw error("expected a name in '" + src.trim() + "'");
            }
            pos++;
            return t;
        }

        Expr ternary() {
            Expr a = or();
            if (accept("if")) {
                Expr cond = or();
                Expr b = accept("else") ? ternary() : s -> UNDEFINED;
                return s -> truthy(cond.eval(s)) ? a.eval(s) : b.eval(s);
            }
            return a;
        }

        /** For-loop iterables: a trailing {@code if} is the loop filter, not a ternary. */
        Expr ternaryNoIf() {
            return or();
        }

        Expr or() {
            Expr a = and();
            while (accept("or")) {
                Expr l = a;
                Expr r = and();
                a =
                        s -> {
                            Object v = l.eval(s);
                            return truthy(v) ? v : r.eval(s);
                        };
            }
            return a;
        }

        Expr and() {
            Expr a = not();
            while (accept("and")) {
                Expr l = a;
                Expr r = not();
                a =
                        s -> {
                            Object v = l.eval(s);
                            return !truthy(v) ? v : r.eval(s);
                        };
            }
            return a;
        }

        Expr not() {
            if (accept("not")) {
                Expr e = not();
                return s -> !truthy(e.eval(s));
            }
            return compare();
        }

        Expr compare() {
            Expr a = concat();
            while (true) {
                String op = peek();
                if (List.of("==", "!=", "<", ">", "<=", ">=").contains(op)) {
                    pos++;
                    Expr l = a;
                    Expr r = concat();
                    a = s -> Ops.compare(op, l.eval(s), r.eval(s));
                } else if (op.equals("in")) {
                    pos++;
                    Expr l = a;
                    Expr r = concat();
                    a = s -> Ops.in(l.eval(s), r.eval(s));
                } else if (op.equals("not")
                        && pos + 1 < toks.size()
                        && toks.get(pos + 1).equals("in")) {
                    pos += 2;
                    Expr l = a;
                    Expr r = concat();
                    a = s -> !Ops.in(l.eval(s), r.eval(s));
                } else if (op.equals("is")) {
                    pos++;
                    boolean negate = accept("not");
                    String test = name();
                    Expr arg = null;
                    if (!peek().isEmpty()
                            && !List.of("and", "or", "else", "if", ")", "]", ",", "}")
                                    .contains(peek())
                            && !isOperator(peek())) {
                        arg = primaryPostfix();
                    }
                    Expr l = a;
                    Expr targ = arg;
                    a =
                            s ->
                                    negate
                                            != Ops.test(
                                                    test,
                                                    l.eval(s),
                                                    targ == null ? null : targ.eval(s));
                } else {
                    return a;
                }
            }
        }

        private static boolean isOperator(String t) {
            return List.of(
                            "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "//", "%", "~",
                            "|")
                    .contains(t);
        }

        Expr concat() {
            Expr a = add();
            while (accept("~")) {
                Expr l = a;
                Expr r = add();
                a = s -> Ops.str(l.eval(s)) + Ops.str(r.eval(s));
            }
            return a;
        }

        Expr add() {
            Expr a = mul();
            while (peek().equals("+") || peek().equals("-")) {
                String op = toks.get(pos++);
                Expr l = a;
                Expr r = mul();
                a = s -> Ops.arith(op, l.eval(s), r.eval(s));
            }
            return a;
        }

        Expr mul() {
            Expr a = unary();
            while (List.of("*", "/", "//", "%").contains(peek())) {
                String op = toks.get(pos++);
                Expr l = a;
                Expr r = unary();
                a = s -> Ops.arith(op, l.eval(s), r.eval(s));
            }
            return a;
        }

        Expr unary() {
            if (accept("-")) {
                Expr e = unary();
                return s -> Ops.arith("-", 0L, e.eval(s));
            }
            if (accept("+")) {
                return unary();
            }
            return filtered();
        }

        Expr filtered() {
            Expr a = primaryPostfix();
            while (accept("|")) {
                String f = name();
                List<Expr> args = new ArrayList<>();
                if (accept("(")) {
                    args = callArgs(new LinkedHashMap<>());
                }
                Expr l = a;
                List<Expr> fargs = args;
                a = s -> Ops.filter(f, l.eval(s), evalAll(fargs, s));
            }
            return a;
        }

        Expr primaryPostfix() {
            Expr a = primary();
            while (true) {
                if (accept(".")) {
                    String attr = name();
                    if (accept("(")) {
                        Expr obj = a;
                        List<Expr> args = callArgs(new LinkedHashMap<>());
                        a = s -> Ops.method(obj.eval(s), attr, evalAll(args, s));
                    } else {
                        Expr obj = a;
                        a = s -> Ops.attr(obj.eval(s), attr);
                    }
                } else if (accept("[")) {
                    Expr obj = a;
                    Expr start = null;
                    Expr stop = null;
                    Expr step = null;
                    boolean slice = false;
                    if (!peek().equals(":")) {
                        start = ternary();
                    }
                    if (accept(":")) {
                        slice = true;
                        if (!peek().equals(":") && !peek().equals("]")) {
                            stop = ternary();
                        }
                        if (accept(":") && !peek().equals("]")) {
                            step = ternary();
                        }
                    }
                    expect("]");
                    if (slice) {
                        Expr a0 = start;
                        Expr b0 = stop;
                        Expr c0 = step;
                        a = s -> Ops.slice(obj.eval(s), ev(a0, s), ev(b0, s), ev(c0, s));
                    } else {
                        Expr idx = start;
                        a = s -> Ops.item(obj.eval(s), idx.eval(s));
                    }
                } else if (peek().equals("(")) {
                    pos++;
                    Map<String, Expr> kwargs = new LinkedHashMap<>();
                    List<Expr> args = callArgs(kwargs);
                    Expr fn = a;
                    a = s -> Ops.call(fn.eval(s), evalAll(args, s), evalMap(kwargs, s));
                } else {
                    return a;
                }
            }
        }

        private static Object ev(Expr e, Scope s) {
            return e == null ? null : e.eval(s);
        }

        /** After '(' : positional and keyword arguments up to ')'. */
        List<Expr> callArgs(Map<String, Expr> kwargs) {
            List<Expr> args = new ArrayList<>();
            if (accept(")")) {
                return args;
            }
            do {
                if (pos + 1 < toks.size()
                        && toks.get(pos + 1).equals("=")
                        && Character.isLetter(peek().charAt(0))) {
                    String k = name();
                    expect("=");
                    kwargs.put(k, ternary());
                } else {
                    args.add(ternary());
                }
            } while (accept(","));
            expect(")");
            return args;
        }

        Expr primary() {
            String t = peek();
            if (t.isEmpty()) {
                throw error("expression ends early in '" + src.trim() + "'");
            }
            pos++;
            if (t.startsWith("\"")) {
                String v = t.substring(1);
                // Adjacent string literals concatenate.
                StringBuilder b = new StringBuilder(v);
                while (peek().startsWith("\"")) {
                    b.append(toks.get(pos++).substring(1));
                }
                String lit = b.toString();
                return s -> lit;
            }
            if (Character.isDigit(t.charAt(0))) {
                Object num =
                        t.contains(".")
                                ? (Object) Double.parseDouble(t)
                                : (Object) Long.parseLong(t);
                return s -> num;
            }
            switch (t) {
                case "(":
                    {
                        Expr e = ternary();
                        if (accept(",")) {
                            List<Expr> items = new ArrayList<>(List.of(e));
                            if (!peek().equals(")")) {
                                do {
                                    items.add(ternary());
                                } while (accept(","));
                            }
                            expect(")");
                            return s -> evalAll(items, s);
                        }
                        expect(")");
                        return e;
                    }
                case "[":
                    {
                        List<Expr> items = new ArrayList<>();
                        if (!accept("]")) {
                            do {
                                if (peek().equals("]")) {
                                    break;
                                }
                                items.add(ternary());
                            } while (accept(","));
                            expect("]");
                        }
                        return s -> evalAll(items, s);
                    }
                case "{":
                    {
                        List<Expr> keys = new ArrayList<>();
                        List<Expr> vals = new ArrayList<>();
                        if (!accept("}")) {
                            do {
                                if (peek().equals("}")) {
                                    break;
                                }
                                keys.add(ternary());
                                expect(":");
                                vals.add(ternary());
                            } while (accept(","));
                            expect("}");
                        }
                        return s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            for (int i = 0; i < keys.size(); i++) {
                                m.put(Ops.str(keys.get(i).eval(s)), vals.get(i).eval(s));
                            }
                            return m;
                        };
                    }
                case "true":
                case "True":
                    return s -> Boolean.TRUE;
                case "false":
                case "False":
                    return s -> Boolean.FALSE;
                case "none":
                case "None":
                    return s -> null;
                default:
                    if (!(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
                        throw error("unexpected '" + display(t) + "' in '" + src.trim() + "'");
                    }
                    return s -> s.lookup(t);
            }
        }
    }

    private static List<Object> evalAll(List<Expr> es, Scope s) {
        List<Object> out = new ArrayList<>();
        for (Expr e : es) {
            out.add(e.eval(s));
        }
        return out;
    }

    private static Map<String, Object> evalMap(Map<String, Expr> es, Scope s) {
        Map<String, Object> out = new LinkedHashMap<>();
        es.forEach((k, e) -> out.put(k, e.eval(s)));
        return out;
    }

    // ---------------------------------------------------------------- execution

    private static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            return Builtins.FUNCTIONS.getOrDefault(name, UNDEFINED);
        }
    }

    private static void exec(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text);
            } else if (n instanceof Output o) {
                out.append(Ops.str(o.expr.eval(scope)));
            } else if (n instanceof If f) {
                boolean done = false;
                for (int i = 0; i < f.conds.size() && !done; i++) {
                    if (truthy(f.conds.get(i).eval(scope))) {
                        exec(f.bodies.get(i), scope, out);
                        done = true;
                    }
                }
                if (!done) {
                    exec(f.otherwise, scope, out);
                }
            } else if (n instanceof Set st) {
                Object v = st.value.eval(scope);
                if (st.attr == null) {
                    scope.vars.put(st.name, v);
                } else {
                    Object target = scope.lookup(st.name);
                    if (!(target instanceof Namespace ns)) {
                        throw error(
                                "'set "
                                        + st.name
                                        + "."
                                        + st.attr
                                        + "': "
                                        + st.name
                                        + " is not a namespace()");
                    }
                    ns.put(st.attr, v);
                }
            } else if (n instanceof For f) {
                List<Object> items = new ArrayList<>();
                for (Object item : Ops.iterate(f.iter.eval(scope))) {
                    if (f.filter != null) {
                        Scope fs = new Scope(scope);
                        bind(fs, f.targets, item);
                        if (!truthy(f.filter.eval(fs))) {
                            continue;
                        }
                    }
                    items.add(item);
                }
                if (items.isEmpty()) {
                    exec(f.otherwise, scope, out);
                }
                for (int i = 0; i < items.size(); i++) {
                    // Loop bodies get their own scope: a plain 'set' inside does not leak out.
                    Scope inner = new Scope(scope);
                    bind(inner, f.targets, items.get(i));
                    Map<String, Object> loop = new HashMap<>();
                    loop.put("index", (long) i + 1);
                    loop.put("index0", (long) i);
                    loop.put("revindex", (long) (items.size() - i));
                    loop.put("revindex0", (long) (items.size() - i - 1));
                    loop.put("first", i == 0);
                    loop.put("last", i == items.size() - 1);
                    loop.put("length", (long) items.size());
                    loop.put("previtem", i > 0 ? items.get(i - 1) : UNDEFINED);
                    loop.put("nextitem", i + 1 < items.size() ? items.get(i + 1) : UNDEFINED);
                    inner.vars.put("loop", loop);
                    exec(f.body, inner, out);
                }
            }
        }
    }

    private static void bind(Scope s, List<String> targets, Object item) {
        if (targets.size() == 1) {
            s.vars.put(targets.get(0), item);
            return;
        }
        List<Object> parts = Ops.iterate(item);
        if (parts.size() != targets.size()) {
            throw error("cannot unpack " + parts.size() + " values into " + targets);
        }
        for (int i = 0; i < targets.size(); i++) {
            s.vars.put(targets.get(i), parts.get(i));
        }
    }

    static boolean truthy(Object v) {
        if (v == null || v == UNDEFINED) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** The mutable object {@code namespace(...)} returns. */
    static final class Namespace extends LinkedHashMap<String, Object> {}

    /** A function callable from templates. */
    interface Fn {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    private static final class Builtins {
        static final Map<String, Object> FUNCTIONS = new HashMap<>();

        static {
            FUNCTIONS.put(
                    "raise_exception",
                    (Fn)
                            (a, k) -> {
                                throw error(
                                        "the template raised: "
                                                + (a.isEmpty() ? "" : Ops.str(a.get(0))));
                            });
            FUNCTIONS.put(
                    "namespace",
                    (Fn)
                            (a, k) -> {
                                Namespace ns = new Namespace();
                                ns.putAll(k);
                                return ns;
                            });
            FUNCTIONS.put(
                    "range",
                    (Fn)
                            (a, k) -> {
                                long start = a.size() > 1 ? Ops.toLong(a.get(0)) : 0;
                                long stop = Ops.toLong(a.get(a.size() > 1 ? 1 : 0));
                                long step = a.size() > 2 ? Ops.toLong(a.get(2)) : 1;
                                List<Object> out = new ArrayList<>();
                                for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
                                    out.add(i);
                                }
                                return out;
                            });
            FUNCTIONS.put(
                    "strftime_now",
                    (Fn)
                            (a, k) -> {
                                // Python strftime subset used by Llama 3 templates ("%d %b %Y").
                                String fmt = Ops.str(a.get(0));
                                var now = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
                                return fmt.replace("%d", String.format("%02d", now.getDayOfMonth()))
                                        .replace(
                                                "%b",
                                                now.getMonth()
                                                        .getDisplayName(
                                                                java.time.format.TextStyle.SHORT,
                                                                Locale.ENGLISH))
                                        .replace(
                                                "%B",
                                                now.getMonth()
                                                        .getDisplayName(
                                                                java.time.format.TextStyle.FULL,
                                                                Locale.ENGLISH))
                                        .replace("%Y", String.valueOf(now.getYear()))
                                        .replace("%m", String.format("%02d", now.getMonthValue()));
                            });
        }
    }

    /** Value semantics (Python / Jinja flavoured). */
    static final class Ops {
        private static final ObjectMapper JSON = new ObjectMapper();

        static String str(Object v) {
            if (v == null) {
                return "None";
            }
            if (v == UNDEFINED) {
                return "";
            }
            if (v instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (v instanceof Double d) {
                return d == Math.rint(d) && !Double.isInfinite(d)
                        ? String.valueOf(d)
                        : String.valueOf(d);
            }
            if (v instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                for (Object o : l) {
                    parts.add(o instanceof String s ? "'" + s + "'" : str(o));
                }
                return "[" + String.join(", ", parts) + "]";
            }
            return String.valueOf(v);
        }

        static long toLong(Object v) {
            if (v instanceof Number n) {
                return n.longValue();
            }
            if (v instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (v instanceof String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            throw error("expected a number, got " + typeName(v));
        }

        static String typeName(Object v) {
            if (v == null) {
                return "none";
            }
            if (v == UNDEFINED) {
                return "undefined";
            }
            if (v instanceof Map) {
                return "mapping";
            }
            if (v instanceof List) {
                return "list";
            }
            return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }

        static boolean eq(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return x.doubleValue() == y.doubleValue();
            }
            if (a == UNDEFINED || b == UNDEFINED) {
                return a == b;
            }
            return java.util.Objects.equals(a, b);
        }

        static Object compare(String op, Object a, Object b) {
            switch (op) {
                case "==":
                    return eq(a, b);
                case "!=":
                    return !eq(a, b);
                default:
                    int c;
                    if (a instanceof Number x && b instanceof Number y) {
                        c = Double.compare(x.doubleValue(), y.doubleValue());
                    } else if (a instanceof String x && b instanceof String y) {
                        c = x.compareTo(y);
                    } else {
                        throw error("cannot compare " + typeName(a) + " " + op + " " + typeName(b));
                    }
                    return switch (op) {
                        case "<" -> c < 0;
                        case ">" -> c > 0;
                        case "<=" -> c <= 0;
                        default -> c >= 0;
                    };
            }
        }

        static boolean in(Object a, Object b) {
            if (b instanceof String s) {
                return s.contains(str(a));
            }
            if (b instanceof Map<?, ?> m) {
                return m.containsKey(str(a));
            }
            if (b instanceof List<?> l) {
                for (Object o : l) {
                    if (eq(o, a)) {
                        return true;
                    }
                }
                return false;
            }
            if (b == UNDEFINED || b == null) {
                return false;
            }
            throw error("'in' needs a string, list or mapping, got " + typeName(b));
        }

        static Object arith(String op, Object a, Object b) {
            if (op.equals("+") && (a instanceof String || b instanceof String)) {
                if (!(a instanceof String) || !(b instanceof String)) {
                    throw error("cannot add " + typeName(a) + " and " + typeName(b));
                }
                return (String) a + b;
            }
            if (op.equals("+") && a instanceof List<?> x && b instanceof List<?> y) {
                List<Object> out = new ArrayList<>(x);
                out.addAll(y);
                return out;
            }
            if (op.equals("*") && a instanceof String s && b instanceof Number n) {
                return s.repeat((int) n.longValue());
            }
            if (!(a instanceof Number x) || !(b instanceof Number y)) {
                throw error("cannot apply '" + op + "' to " + typeName(a) + " and " + typeName(b));
            }
            boolean ints =
                    (a instanceof Long || a instanceof Integer)
                            && (b instanceof Long || b instanceof Integer);
            switch (op) {
                case "+":
                    return ints
                            ? (Object) (x.longValue() + y.longValue())
                            : x.doubleValue() + y.doubleValue();
                case "-":
                    return ints
                            ? (Object) (x.longValue() - y.longValue())
                            : x.doubleValue() - y.doubleValue();
                case "*":
                    return ints
                            ? (Object) (x.longValue() * y.longValue())
                            : x.doubleValue() * y.doubleValue();
                case "/":
                    return x.doubleValue() / y.doubleValue();
                case "//":
                    return ints
                            ? (Object) Math.floorDiv(x.longValue(), y.longValue())
                            : Math.floor(x.doubleValue() / y.doubleValue());
                default:
                    return ints
                            ? (Object) Math.floorMod(x.longValue(), y.longValue())
                            : x.doubleValue()
                                    - y.doubleValue()
                                            * Math.floor(x.doubleValue() / y.doubleValue());
            }
        }

        @SuppressWarnings("unchecked")
        static List<Object> iterate(Object v) {
            if (v instanceof List<?> l) {
                return (List<Object>) l;
            }
            if (v instanceof Map<?, ?> m) {
                return new ArrayList<>(m.keySet());
            }
            if (v instanceof String s) {
                List<Object> out = new ArrayList<>();
                s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
                return out;
            }
            if (v == null || v == UNDEFINED) {
                return List.of();
            }
            throw error("cannot iterate over " + typeName(v));
        }

        static Object attr(Object obj, String name) {
            if (obj instanceof Map<?, ?> m) {
                return m.containsKey(name) ? m.get(name) : UNDEFINED;
            }
            return UNDEFINED;
        }

        static Object item(Object obj, Object key) {
            if (obj instanceof Map<?, ?> m) {
                String k = str(key);
                return m.containsKey(k) ? m.get(k) : UNDEFINED;
            }
            if (obj instanceof List<?> l && key instanceof Number n) {
                int i = (int) n.longValue();
                if (i < 0) {
                    i += l.size();
                }
                return i >= 0 && i < l.size() ? l.get(i) : UNDEFINED;
            }
            if (obj instanceof String s && key instanceof Number n) {
                int i = (int) n.longValue();
                if (i < 0) {
                    i += s.length();
                }
                return i >= 0 && i < s.length() ? String.valueOf(s.charAt(i)) : UNDEFINED;
            }
            return UNDEFINED;
        }

        static Object slice(Object obj, Object start, Object stop, Object step) {
            List<Object> items = obj instanceof String ? iterate(obj) : iterate(obj);
            int n = items.size();
            long st = step == null ? 1 : toLong(step);
            if (st == 0) {
                throw error("slice step cannot be zero");
            }
            List<Object> out = new ArrayList<>();
            if (st > 0) {
                long a = start == null ? 0 : norm(toLong(start), n);
                long b = stop == null ? n : norm(toLong(stop), n);
                for (long i = a; i < b; i += st) {
                    out.add(items.get((int) i));
                }
            } else {
                long a = start == null ? n - 1 : Math.min(n - 1, normNeg(toLong(start), n));
                long b = stop == null ? -1 : normNeg(toLong(stop), n);
                for (long i = a; i > b; i += st) {
                    out.add(items.get((int) i));
                }
            }
            if (obj instanceof String) {
                StringBuilder sb = new StringBuilder();
                out.forEach(sb::append);
                return sb.toString();
            }
            return out;
        }

        private static long norm(long i, int n) {
            if (i < 0) {
                i += n;
            }
            return Math.max(0, Math.min(n, i));
        }

        private static long normNeg(long i, int n) {
            if (i < 0) {
                i += n;
            }
            return Math.max(-1, Math.min(n - 1, i));
        }

        static Object call(Object fn, List<Object> args, Map<String, Object> kwargs) {
            if (fn instanceof Fn f) {
                return f.call(args, kwargs);
            }
            throw error(
                    "'"
                            + str(fn)
                            + "' is not a function (supported: raise_exception, namespace, range, strftime_now)");
        }

        static Object method(Object obj, String name, List<Object> args) {
            if (obj instanceof String s) {
                switch (name) {
                    case "strip":
                        return args.isEmpty()
                                ? s.strip()
                                : stripChars(s, str(args.get(0)), true, true);
                    case "lstrip":
                        return args.isEmpty()
                                ? s.stripLeading()
                                : stripChars(s, str(args.get(0)), true, false);
                    case "rstrip":
                        return args.isEmpty()
                                ? s.stripTrailing()
                                : stripChars(s, str(args.get(0)), false, true);
                    case "startswith":
                        return s.startsWith(str(args.get(0)));
                    case "endswith":
                        return s.endsWith(str(args.get(0)));
                    case "upper":
                        return s.toUpperCase(Locale.ROOT);
                    case "lower":
                        return s.toLowerCase(Locale.ROOT);
                    case "title":
                        return title(s);
                    case "capitalize":
                        return s.isEmpty()
                                ? s
                                : s.substring(0, 1).toUpperCase(Locale.ROOT)
                                        + s.substring(1).toLowerCase(Locale.ROOT);
                    case "replace":
                        return s.replace(str(args.get(0)), str(args.get(1)));
                    case "split":
                        {
                            List<Object> out = new ArrayList<>();
                            if (args.isEmpty() || args.get(0) == null) {
                                for (String p : s.strip().split("\\s+")) {
                                    if (!p.isEmpty()) {
                                        out.add(p);
                                    }
                                }
                            } else {
                                String sep = str(args.get(0));
                                int from = 0;
                                int at;
                                while ((at = s.indexOf(sep, from)) >= 0) {
                                    out.add(s.substring(from, at));
                                    from = at + sep.length();
                                }
                                out.add(s.substring(from));
                            }
                            return out;
                        }
                    default:
                        break;
                }
            }
            if (obj instanceof Map<?, ?> m) {
                switch (name) {
                    case "items":
                        {
                            List<Object> out = new ArrayList<>();
                            m.forEach((k, v) -> out.add(List.of(k, v == null ? "" : v)));
                            return out;
                        }
                    case "keys":
                        return new ArrayList<Object>(m.keySet());
                    case "values":
                        return new ArrayList<Object>(m.values());
                    case "get":
                        {
                            String k = str(args.get(0));
                            return m.containsKey(k)
                                    ? m.get(k)
                                    : args.size() > 1 ? args.get(1) : null;
                        }
                    default:
                        break;
                }
            }
            throw error("method '" + name + "' of " + typeName(obj) + " is not supported");
        }

        private static String stripChars(String s, String chars, boolean left, boolean right) {
            int a = 0;
            int b = s.length();
            while (left && a < b && chars.indexOf(s.charAt(a)) >= 0) {
                a++;
            }
            while (right && b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
                b--;
            }
            return s.substring(a, b);
        }

        private static String title(String s) {
            StringBuilder b = new StringBuilder();
            boolean start = true;
            for (char c : s.toCharArray()) {
                b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = !Character.isLetterOrDigit(c);
            }
            return b.toString();
        }

        static Object filter(String name, Object v, List<Object> args) {
            switch (name) {
                case "trim":
                    return str(v).strip();
                case "length":
                case "count":
                    if (v instanceof String s) {
                        return (long) s.codePointCount(0, s.length());
                    }
                    if (v instanceof Map<?, ?> m) {
                        return (long) m.size();
                    }
                    return (long) iterate(v).size();
                case "tojson":
                    return pythonJson(v == UNDEFINED ? null : v);
                case "upper":
                    return str(v).toUpperCase(Locale.ROOT);
                case "lower":
                    return str(v).toLowerCase(Locale.ROOT);
                case "title":
                    return title(str(v));
                case "capitalize":
                    return method(str(v), "capitalize", List.of());
                case "string":
                case "safe":
                    return v instanceof String ? v : str(v);
                case "int":
                    if (v instanceof Number n) {
                        return n.longValue();
                    }
                    return toLong(v);
                case "float":
                    return v instanceof Number n ? n.doubleValue() : Double.parseDouble(str(v));
                case "first":
                    {
                        List<Object> l = iterate(v);
                        return l.isEmpty() ? UNDEFINED : l.get(0);
                    }
                case "last":
                    {
                        List<Object> l = iterate(v);
                        return l.isEmpty() ? UNDEFINED : l.get(l.size() - 1);
                    }
                case "reverse":
                    {
                        if (v instanceof String s) {
                            return new StringBuilder(s).reverse().toString();
                        }
                        List<Object> l = new ArrayList<>(iterate(v));
                        java.util.Collections.reverse(l);
                        return l;
                    }
                case "list":
                    return new ArrayList<>(iterate(v));
                case "items":
                    return method(v, "items", List.of());
                case "join":
                    {
                        String sep = args.isEmpty() ? "" : str(args.get(0));
                        List<String> parts = new ArrayList<>();
                        for (Object o : iterate(v)) {
                            parts.add(str(o));
                        }
                        return String.join(sep, parts);
                    }
                case "default":
                case "d":
                    {
                        boolean orFalsy = args.size() > 1 && truthy(args.get(1));
                        boolean use = v == UNDEFINED || (orFalsy && !truthy(v));
                        return use ? (args.isEmpty() ? "" : args.get(0)) : v;
                    }
                default:
                    throw error("filter '" + name + "' is not supported");
            }
        }

        /** JSON as Python's json.dumps writes it (", " and ": " separators), as tojson does. */
        static String pythonJson(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof String s) {
                try {
                    return JSON.writeValueAsString(s);
                } catch (JsonProcessingException e) {
                    throw error("tojson: " + e.getMessage());
                }
            }
            if (v instanceof Boolean b) {
                return b ? "true" : "false";
            }
            if (v instanceof Number n) {
                return n.toString();
            }
            if (v instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                l.forEach(o -> parts.add(pythonJson(o)));
                return "[" + String.join(", ", parts) + "]";
            }
            if (v instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                m.forEach(
                        (k, o) -> parts.add(pythonJson(String.valueOf(k)) + ": " + pythonJson(o)));
                return "{" + String.join(", ", parts) + "}";
            }
            return pythonJson(str(v));
        }

        static boolean test(String name, Object v, Object arg) {
            return switch (name) {
                case "defined" -> v != UNDEFINED;
                case "undefined" -> v == UNDEFINED;
                case "none" -> v == null;
                case "string" -> v instanceof String;
                case "number" -> v instanceof Number;
                case "integer" -> v instanceof Long || v instanceof Integer;
                case "float" -> v instanceof Double;
                case "boolean" -> v instanceof Boolean;
                case "true" -> Boolean.TRUE.equals(v);
                case "false" -> Boolean.FALSE.equals(v);
                case "mapping" -> v instanceof Map;
                case "iterable" -> v instanceof List || v instanceof Map || v instanceof String;
                case "sequence" -> v instanceof List || v instanceof String;
                case "odd" -> toLong(v) % 2 != 0;
                case "even" -> toLong(v) % 2 == 0;
                case "eq", "equalto", "sameas" -> eq(v, arg);
                default -> throw error("test 'is " + name + "' is not supported");
            };
        }
    }
}
