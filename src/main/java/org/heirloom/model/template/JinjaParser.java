package org.heirloom.model.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.model.template.JinjaLexer.T;
import org.heirloom.model.template.JinjaLexer.Tok;
import org.heirloom.model.template.JinjaRuntime.Expr;
import org.heirloom.model.template.JinjaRuntime.Scope;

/**
 * Jinja2's grammar (statements and expressions, same precedence) over the lexer's tokens.
 *
 * <p>Long on purpose (about 900 lines): a recursive-descent parser reads as one grammar, one method
 * per rule in Jinja2's own order, so the precedence levels can be compared with Jinja2's parser
 * side by side.
 */
final class JinjaParser {

    interface Node {
        int pos();
    }

    record Text(int pos, String text) implements Node {}

    record Output(int pos, Expr expr) implements Node {}

    record If(int pos, List<Expr> conds, List<List<Node>> bodies, List<Node> otherwise)
            implements Node {}

    record For(
            int pos, Target target, Expr iter, Expr filter, List<Node> body, List<Node> otherwise)
            implements Node {}

    /** One name, {@code ns.attr}, or a tuple of names. */
    record Target(List<String> names, String attr) {}

    record SetValue(int pos, Target target, Expr value) implements Node {}

    record SetBlock(int pos, String name, List<Filter> filters, List<Node> body) implements Node {}

    record Filter(String name, List<Expr> args, Map<String, Expr> kwargs) {}

    record Param(String name, Expr fallback) {}

    record MacroDef(int pos, String name, List<Param> params, List<Node> body) implements Node {}

    record CallBlock(int pos, List<Param> params, Call call, List<Node> body) implements Node {}

    record FilterBlock(int pos, List<Filter> filters, List<Node> body) implements Node {}

    record Body(int pos, List<Node> body) implements Node {}

    record With(int pos, List<String> names, List<Expr> values, List<Node> body) implements Node {}

    record Do(int pos, Expr expr) implements Node {}

    record Loop(int pos, boolean isBreak) implements Node {}

    /** A call whose keyword arguments a call block extends with {@code caller}. */
    record Call(Expr fn, List<Expr> args, Map<String, Expr> kwargs) implements Expr {
        @Override
        public Object eval(Scope s) {
            return JinjaRuntime.call(fn.eval(s), evalAll(args, s), evalMap(kwargs, s));
        }
    }

    private static final Set<String> UNSUPPORTED =
            Set.of("include", "import", "from", "extends", "block", "autoescape");
    private final Jinja.Source src;
    private final List<Tok> toks;
    private int p;

    JinjaParser(Jinja.Source src, List<Tok> toks) {
        this.src = src;
        this.toks = toks;
    }

    List<Node> parse() {
        return body(Set.of(), null, 0);
    }

    // ------------------------------------------------------------------ token helpers

    private Tok peek() {
        return toks.get(p);
    }

    private Tok peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    private Tok next() {
        return toks.get(p++);
    }

    private boolean isOp(String v) {
        return peek().is(T.OP, v);
    }

    private boolean isName(String v) {
        return peek().is(T.NAME, v);
    }

    private boolean acceptOp(String v) {
        if (isOp(v)) {
            p++;
            return true;
        }
        return false;
    }

    private boolean acceptName(String v) {
        if (isName(v)) {
            p++;
            return true;
        }
        return false;
    }

    private RuntimeException unexpected(String wanted) {
        Tok t = peek();
        String found =
                switch (t.type()) {
                    case EOF -> "end of template";
                    case BLOCK_END, VAR_END -> "end of tag '" + t.value() + "'";
                    case STRING -> "string '" + t.value() + "'";
                    case DATA -> "text";
                    default -> "'" + t.value() + "'";
                };
        return src.error(t.pos(), "expected " + wanted + ", found " + found);
    }

    private void expectOp(String v) {
        if (!acceptOp(v)) {
            throw unexpected("'" + v + "'");
        }
    }

    private void expectName(String v) {
        if (!acceptName(v)) {
            throw unexpected("'" + v + "'");
        }
    }

    private String name() {
        if (peek().type() != T.NAME) {
            throw unexpected("a name");
        }
        return next().value();
    }

    private void endTag() {
        if (peek().type() != T.BLOCK_END) {
            throw unexpected("end of statement '%}'");
        }
        p++;
    }

    // ------------------------------------------------------------------ statements

