package org.heirloom.model.template;

import static org.heirloom.model.template.JinjaValues.describe;
import static org.heirloom.model.template.JinjaValues.iterate;
import static org.heirloom.model.template.JinjaValues.str;
import static org.heirloom.model.template.JinjaValues.truthy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heirloom.model.template.JinjaRuntime.Fn;
import org.heirloom.model.template.JinjaRuntime.Namespace;

/**
 * Jinja2's builtin globals, filters and tests, the Python string and dict methods templates call,
 * and the extras transformers adds ({@code raise_exception}, {@code strftime_now}, a {@code tojson}
 * that does not escape HTML).
 *
 * <p>Long on purpose (about 1,000 lines): one flat table of small builtins, each a few lines that
 * mirror Jinja2's or Python's definition, is easier to check against them than the same table
 * spread over files.
 */
final class JinjaBuiltins {

    private JinjaBuiltins() {}

    static final Map<String, Object> GLOBALS = new HashMap<>();

    static {
        GLOBALS.put(
                "raise_exception",
                (Fn)
                        (a, k) -> {
                            throw JinjaRuntime.error(
                                    "the template raised: " + (a.isEmpty() ? "" : str(a.get(0))));
                        });
        GLOBALS.put(
                "namespace",
                (Fn)
                        (a, k) -> {
                            Namespace ns = new Namespace();
                            for (Object o : a) {
                                if (o instanceof Map<?, ?> m) {
                                    m.forEach((x, y) -> ns.put(str(x), y));
                                }
                            }
                            ns.putAll(k);
                            return ns;
                        });
        GLOBALS.put(
                "dict",
                (Fn)
                        (a, k) -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            if (!a.isEmpty() && a.get(0) instanceof Map<?, ?> src) {
                                src.forEach((x, y) -> m.put(str(x), y));
                            }
                            m.putAll(k);
                            return m;
                        });
        GLOBALS.put(
                "range",
                (Fn)
                        (a, k) -> {
                            long start = a.size() > 1 ? JinjaValues.toLong(a.get(0)) : 0;
                            long stop = JinjaValues.toLong(a.get(a.size() > 1 ? 1 : 0));
                            long step = a.size() > 2 ? JinjaValues.toLong(a.get(2)) : 1;
                            if (step == 0) {
                                throw JinjaRuntime.error("range() step must not be zero");
                            }
                            List<Object> out = new ArrayList<>();
                            for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
                                out.add(i);
                            }
                            return out;
                        });
        GLOBALS.put("strftime_now", strftimeNow(null));
    }

    /** {@code strftime_now(format)} at {@code now}, or at the current UTC time when null. */
    static Fn strftimeNow(java.time.Instant now) {
        return (a, k) ->
                strftime(
                        str(a.get(0)),
                        ZonedDateTime.ofInstant(
                                now == null ? java.time.Instant.now() : now, ZoneOffset.UTC));
    }

    /** Python's strftime for the codes templates use. */
    static String strftime(String fmt, ZonedDateTime t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                b.append(c);
                continue;
            }
            char code = fmt.charAt(++i);
            b.append(
                    switch (code) {
                        case 'd' -> String.format("%02d", t.getDayOfMonth());
                        case 'e' -> String.format("%2d", t.getDayOfMonth());
                        case 'm' -> String.format("%02d", t.getMonthValue());
                        case 'Y' -> String.valueOf(t.getYear());
                        case 'y' -> String.format("%02d", t.getYear() % 100);
                        case 'H' -> String.format("%02d", t.getHour());
                        case 'I' -> String.format("%02d", (t.getHour() + 11) % 12 + 1);
                        case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                        case 'M' -> String.format("%02d", t.getMinute());
                        case 'S' -> String.format("%02d", t.getSecond());
                        case 'j' -> String.format("%03d", t.getDayOfYear());
                        case 'b' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                        case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                        case 'a' ->
                                t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                        case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                        case '%' -> "%";
                        default -> "%" + code;
                    });
        }
        return b.toString();
    }

    private static Object arg(List<Object> a, Map<String, Object> k, int i, String name, Object d) {
        if (i < a.size()) {
            return a.get(i);
        }
        return k.getOrDefault(name, d);
    }

    // ------------------------------------------------------------------ filters

    static Object filter(String name, Object v, List<Object> a, Map<String, Object> k) {
        switch (name) {
            case "trim":
                return a.isEmpty()
                        ? pyStrip(str(v), null, true, true)
                        : pyStrip(str(v), str(a.get(0)), true, true);
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
                {
                    Object indent = arg(List.of(), k, 0, "indent", a.isEmpty() ? null : a.get(0));
                    return TemplateJson.dumps(
                            v,
                            indent,
                            truthy(k.getOrDefault("sort_keys", false)),
                            k.get("separators") instanceof List<?> sep ? sep : null);
                }
            case "upper":
                return str(v).toUpperCase(Locale.ROOT);
            case "lower":
                return str(v).toLowerCase(Locale.ROOT);
            case "title":
                return title(str(v));
            case "capitalize":
                {
                    String s = str(v);
                    return s.isEmpty()
                            ? s
                            : s.substring(0, 1).toUpperCase(Locale.ROOT)
                                    + s.substring(1).toLowerCase(Locale.ROOT);
                }
            case "string":
            case "safe":
            case "forceescape":
                return str(v);
            case "e":
            case "escape":
                return str(v).replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&#34;")
                        .replace("'", "&#39;");
            case "int":
                return toInt(v, arg(a, k, 0, "default", 0L));
            case "float":
                return toFloat(v, arg(a, k, 0, "default", 0.0));
            case "abs":
                return v instanceof Double d
                        ? (Object) Math.abs(d)
                        : (Object) Math.abs(JinjaValues.toLong(v));
            case "round":
                {
                    int prec = (int) JinjaValues.toLong(arg(a, k, 0, "precision", 0L));
                    String method = str(arg(a, k, 1, "method", "common"));
                    double x = ((Number) v).doubleValue();
                    if (method.equals("common")) {
                        // Python's round(): half to even on the exact binary value (2.675 -> 2.67).
                        return new java.math.BigDecimal(x)
                                .setScale(prec, java.math.RoundingMode.HALF_EVEN)
                                .doubleValue();
                    }
                    double scale = Math.pow(10, prec);
                    return (method.equals("floor") ? Math.floor(x * scale) : Math.ceil(x * scale))
                            / scale;
                }
            case "first":
                {
                    List<Object> l = iterate(v);
                    return l.isEmpty() ? Jinja.UNDEFINED : l.get(0);
                }
            case "last":
                {
                    List<Object> l = iterate(v);
                    return l.isEmpty() ? Jinja.UNDEFINED : l.get(l.size() - 1);
                }
            case "reverse":
                {
                    if (v instanceof String s) {
                        return new StringBuilder(s).reverse().toString();
                    }
                    List<Object> l = new ArrayList<>(iterate(v));
                    Collections.reverse(l);
                    return l;
                }
            case "list":
                return new ArrayList<>(iterate(v));
            case "items":
                return items(v);
            case "dictsort":
                {
                    List<Object> l = items(v);
                    boolean byValue = str(arg(a, k, 2, "by", "key")).equals("value");
                    l.sort(
                            (x, y) ->
                                    sortOrder(
                                            ((List<?>) x).get(byValue ? 1 : 0),
                                            ((List<?>) y).get(byValue ? 1 : 0),
                                            truthy(arg(a, k, 0, "case_sensitive", false))));
                    if (truthy(arg(a, k, 3, "reverse", false))) {
                        Collections.reverse(l);
                    }
                    return l;
                }
            case "join":
                {
                    String sep = str(arg(a, k, 0, "d", ""));
                    Object attribute = arg(a, k, 1, "attribute", null);
                    List<String> parts = new ArrayList<>();
                    for (Object o : iterate(v)) {
                        parts.add(str(attribute == null ? o : path(o, attribute)));
                    }
                    return String.join(sep, parts);
                }
            case "default":
            case "d":
                {
                    boolean orFalsy = truthy(arg(a, k, 1, "boolean", false));
                    boolean use = v == Jinja.UNDEFINED || (orFalsy && !truthy(v));
                    return use ? arg(a, k, 0, "default_value", "") : v;
                }
            case "replace":
                {
                    String s = str(v);
                    String old = str(a.get(0));
                    String rep = str(a.get(1));
                    long count =
                            a.size() > 2
                                    ? JinjaValues.toLong(a.get(2))
                                    : JinjaValues.toLong(k.getOrDefault("count", -1L));
                    return replace(s, old, rep, count);
                }
            case "indent":
                return indent(
                        str(v),
                        arg(a, k, 0, "width", 4L),
                        truthy(arg(a, k, 1, "first", false)),
                        truthy(arg(a, k, 2, "blank", false)));
            case "center":
                {
                    int w = (int) JinjaValues.toLong(arg(a, k, 0, "width", 80L));
                    String s = str(v);
                    int pad = Math.max(0, w - s.length());
                    int left = pad / 2 + (pad % 2 == 1 && w % 2 == 1 ? 1 : 0);
                    return " ".repeat(left) + s + " ".repeat(pad - left);
                }
            case "wordcount":
                return (long) (str(v).isBlank() ? 0 : str(v).strip().split("\\s+").length);
            case "format":
                return printf(str(v), a);
            case "attr":
                return JinjaValues.attr(v, str(a.get(0)));
            case "map":
                return map(v, a, k);
            case "select":
            case "reject":
                return select(v, a, false, name.equals("select"));
            case "selectattr":
            case "rejectattr":
                return select(v, a, true, name.equals("selectattr"));
            case "unique":
                {
                    boolean cs = truthy(arg(a, k, 0, "case_sensitive", false));
                    Object attribute = arg(a, k, 1, "attribute", null);
                    List<Object> out = new ArrayList<>();
                    LinkedHashSet<Object> seen = new LinkedHashSet<>();
                    for (Object o : iterate(v)) {
                        Object key = attribute == null ? o : path(o, attribute);
                        if (!cs && key instanceof String s) {
                            key = s.toLowerCase(Locale.ROOT);
                        }
                        if (seen.add(key)) {
                            out.add(o);
                        }
                    }
                    return out;
                }
            case "sort":
                {
                    boolean rev = truthy(arg(a, k, 0, "reverse", false));
                    boolean cs = truthy(arg(a, k, 1, "case_sensitive", false));
                    Object attribute = arg(a, k, 2, "attribute", null);
                    List<Object> l = new ArrayList<>(iterate(v));
                    Comparator<Object> c =
                            (x, y) ->
                                    sortOrder(
                                            attribute == null ? x : path(x, attribute),
                                            attribute == null ? y : path(y, attribute),
                                            cs);
                    l.sort(rev ? c.reversed() : c);
                    return l;
                }
            case "min":
            case "max":
                {
                    boolean cs = truthy(arg(a, k, 0, "case_sensitive", false));
                    Object attribute = arg(a, k, 1, "attribute", null);
                    List<Object> l = iterate(v);
                    if (l.isEmpty()) {
                        return Jinja.UNDEFINED;
                    }
                    Comparator<Object> c =
                            (x, y) ->
                                    sortOrder(
                                            attribute == null ? x : path(x, attribute),
                                            attribute == null ? y : path(y, attribute),
                                            cs);
                    return name.equals("min") ? Collections.min(l, c) : Collections.max(l, c);
                }
            case "sum":
                {
                    Object attribute = arg(a, k, 0, "attribute", null);
                    Object total = arg(a, k, 1, "start", 0L);
                    for (Object o : iterate(v)) {
                        total =
                                JinjaValues.arith(
                                        "+", total, attribute == null ? o : path(o, attribute));
                    }
                    return total;
                }
            case "batch":
                {
                    int n = (int) JinjaValues.toLong(a.get(0));
                    List<Object> out = new ArrayList<>();
                    List<Object> cur = new ArrayList<>();
                    for (Object o : iterate(v)) {
                        cur.add(o);
                        if (cur.size() == n) {
                            out.add(cur);
                            cur = new ArrayList<>();
                        }
                    }
                    if (!cur.isEmpty()) {
                        if (a.size() > 1) {
                            while (cur.size() < n) {
                                cur.add(a.get(1));
                            }
                        }
                        out.add(cur);
                    }
                    return out;
                }
            default:
                throw JinjaRuntime.error("no filter named '" + name + "'");
        }
    }

    private static Object toInt(Object v, Object fallback) {
        if (v instanceof Double d) {
            return (long) d.doubleValue();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return JinjaValues.toLong(v);
        }
        try {
            return Long.parseLong(str(v).strip());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(str(v).strip());
            } catch (NumberFormatException e2) {
                return fallback;
            }
        }
    }

    private static Object toFloat(Object v, Object fallback) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(str(v).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int sortOrder(Object x, Object y, boolean caseSensitive) {
        if (!caseSensitive && x instanceof String s && y instanceof String t) {
            return s.toLowerCase(Locale.ROOT).compareTo(t.toLowerCase(Locale.ROOT));
        }
        return JinjaValues.order(x, y);
    }

    private static List<Object> items(Object v) {
        List<Object> out = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((x, y) -> out.add(new JinjaValues.Tuple(java.util.Arrays.asList(x, y))));
            return out;
        }
        if (v == Jinja.UNDEFINED) {
            return out;
        }
        throw JinjaRuntime.error("items() needs a mapping, got " + describe(v));
    }

    /** Jinja2's attribute lookup for filters: dotted names, integer parts index lists. */
    static Object path(Object o, Object attribute) {
        if (attribute instanceof Number n) {
            return JinjaValues.item(o, n);
        }
        for (String part : str(attribute).split("\\.")) {
            o =
                    part.matches("\\d+")
                            ? JinjaValues.item(o, Long.parseLong(part))
                            : JinjaValues.item(o, part);
        }
        return o;
    }

    private static Object map(Object v, List<Object> a, Map<String, Object> k) {
        List<Object> out = new ArrayList<>();
        if (k.containsKey("attribute")) {
            Object fallback = k.getOrDefault("default", Jinja.UNDEFINED);
            for (Object o : iterate(v)) {
                Object r = path(o, k.get("attribute"));
                out.add(r == Jinja.UNDEFINED ? fallback : r);
            }
            return out;
        }
        if (a.isEmpty()) {
            throw JinjaRuntime.error("map() needs a filter name or attribute=");
        }
        String f = str(a.get(0));
        List<Object> rest = a.subList(1, a.size());
        for (Object o : iterate(v)) {
            out.add(filter(f, o, rest, k));
        }
        return out;
    }

    private static Object select(Object v, List<Object> a, boolean byAttr, boolean keep) {
        List<Object> out = new ArrayList<>();
        int off = byAttr ? 1 : 0;
        if (byAttr && a.isEmpty()) {
            throw JinjaRuntime.error("selectattr/rejectattr need an attribute name");
        }
        String testName = a.size() > off ? str(a.get(off)) : null;
        List<Object> rest = a.size() > off + 1 ? a.subList(off + 1, a.size()) : List.of();
        for (Object o : iterate(v)) {
            Object x = byAttr ? path(o, a.get(0)) : o;
            boolean ok = testName == null ? truthy(x) : test(testName, x, rest);
            if (ok == keep) {
                out.add(o);
            }
        }
        return out;
    }

    private static String replace(String s, String old, String rep, long count) {
        if (count < 0) {
            return s.replace(old, rep);
        }
        StringBuilder b = new StringBuilder();
        int from = 0;
        for (long i = 0; i < count; i++) {
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            b.append(s, from, at).append(rep);
            from = at + old.length();
            if (old.isEmpty()) {
                if (from >= s.length()) {
                    break;
                }
                b.append(s.charAt(from));
                from++;
            }
        }
        return b.append(s.substring(from)).toString();
    }

    /** Jinja2's indent(): lines after the first, blank lines only with blank=True. */
    private static String indent(String s, Object width, boolean first, boolean blank) {
        String pad = width instanceof String w ? w : " ".repeat((int) JinjaValues.toLong(width));
        List<String> lines = splitlines(s + "\n");
        StringBuilder rv = new StringBuilder();
        if (blank) {
            rv.append(String.join("\n" + pad, lines));
        } else {
            rv.append(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                rv.append('\n').append(line.isEmpty() ? line : pad + line);
            }
        }
        return first ? pad + rv : rv.toString();
    }

    /** Python's str.splitlines() (without keepends). */
    static List<String> splitlines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                out.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static final java.util.regex.Pattern SPEC =
            java.util.regex.Pattern.compile("%([-+ 0#]*)(\\d*)(?:\\.(\\d+))?([sdirfFeExXo%])");

    /**
     * Python's {@code %} formatting of strings: flags {@code - + space 0}, width, precision and the
     * conversions {@code s r d i f F e E x X o %}.
     */
    static String printf(String fmt, List<Object> args) {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = SPEC.matcher(fmt);
        int ai = 0;
        int last = 0;
        while (m.find()) {
            b.append(fmt, last, m.start());
            last = m.end();
            char conv = m.group(4).charAt(0);
            if (conv == '%') {
                b.append('%');
                continue;
            }
            if (ai >= args.size()) {
                throw JinjaRuntime.error("not enough arguments for format string");
            }
            Object o = args.get(ai++);
            String flags = m.group(1).replace("#", "");
            String width = m.group(2);
            String prec = m.group(3) == null ? "" : "." + m.group(3);
            switch (conv) {
                case 's', 'r' -> {
                    String text = conv == 's' ? str(o) : JinjaValues.repr(o);
                    if (!prec.isEmpty()) {
                        text =
                                text.substring(
                                        0, Math.min(text.length(), Integer.parseInt(m.group(3))));
                    }
                    b.append(String.format("%" + flags.replace("0", "") + width + "s", text));
                }
                case 'd', 'i', 'x', 'X', 'o' -> {
                    long n = o instanceof Double d ? (long) d.doubleValue() : JinjaValues.toLong(o);
                    char c = conv == 'i' ? 'd' : conv;
                    b.append(String.format(Locale.ROOT, "%" + flags + width + c, n));
                }
                default -> {
                    double d =
                            ((Number) (o instanceof Boolean x ? (x ? 1L : 0L) : o)).doubleValue();
                    String p = prec.isEmpty() ? ".6" : prec;
                    char c = conv == 'F' ? 'f' : conv;
                    b.append(String.format(Locale.ROOT, "%" + flags + width + p + c, d));
                }
            }
        }
        return b.append(fmt.substring(last)).toString();
    }

    private static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = Character.isWhitespace(c) || "-({[<".indexOf(c) >= 0;
        }
        return b.toString();
    }

    private static boolean pyWhitespace(char c) {
        return Character.isWhitespace(c)
                || c == '\u00a0'
                || c == '\u2007'
                || c == '\u202f'
                || c == '\u0085';
    }

    /** Python's strip/lstrip/rstrip: whitespace as str.isspace() sees it, or the given chars. */
    static String pyStrip(String s, String chars, boolean left, boolean right) {
        int a = 0;
        int b = s.length();
        while (left
                && a < b
                && (chars == null ? pyWhitespace(s.charAt(a)) : chars.indexOf(s.charAt(a)) >= 0)) {
            a++;
        }
        while (right
                && b > a
                && (chars == null
                        ? pyWhitespace(s.charAt(b - 1))
                        : chars.indexOf(s.charAt(b - 1)) >= 0)) {
            b--;
        }
        return s.substring(a, b);
    }

    // ------------------------------------------------------------------ tests

    static boolean test(String name, Object v, List<Object> a) {
        Object arg = a.isEmpty() ? null : a.get(0);
        return switch (name) {
            case "defined" -> v != Jinja.UNDEFINED;
            case "undefined" -> v == Jinja.UNDEFINED;
            case "none" -> v == null;
            case "string" -> v instanceof String;
            case "number" -> v instanceof Number || v instanceof Boolean;
            case "integer" -> v instanceof Long || v instanceof Integer;
            case "float" -> v instanceof Double;
            case "boolean" -> v instanceof Boolean;
            case "true" -> Boolean.TRUE.equals(v);
            case "false" -> Boolean.FALSE.equals(v);
            case "mapping" -> v instanceof Map;
            case "iterable" -> v instanceof List || v instanceof Map || v instanceof String;
            case "sequence" -> v instanceof List || v instanceof String || v instanceof Map;
            case "callable" -> v instanceof Fn;
            case "odd" -> JinjaValues.toLong(v) % 2 != 0;
            case "even" -> JinjaValues.toLong(v) % 2 == 0;
            case "divisibleby" -> JinjaValues.toLong(v) % JinjaValues.toLong(arg) == 0;
            case "lower" -> v instanceof String s && s.equals(s.toLowerCase(Locale.ROOT));
            case "upper" -> v instanceof String s && s.equals(s.toUpperCase(Locale.ROOT));
            case "escaped" -> false;
            case "in" -> JinjaValues.in(v, arg);
            case "eq", "equalto", "==" -> JinjaValues.eq(v, arg);
            case "ne", "!=" -> !JinjaValues.eq(v, arg);
            case "sameas" -> v == arg || (v instanceof Boolean && v.equals(arg));
            case "lt", "lessthan", "<" -> JinjaValues.order(v, arg) < 0;
            case "le", "<=" -> JinjaValues.order(v, arg) <= 0;
            case "gt", "greaterthan", ">" -> JinjaValues.order(v, arg) > 0;
            case "ge", ">=" -> JinjaValues.order(v, arg) >= 0;
            case "filter" -> Names.FILTERS.contains(str(v));
            case "test" -> Names.TESTS.contains(str(v));
            default -> throw JinjaRuntime.error("no test named '" + name + "'");
        };
    }

    private static final class Names {
        static final java.util.Set<String> FILTERS =
                java.util.Set.of(
                        "trim",
                        "length",
                        "count",
                        "tojson",
                        "upper",
                        "lower",
                        "title",
                        "capitalize",
                        "string",
                        "safe",
                        "e",
                        "escape",
                        "int",
                        "float",
                        "abs",
                        "round",
                        "first",
                        "last",
                        "reverse",
                        "list",
                        "items",
                        "dictsort",
                        "join",
                        "default",
                        "d",
                        "replace",
                        "indent",
                        "center",
                        "wordcount",
                        "format",
                        "attr",
                        "map",
                        "select",
                        "reject",
                        "selectattr",
                        "rejectattr",
                        "unique",
                        "sort",
                        "min",
                        "max",
                        "sum",
                        "batch",
                        "forceescape");
        static final java.util.Set<String> TESTS =
                java.util.Set.of(
                        "defined",
                        "undefined",
                        "none",
                        "string",
                        "number",
                        "integer",
                        "float",
                        "boolean",
                        "true",
                        "false",
                        "mapping",
                        "iterable",
                        "sequence",
                        "callable",
                        "odd",
                        "even",
                        "divisibleby",
                        "lower",
                        "upper",
                        "escaped",
                        "in",
                        "eq",
                        "equalto",
                        "ne",
                        "sameas",
                        "lt",
                        "le",
                        "gt",
                        "ge",
                        "filter",
                        "test");
    }

    // ------------------------------------------------------------------ methods

    /** {@code obj.name(args)}: Python's str, dict and list methods, or a callable attribute. */
    static Object method(Object obj, String name, List<Object> a, Map<String, Object> k) {
        if (obj instanceof String s) {
            Object r = stringMethod(s, name, a, k);
            if (r != null) {
                return r;
            }
        } else if (obj instanceof Map<?, ?> m && !(obj instanceof Namespace)) {
            switch (name) {
                case "items":
                    return items(m);
                case "keys":
                    return new ArrayList<Object>(m.keySet());
                case "values":
                    return new ArrayList<Object>(m.values());
                case "get":
                    {
                        Object key = a.get(0);
                        return m.containsKey(key) ? m.get(key) : a.size() > 1 ? a.get(1) : null;
                    }
                default:
                    break;
            }
        } else if (obj instanceof List<?> l) {
            switch (name) {
                case "index":
                    for (int i = 0; i < l.size(); i++) {
                        if (JinjaValues.eq(l.get(i), a.get(0))) {
                            return (long) i;
                        }
                    }
                    throw JinjaRuntime.error(describe(a.get(0)) + " is not in list");
                case "count":
                    return l.stream().filter(o -> JinjaValues.eq(o, a.get(0))).count();
                default:
                    break;
            }
        }
        Object attr = JinjaValues.attr(obj, name);
        if (attr instanceof Fn f) {
            return f.call(a, k);
        }
        throw JinjaRuntime.error(JinjaValues.typeName(obj) + " has no method '" + name + "'");
    }

    private static Object stringMethod(
            String s, String name, List<Object> a, Map<String, Object> k) {
        String chars = a.isEmpty() || a.get(0) == null ? null : str(a.get(0));
        switch (name) {
            case "strip":
                return pyStrip(s, chars, true, true);
            case "lstrip":
                return pyStrip(s, chars, true, false);
            case "rstrip":
                return pyStrip(s, chars, false, true);
            case "startswith":
            case "endswith":
                {
                    List<Object> options =
                            a.get(0) instanceof List<?> l ? List.copyOf(l) : List.of(a.get(0));
                    for (Object o : options) {
                        if (name.equals("startswith") ? s.startsWith(str(o)) : s.endsWith(str(o))) {
                            return true;
                        }
                    }
                    return false;
                }
            case "upper":
                return s.toUpperCase(Locale.ROOT);
            case "lower":
                return s.toLowerCase(Locale.ROOT);
            case "title":
                return pyTitle(s);
            case "capitalize":
                return filter("capitalize", s, a, k);
            case "replace":
                return replace(
                        s,
                        str(a.get(0)),
                        str(a.get(1)),
                        a.size() > 2 ? JinjaValues.toLong(a.get(2)) : -1);
            case "find":
                return (long) s.indexOf(str(a.get(0)));
            case "rfind":
                return (long) s.lastIndexOf(str(a.get(0)));
            case "count":
                {
                    String sub = str(a.get(0));
                    long n = 0;
                    for (int at = s.indexOf(sub);
                            at >= 0 && !sub.isEmpty();
                            at = s.indexOf(sub, at + sub.length())) {
                        n++;
                    }
                    return n;
                }
            case "join":
                {
                    List<String> parts = new ArrayList<>();
                    iterate(a.get(0)).forEach(o -> parts.add(str(o)));
                    return String.join(s, parts);
                }
            case "splitlines":
                return new ArrayList<Object>(splitlines(s));
            case "split":
            case "rsplit":
                return split(
                        s,
                        arg(a, k, 0, "sep", null),
                        JinjaValues.toLong(arg(a, k, 1, "maxsplit", -1L)),
                        name.equals("rsplit"));
            case "removeprefix":
                return s.startsWith(str(a.get(0))) ? s.substring(str(a.get(0)).length()) : s;
            case "removesuffix":
                return s.endsWith(str(a.get(0))) && !str(a.get(0)).isEmpty()
                        ? s.substring(0, s.length() - str(a.get(0)).length())
                        : s;
            case "isdigit":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isspace":
                return !s.isEmpty() && s.chars().allMatch(c -> pyWhitespace((char) c));
            case "islower":
                return s.equals(s.toLowerCase(Locale.ROOT))
                        && !s.equals(s.toUpperCase(Locale.ROOT));
            case "isupper":
                return s.equals(s.toUpperCase(Locale.ROOT))
                        && !s.equals(s.toLowerCase(Locale.ROOT));
            case "format":
                {
                    StringBuilder b = new StringBuilder();
                    int ai = 0;
                    for (int i = 0; i < s.length(); i++) {
                        if (s.startsWith("{}", i)) {
                            b.append(str(a.get(ai++)));
                            i++;
                        } else {
                            b.append(s.charAt(i));
                        }
                    }
                    return b.toString();
                }
            default:
                return null;
        }
    }

    private static List<Object> split(String s, Object sep, long max, boolean fromRight) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String t = pyStrip(s, null, true, true);
            if (t.isEmpty()) {
                return out;
            }
            String[] parts =
                    fromRight || max < 0 ? t.split("\\s+") : t.split("\\s+", (int) max + 1);
            if (fromRight && max >= 0 && parts.length > max + 1) {
                String[] rp = t.split("\\s+");
                int keep = (int) max;
                int head = rp.length - keep;
                String headText = t;
                int cut = t.length();
                for (int i = 0; i < keep; i++) {
                    cut = t.lastIndexOf(rp[rp.length - 1 - i], cut - 1);
                }
                headText = pyStrip(t.substring(0, cut), null, false, true);
                out.add(headText);
                for (int i = head; i < rp.length; i++) {
                    out.add(rp[i]);
                }
                return out;
            }
            out.addAll(List.of(parts));
            return out;
        }
        String p = str(sep);
        if (p.isEmpty()) {
            throw JinjaRuntime.error("split(): empty separator");
        }
        if (!fromRight) {
            int from = 0;
            int at;
            while ((max < 0 || out.size() < max) && (at = s.indexOf(p, from)) >= 0) {
                out.add(s.substring(from, at));
                from = at + p.length();
            }
            out.add(s.substring(from));
            return out;
        }
        int to = s.length();
        int at;
        while ((max < 0 || out.size() < max)
                && (at = s.lastIndexOf(p, to - p.length())) >= 0
                && to - p.length() >= 0) {
            out.add(0, s.substring(at + p.length(), to));
            to = at;
        }
        out.add(0, s.substring(0, to));
        return out;
    }

    /** Python's str.title(): a cased letter after an uncased character starts a word. */
    private static String pyTitle(String s) {
        StringBuilder b = new StringBuilder();
        boolean prevCased = false;
        for (char c : s.toCharArray()) {
            b.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevCased = Character.isLetter(c);
        }
        return b.toString();
    }
}
