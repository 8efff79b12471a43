package org.heirloom.model.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.heirloom.model.template.JinjaRuntime.Fn;

/**
 * Value semantics as Python and Jinja2 define them: truthiness, str() and repr(), comparisons,
 * arithmetic, iteration and subscripts over strings (by code point), lists and maps.
 */
final class JinjaValues {

    private JinjaValues() {}

    /** A Python tuple: a list that prints as {@code (a, b)}. */
    static final class Tuple extends ArrayList<Object> {
        Tuple(java.util.Collection<?> items) {
            super(items);
        }
    }

    static boolean truthy(Object v) {
        if (v == null || v == Jinja.UNDEFINED) {
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

    /** Python's str(). */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == Jinja.UNDEFINED) {
            return "";
        }
        return repr(v);
    }

    /** Python's repr() for template values. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v == Jinja.UNDEFINED) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return pyFloat(d);
        }
        if (v instanceof Number n) {
            return String.valueOf(n.longValue());
        }
        if (v instanceof String s) {
            return reprString(s);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(o -> parts.add(repr(o)));
            if (v instanceof Tuple) {
                return "(" + String.join(", ", parts) + (parts.size() == 1 ? ",)" : ")");
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof JinjaRuntime.Namespace ns) {
            return "<Namespace " + ns + ">";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, o) -> parts.add(repr(k) + ": " + repr(o)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof Fn) {
            return "<function>";
        }
        return String.valueOf(v);
    }

    private static String reprString(String s) {
        char q = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append(q).toString();
    }

    /** Python's float repr: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - b.scale();
        String sign = d < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            String plain = b.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    static String describe(Object v) {
        return "'" + repr(v) + "' (" + typeName(v) + ")";
    }

    static String typeName(Object v) {
        if (v == null) {
            return "none";
        }
        if (v == Jinja.UNDEFINED) {
            return "undefined";
        }
        if (v instanceof Map) {
            return "mapping";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Number) {
            return "integer";
        }
        if (v instanceof Fn) {
            return "function";
        }
        return v.getClass().getSimpleName();
    }

    static long toLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw JinjaRuntime.error("expected an integer, got " + describe(v));
    }

    static boolean eq(Object a, Object b) {
        if (a == Jinja.UNDEFINED || b == Jinja.UNDEFINED) {
            return a == b;
        }
        if (a instanceof Boolean x && b instanceof Number) {
            a = x ? 1L : 0L;
        }
        if (b instanceof Boolean y && a instanceof Number) {
            b = y ? 1L : 0L;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    static boolean compare(String op, Object a, Object b) {
        switch (op) {
            case "==":
                return eq(a, b);
            case "!=":
                return !eq(a, b);
            case "in":
                return in(a, b);
            case "not in":
                return !in(a, b);
            default:
                int c = order(a, b);
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
        }
    }

    static int order(Object a, Object b) {
        if (a instanceof Boolean x) {
            a = x ? 1L : 0L;
        }
        if (b instanceof Boolean y) {
            b = y ? 1L : 0L;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw JinjaRuntime.error("cannot compare " + describe(a) + " with " + describe(b));
    }

    static boolean in(Object needle, Object hay) {
        if (hay instanceof String s) {
            return s.contains(str(needle));
        }
        if (hay instanceof Map<?, ?> m) {
            return m.containsKey(needle instanceof String ? needle : str(needle));
        }
        if (hay instanceof List<?> l) {
            for (Object o : l) {
                if (eq(o, needle)) {
                    return true;
                }
            }
            return false;
        }
        if (hay == Jinja.UNDEFINED || hay == null) {
            return false;
        }
        throw JinjaRuntime.error("'in' needs a string, list or mapping, got " + describe(hay));
    }

    static Object arith(String op, Object a, Object b) {
        if (op.equals("+")) {
            if (a instanceof String || b instanceof String) {
                if (a instanceof String x && b instanceof String y) {
                    return x + y;
                }
                if (a == Jinja.UNDEFINED || b == Jinja.UNDEFINED) {
                    throw JinjaRuntime.error("cannot add an undefined value");
                }
                throw JinjaRuntime.error("cannot add " + describe(a) + " and " + describe(b));
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                List<Object> out = new ArrayList<>(x);
                out.addAll(y);
                return out;
            }
        }
        if (op.equals("*")) {
            if (a instanceof String x && isInt(b)) {
                return x.repeat((int) Math.max(0, toLong(b)));
            }
            if (a instanceof List<?> x && isInt(b)) {
                List<Object> out = new ArrayList<>();
                for (long i = 0; i < toLong(b); i++) {
                    out.addAll(x);
                }
                return out;
            }
        }
        if (op.equals("%") && a instanceof String fmt) {
            return JinjaBuiltins.printf(fmt, b instanceof List<?> l ? List.copyOf(l) : List.of(b));
        }
        Number x = number(a);
        Number y = number(b);
        boolean ints = !(x instanceof Double) && !(y instanceof Double);
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
            case "**":
                return ints && y.longValue() >= 0
                        ? (Object) (long) Math.pow(x.longValue(), y.longValue())
                        : Math.pow(x.doubleValue(), y.doubleValue());
            default:
                break;
        }
        if (y.doubleValue() == 0) {
            throw JinjaRuntime.error("division by zero");
        }
        return switch (op) {
            case "/" -> x.doubleValue() / y.doubleValue();
            case "//" ->
                    ints
                            ? (Object) Math.floorDiv(x.longValue(), y.longValue())
                            : Math.floor(x.doubleValue() / y.doubleValue());
            default ->
                    ints
                            ? (Object) Math.floorMod(x.longValue(), y.longValue())
                            : x.doubleValue()
                                    - y.doubleValue()
                                            * Math.floor(x.doubleValue() / y.doubleValue());
        };
    }

    private static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer;
    }

    private static Number number(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Number n) {
            return n instanceof Double ? n : (Number) n.longValue();
        }
        throw JinjaRuntime.error("expected a number, got " + describe(v));
    }

    /** Code points of a string, each as a string. */
    static List<Object> chars(String s) {
        List<Object> out = new ArrayList<>();
        s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
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
            return chars(s);
        }
        if (v == null || v == Jinja.UNDEFINED) {
            if (v == null) {
                throw JinjaRuntime.error("cannot iterate over none");
            }
            return List.of();
        }
        throw JinjaRuntime.error("cannot iterate over " + describe(v));
    }

    /** {@code obj.name}: a mapping's key (Jinja2 falls back from attribute to item). */
    static Object attr(Object obj, String name) {
        if (obj == Jinja.UNDEFINED) {
            // Jinja2's Undefined fails on any look inside it (printing it is fine).
            throw JinjaRuntime.error("cannot read '" + name + "' of an undefined value");
        }
        if (obj instanceof Map<?, ?> m) {
            return m.containsKey(name) ? m.get(name) : Jinja.UNDEFINED;
        }
        return Jinja.UNDEFINED;
    }

    static Object item(Object obj, Object key) {
        if (obj == Jinja.UNDEFINED) {
            throw JinjaRuntime.error("cannot read [" + repr(key) + "] of an undefined value");
        }
        if (obj instanceof Map<?, ?> m) {
            Object k = key instanceof String ? key : str(key);
            return m.containsKey(k) ? m.get(k) : Jinja.UNDEFINED;
        }
        if ((obj instanceof List<?> || obj instanceof String) && key instanceof Number n) {
            List<Object> l = obj instanceof String s ? chars(s) : iterate(obj);
            int i = (int) n.longValue();
            if (i < 0) {
                i += l.size();
            }
            return i >= 0 && i < l.size() ? l.get(i) : Jinja.UNDEFINED;
        }
        if (key instanceof String s) {
            return attr(obj, s);
        }
        return Jinja.UNDEFINED;
    }

    static Object slice(Object obj, Object start, Object stop, Object step) {
        List<Object> items = iterate(obj);
        int n = items.size();
        long st = step == null ? 1 : toLong(step);
        if (st == 0) {
            throw JinjaRuntime.error("slice step cannot be zero");
        }
        List<Object> out = new ArrayList<>();
        if (st > 0) {
            long a = start == null ? 0 : clamp(toLong(start), n, 0, n);
            long b = stop == null ? n : clamp(toLong(stop), n, 0, n);
            for (long i = a; i < b; i += st) {
                out.add(items.get((int) i));
            }
        } else {
            long a = start == null ? n - 1 : clamp(toLong(start), n, -1, n - 1);
            long b = stop == null ? -1 : clamp(toLong(stop), n, -1, n - 1);
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

    private static long clamp(long i, int n, long lo, long hi) {
        if (i < 0) {
            i += n;
        }
        return Math.max(lo, Math.min(hi, i));
    }
}