    /** Nodes up to a block tag named in {@code ends} (left unconsumed) or the end. */
    private List<Node> body(Set<String> ends, String opener, int openPos) {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Tok t = peek();
            switch (t.type()) {
                case DATA -> {
                    nodes.add(new Text(t.pos(), t.value()));
                    p++;
                }
                case VAR_BEGIN -> {
                    p++;
                    Expr e = expr();
                    if (peek().type() != T.VAR_END) {
                        throw unexpected("end of print statement '}}'");
                    }
                    p++;
                    nodes.add(new Output(t.pos(), e));
                }
                case BLOCK_BEGIN -> {
                    Tok kw = peek(1);
                    if (kw.type() == T.NAME && ends.contains(kw.value())) {
                        return nodes;
                    }
                    nodes.add(statement());
                }
                case EOF -> {
                    if (!ends.isEmpty()) {
                        throw src.error(
                                openPos,
                                "'{% "
                                        + opener
                                        + " %}' is never closed (expected one of "
                                        + String.join(", ", new java.util.TreeSet<>(ends))
                                        + ")");
                    }
                    return nodes;
                }
                default -> throw unexpected("text or a tag");
            }
        }
    }

    /** Consumes {@code {% name} and returns the name. */
    private String closing() {
        p++;
        return next().value();
    }

    private Node statement() {
        int pos = next().pos();
        Tok kw = peek();
        if (kw.type() != T.NAME) {
            throw unexpected("a statement name");
        }
        p++;
        String k = kw.value();
        switch (k) {
            case "if":
                return ifStatement(pos);
            case "for":
                return forStatement(pos);
            case "set":
                return setStatement(pos);
            case "macro":
                {
                    String name = name();
                    List<Param> params = params();
                    endTag();
                    List<Node> body = body(Set.of("endmacro"), "macro", pos);
                    closeWith();
                    return new MacroDef(pos, name, params, body);
                }
            case "call":
                {
                    List<Param> params = isOp("(") ? params() : List.of();
                    Expr e = expr();
                    if (!(e instanceof Call c)) {
                        throw src.error(pos, "'{% call %}' needs a macro call");
                    }
                    endTag();
                    List<Node> body = body(Set.of("endcall"), "call", pos);
                    closeWith();
                    return new CallBlock(pos, params, c, body);
                }
            case "filter":
                {
                    List<Filter> filters = new ArrayList<>();
                    do {
                        filters.add(filterCall());
                    } while (acceptOp("|"));
                    endTag();
                    List<Node> body = body(Set.of("endfilter"), "filter", pos);
                    closeWith();
                    return new FilterBlock(pos, filters, body);
                }
            case "generation":
                {
                    // transformers marks assistant text with it; it renders its body unchanged.
                    endTag();
                    List<Node> body = body(Set.of("endgeneration"), "generation", pos);
                    closeWith();
                    return new Body(pos, body);
                }
            case "with":
                {
                    List<String> names = new ArrayList<>();
                    List<Expr> values = new ArrayList<>();
                    while (peek().type() == T.NAME) {
                        names.add(name());
                        expectOp("=");
                        values.add(expr());
                        if (!acceptOp(",")) {
                            break;
                        }
                    }
                    endTag();
                    List<Node> body = body(Set.of("endwith"), "with", pos);
                    closeWith();
                    return new With(pos, names, values, body);
                }
            case "do":
                {
                    Expr e = expr();
                    endTag();
                    return new Do(pos, e);
                }
            case "break":
            case "continue":
                endTag();
                return new Loop(pos, k.equals("break"));
            default:
                throw src.error(
                        kw.pos(),
                        UNSUPPORTED.contains(k)
                                ? "'{% " + k + " %}' is not supported in chat templates"
                                : "unknown tag '" + k + "'");
        }
    }

    /** Consumes the closing tag a body stopped at. */
    private void closeWith() {
        closing();
        endTag();
    }

    private Node ifStatement(int pos) {
        List<Expr> conds = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        List<Node> otherwise = List.of();
        conds.add(expr());
        endTag();
        while (true) {
            bodies.add(body(Set.of("elif", "else", "endif"), "if", pos));
            String k = closing();
            if (k.equals("elif")) {
                conds.add(expr());
                endTag();
            } else if (k.equals("else")) {
                endTag();
                otherwise = body(Set.of("endif"), "if", pos);
                closeWith();
                break;
            } else {
                endTag();
                break;
            }
        }
        return new If(pos, conds, bodies, otherwise);
    }

    private Node forStatement(int pos) {
        Target target = target(false);
        expectName("in");
        Expr iter = tuple(false);
        Expr filter = acceptName("if") ? expr() : null;
        if (isName("recursive")) {
            throw src.error(peek().pos(), "'for ... recursive' is not supported");
        }
        endTag();
        List<Node> body = body(Set.of("else", "endfor"), "for", pos);
        List<Node> otherwise = List.of();
        if (closing().equals("else")) {
            endTag();
            otherwise = body(Set.of("endfor"), "for", pos);
            closing();
        }
        endTag();
        return new For(pos, target, iter, filter, body, otherwise);
    }

    private Node setStatement(int pos) {
        Target target = target(true);
        if (acceptOp("=")) {
            Expr value = tuple(true);
            endTag();
            return new SetValue(pos, target, value);
        }
        if (target.names().size() != 1 || target.attr() != null) {
            throw unexpected("'='");
        }
        List<Filter> filters = new ArrayList<>();
        while (acceptOp("|")) {
            filters.add(filterCall());
        }
        endTag();
        List<Node> body = body(Set.of("endset"), "set", pos);
        closeWith();
        return new SetBlock(pos, target.names().get(0), filters, body);
    }

    private Target target(boolean allowAttr) {
        boolean paren = acceptOp("(");
        List<String> names = new ArrayList<>();
        names.add(name());
        if (allowAttr && names.size() == 1 && acceptOp(".")) {
            return new Target(names, name());
        }
        while (acceptOp(",")) {
            if (peek().type() != T.NAME) {
                break;
            }
            names.add(name());
        }
        if (paren) {
            expectOp(")");
        }
        return new Target(names, null);
    }

    private List<Param> params() {
        expectOp("(");
        List<Param> params = new ArrayList<>();
        while (!acceptOp(")")) {
            String n = name();
            params.add(new Param(n, acceptOp("=") ? expr() : null));
            if (!acceptOp(",")) {
                expectOp(")");
                break;
            }
        }
        return params;
    }

    private Filter filterCall() {
        String n = dottedName();
        List<Expr> args = new ArrayList<>();
        Map<String, Expr> kwargs = new LinkedHashMap<>();
        if (acceptOp("(")) {
            args(args, kwargs);
        }
        return new Filter(n, args, kwargs);
    }

    private String dottedName() {
        StringBuilder b = new StringBuilder(name());
        while (isOp(".") && peek(1).type() == T.NAME) {
            p++;
            b.append('.').append(name());
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ expressions

    Expr expr() {
        Expr a = or();
        while (acceptName("if")) {
            Expr cond = or();
            Expr b = acceptName("else") ? expr() : null;
            Expr then = a;
            a =
                    s ->
                            JinjaValues.truthy(cond.eval(s))
                                    ? then.eval(s)
                                    : b == null ? Jinja.UNDEFINED : b.eval(s);
        }
        return a;
    }

    /** Comma-separated expressions: one alone is itself, more make a list (a tuple). */
    private Expr tuple(boolean withCond) {
        List<Expr> items = new ArrayList<>();
        boolean comma = false;
        while (true) {
            if (!items.isEmpty() && endOfTuple()) {
                break;
            }
            items.add(withCond ? expr() : or());
            if (acceptOp(",")) {
                comma = true;
            } else {
                break;
            }
        }
        if (!comma) {
            return items.get(0);
        }
        return s -> new JinjaValues.Tuple(evalAll(items, s));
    }

    private boolean endOfTuple() {
        Tok t = peek();
        return t.type() == T.BLOCK_END
                || t.type() == T.VAR_END
                || t.is(T.OP, ")")
                || t.is(T.NAME, "if");
    }

    private Expr or() {
        Expr a = and();
        while (acceptName("or")) {
            Expr l = a;
            Expr r = and();
            a =
                    s -> {
                        Object v = l.eval(s);
                        return JinjaValues.truthy(v) ? v : r.eval(s);
                    };
        }
        return a;
    }

    private Expr and() {
        Expr a = not();
        while (acceptName("and")) {
            Expr l = a;
            Expr r = not();
            a =
                    s -> {
                        Object v = l.eval(s);
                        return !JinjaValues.truthy(v) ? v : r.eval(s);
                    };
        }
        return a;
    }

    private Expr not() {
        if (acceptName("not")) {
            Expr e = not();
            return s -> !JinjaValues.truthy(e.eval(s));
        }
        return compare();
    }

    private static final Set<String> COMPARE = Set.of("==", "!=", "<", ">", "<=", ">=");

    private Expr compare() {
        Expr first = math1();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Tok t = peek();
            if (t.type() == T.OP && COMPARE.contains(t.value())) {
                p++;
                ops.add(t.value());
            } else if (t.is(T.NAME, "in")) {
                p++;
                ops.add("in");
            } else if (t.is(T.NAME, "not") && peek(1).is(T.NAME, "in")) {
                p += 2;
                ops.add("not in");
            } else {
                break;
            }
            rest.add(math1());
        }
        if (ops.isEmpty()) {
            return first;
        }
        // Chained comparisons hold pairwise, as in Python (a < b < c).
        return s -> {
            Object l = first.eval(s);
            for (int i = 0; i < ops.size(); i++) {
                Object r = rest.get(i).eval(s);
                if (!JinjaValues.compare(ops.get(i), l, r)) {
                    return false;
                }
                l = r;
            }
            return true;
        };
    }

    private Expr binary(Expr l, String op, Expr r) {
        return switch (op) {
            case "~" -> s -> JinjaValues.str(l.eval(s)) + JinjaValues.str(r.eval(s));
            default -> s -> JinjaValues.arith(op, l.eval(s), r.eval(s));
        };
    }

    private Expr math1() {
        Expr a = concat();
        while (isOp("+") || isOp("-")) {
            String op = next().value();
            a = binary(a, op, concat());
        }
        return a;
    }

    private Expr concat() {
        Expr a = math2();
        while (acceptOp("~")) {
            a = binary(a, "~", math2());
        }
        return a;
    }

    private Expr math2() {
        Expr a = pow();
        while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
            String op = next().value();
            a = binary(a, op, pow());
        }
        return a;
    }

    private Expr pow() {
        Expr a = unary(true);
        while (acceptOp("**")) {
            a = binary(a, "**", unary(true));
        }
        return a;
    }

    private Expr unary(boolean withFilter) {
        Expr node;
        if (acceptOp("-")) {
            Expr e = unary(false);
            node = s -> JinjaValues.arith("-", 0L, e.eval(s));
        } else if (acceptOp("+")) {
            node = unary(false);
        } else {
            node = primary();
        }
        node = postfix(node);
        return withFilter ? filterExpr(node) : node;
    }

    private Expr primary() {
        Tok t = next();
        switch (t.type()) {
            case NAME:
                switch (t.value()) {
                    case "true", "True":
                        return s -> Boolean.TRUE;
                    case "false", "False":
                        return s -> Boolean.FALSE;
                    case "none", "None":
                        return s -> null;
                    default:
                        String n = t.value();
                        return s -> s.lookup(n);
                }
            case STRING:
                {
                    StringBuilder b = new StringBuilder(t.value());
                    while (peek().type() == T.STRING) {
                        b.append(next().value());
                    }
                    String lit = b.toString();
                    return s -> lit;
                }
            case INT:
                {
                    Object v;
                    try {
                        v = Long.parseLong(t.value());
                    } catch (NumberFormatException e) {
                        v = Double.parseDouble(t.value());
                    }
                    Object num = v;
                    return s -> num;
                }
            case FLOAT:
                {
                    double d = Double.parseDouble(t.value());
                    return s -> d;
                }
            case OP:
                switch (t.value()) {
                    case "(":
                        {
                            if (acceptOp(")")) {
                                return s -> new JinjaValues.Tuple(List.of());
                            }
                            Expr e = tuple(true);
                            expectOp(")");
                            return e;
                        }
                    case "[":
                        {
                            List<Expr> items = new ArrayList<>();
                            while (!acceptOp("]")) {
                                items.add(expr());
                                if (!acceptOp(",")) {
                                    expectOp("]");
                                    break;
                                }
                            }
                            return s -> evalAll(items, s);
                        }
                    case "{":
                        {
                            List<Expr> keys = new ArrayList<>();
                            List<Expr> vals = new ArrayList<>();
                            while (!acceptOp("}")) {
                                keys.add(expr());
                                expectOp(":");
                                vals.add(expr());
                                if (!acceptOp(",")) {
                                    expectOp("}");
                                    break;
                                }
                            }
                            return s -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                for (int i = 0; i < keys.size(); i++) {
                                    m.put(
                                            JinjaValues.str(keys.get(i).eval(s)),
                                            vals.get(i).eval(s));
                                }
                                return m;
                            };
                        }
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        p--;
        throw unexpected("an expression");
    }

    private Expr postfix(Expr node) {
        while (true) {
            if (isOp(".")) {
                p++;
                Tok t = next();
                if (t.type() == T.INT) {
                    long idx = Long.parseLong(t.value());
                    Expr obj = node;
                    node = s -> JinjaValues.item(obj.eval(s), idx);
                } else if (t.type() == T.NAME) {
                    String attr = t.value();
                    Expr obj = node;
                    if (isOp("(")) {
                        p++;
                        List<Expr> args = new ArrayList<>();
                        Map<String, Expr> kwargs = new LinkedHashMap<>();
                        args(args, kwargs);
                        node =
                                s ->
                                        JinjaBuiltins.method(
                                                obj.eval(s),
                                                attr,
                                                evalAll(args, s),
                                                evalMap(kwargs, s));
                    } else {
                        node = s -> JinjaValues.attr(obj.eval(s), attr);
                    }
                } else {
                    p--;
                    throw unexpected("an attribute name");
                }
            } else if (isOp("[")) {
                p++;
                node = subscript(node);
            } else if (isOp("(")) {
                p++;
                List<Expr> args = new ArrayList<>();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                args(args, kwargs);
                node = new Call(node, args, kwargs);
            } else {
                return node;
            }
        }
    }

    private Expr subscript(Expr obj) {
        Expr[] parts = new Expr[3];
        boolean slice = false;
        if (!isOp(":")) {
            parts[0] = expr();
        }
        if (acceptOp(":")) {
            slice = true;
            if (!isOp(":") && !isOp("]")) {
                parts[1] = expr();
            }
            if (acceptOp(":") && !isOp("]")) {
                parts[2] = expr();
            }
        }
        expectOp("]");
        if (slice) {
            return s ->
                    JinjaValues.slice(
                            obj.eval(s), ev(parts[0], s), ev(parts[1], s), ev(parts[2], s));
        }
        Expr idx = parts[0];
        return s -> JinjaValues.item(obj.eval(s), idx.eval(s));
    }

    private static Object ev(Expr e, Scope s) {
        return e == null ? null : e.eval(s);
    }

    private Expr filterExpr(Expr node) {
        while (true) {
            if (acceptOp("|")) {
                Filter f = filterCall();
                Expr v = node;
                node =
                        s ->
                                JinjaBuiltins.filter(
                                        f.name(),
                                        v.eval(s),
                                        evalAll(f.args(), s),
                                        evalMap(f.kwargs(), s));
            } else if (acceptName("is")) {
                boolean negate = acceptName("not");
                String test = dottedName();
                List<Expr> args = new ArrayList<>();
                Tok t = peek();
                if (isOp("(")) {
                    p++;
                    args(args, new LinkedHashMap<>());
                } else if ((t.type() == T.NAME
                                || t.type() == T.STRING
                                || t.type() == T.INT
                                || t.type() == T.FLOAT
                                || t.is(T.OP, "[")
                                || t.is(T.OP, "{"))
                        && !Set.of("else", "or", "and", "if", "is").contains(t.value())) {
                    args.add(postfix(primary()));
                }
                Expr v = node;
                node = s -> negate != JinjaBuiltins.test(test, v.eval(s), evalAll(args, s));
            } else if (isOp("(")) {
                p++;
                List<Expr> args = new ArrayList<>();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                args(args, kwargs);
                node = new Call(node, args, kwargs);
            } else {
                return node;
            }
        }
    }

    /** After '(': positional and keyword arguments up to ')'. */
    private void args(List<Expr> args, Map<String, Expr> kwargs) {
        while (!acceptOp(")")) {
            if (acceptOp("*")) {
                args.add(new Splat(expr()));
            } else if (acceptOp("**")) {
                kwargs.put("**" + kwargs.size(), expr());
            } else if (peek().type() == T.NAME && peek(1).is(T.OP, "=")) {
                String k = name();
                p++;
                kwargs.put(k, expr());
            } else {
                args.add(expr());
            }
            if (!acceptOp(",")) {
                expectOp(")");
                return;
            }
        }
    }

    /** {@code *seq} in a call: its items become positional arguments. */
    record Splat(Expr seq) implements Expr {
        @Override
        public Object eval(Scope s) {
            return seq.eval(s);
        }
    }

    static List<Object> evalAll(List<Expr> es, Scope s) {
        List<Object> out = new ArrayList<>(es.size());
        for (Expr e : es) {
            if (e instanceof Splat sp) {
                out.addAll(JinjaValues.iterate(sp.eval(s)));
            } else {
                out.add(e.eval(s));
            }
        }
        return out;
    }

    /** Keyword arguments; a {@code **mapping} entry (key starting "**") spreads its pairs. */
    static Map<String, Object> evalMap(Map<String, Expr> es, Scope s) {
        Map<String, Object> out = new LinkedHashMap<>();
        es.forEach(
                (k, e) -> {
                    Object v = e.eval(s);
                    if (k.startsWith("**")) {
                        if (!(v instanceof Map<?, ?> m)) {
                            throw JinjaRuntime.error(
                                    "** needs a mapping, got " + JinjaValues.describe(v));
                        }
                        m.forEach((x, y) -> out.put(JinjaValues.str(x), y));
                    } else {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
