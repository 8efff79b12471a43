package org.heirloom.model.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.model.template.JinjaParser.*;

/** Executes parsed templates: scopes, loops, macros and call blocks. */
final class JinjaRuntime {

    private JinjaRuntime() {}

    interface Expr {
        Object eval(Scope s);
    }

    /** A function callable from templates (builtins, macros, {@code loop.cycle}). */
    interface Fn {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    /** The mutable object {@code namespace(...)} returns. */
    static final class Namespace extends LinkedHashMap<String, Object> {}

    static final class Scope {
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
            return JinjaBuiltins.GLOBALS.getOrDefault(name, Jinja.UNDEFINED);
        }
    }

    /** An error raised while rendering, not yet tied to a template position. */
    static final class RenderError extends RuntimeException {
        RenderError(String message) {
            super(message);
        }
    }

    static RenderError error(String message) {
        return new RenderError(message);
    }

    private enum Flow {
        NORMAL,
        BREAK,
        CONTINUE
    }

    static String render(
            Jinja.Source src, List<Node> body, Map<String, Object> vars, java.time.Instant now) {
        Scope globals = new Scope(null);
        globals.vars.put("strftime_now", JinjaBuiltins.strftimeNow(now));
        Scope scope = new Scope(globals);
        scope.vars.putAll(vars);
        StringBuilder out = new StringBuilder();
        new Exec(src).run(body, scope, out);
        return out.toString();
    }

    static Object call(Object fn, List<Object> args, Map<String, Object> kwargs) {
        if (fn instanceof Fn f) {
            return f.call(args, kwargs);
        }
        throw error(JinjaValues.describe(fn) + " is not callable");
    }

    private record Exec(Jinja.Source src) {

        Flow run(List<Node> nodes, Scope scope, StringBuilder out) {
            for (Node n : nodes) {
                Flow f;
                try {
                    f = node(n, scope, out);
                } catch (RenderError e) {
                    throw src.error(n.pos(), e.getMessage());
                }
                if (f != Flow.NORMAL) {
                    return f;
                }
            }
            return Flow.NORMAL;
        }

        private String capture(List<Node> body, Scope scope) {
            StringBuilder b = new StringBuilder();
            run(body, scope, b);
            return b.toString();
        }

        private Flow node(Node n, Scope scope, StringBuilder out) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Output o) {
                out.append(JinjaValues.str(o.expr().eval(scope)));
            } else if (n instanceof If f) {
                for (int i = 0; i < f.conds().size(); i++) {
                    if (JinjaValues.truthy(f.conds().get(i).eval(scope))) {
                        return run(f.bodies().get(i), scope, out);
                    }
                }
                return run(f.otherwise(), scope, out);
            } else if (n instanceof For f) {
                forLoop(f, scope, out);
            } else if (n instanceof SetValue st) {
                assign(st.target(), st.value().eval(scope), scope);
            } else if (n instanceof SetBlock sb) {
                Object v = capture(sb.body(), new Scope(scope));
                for (Filter f : sb.filters()) {
                    v = applyFilter(f, v, scope);
                }
                scope.vars.put(sb.name(), v);
            } else if (n instanceof MacroDef m) {
                scope.vars.put(m.name(), macro(m.name(), m.params(), m.body(), scope));
            } else if (n instanceof CallBlock cb) {
                Fn caller = macro("caller", cb.params(), cb.body(), scope);
                Map<String, Object> kwargs = JinjaParser.evalMap(cb.call().kwargs(), scope);
                kwargs.put("caller", caller);
                out.append(
                        JinjaValues.str(
                                call(
                                        cb.call().fn().eval(scope),
                                        JinjaParser.evalAll(cb.call().args(), scope),
                                        kwargs)));
            } else if (n instanceof FilterBlock fb) {
                Object v = capture(fb.body(), new Scope(scope));
                for (Filter f : fb.filters()) {
                    v = applyFilter(f, v, scope);
                }
                out.append(JinjaValues.str(v));
            } else if (n instanceof Body b) {
                return run(b.body(), scope, out);
            } else if (n instanceof With w) {
                Scope inner = new Scope(scope);
                for (int i = 0; i < w.names().size(); i++) {
                    inner.vars.put(w.names().get(i), w.values().get(i).eval(scope));
                }
                return run(w.body(), inner, out);
            } else if (n instanceof Do d) {
                d.expr().eval(scope);
            } else if (n instanceof Loop l) {
                return l.isBreak() ? Flow.BREAK : Flow.CONTINUE;
            }
            return Flow.NORMAL;
        }

        private Object applyFilter(Filter f, Object v, Scope scope) {
            return JinjaBuiltins.filter(
                    f.name(),
                    v,
                    JinjaParser.evalAll(f.args(), scope),
                    JinjaParser.evalMap(f.kwargs(), scope));
        }

        private void assign(Target t, Object v, Scope scope) {
            String first = t.names().get(0);
            if (t.attr() != null) {
                if (!(scope.lookup(first) instanceof Namespace ns)) {
                    throw error(
                            "cannot set '"
                                    + first
                                    + "."
                                    + t.attr()
                                    + "': '"
                                    + first
                                    + "' is not a namespace()");
                }
                ns.put(t.attr(), v);
            } else if (t.names().size() == 1) {
                scope.vars.put(first, v);
            } else {
                bind(scope, t, v);
            }
        }

        private void forLoop(For f, Scope scope, StringBuilder out) {
            List<Object> items = new ArrayList<>();
            for (Object item : JinjaValues.iterate(f.iter().eval(scope))) {
                if (f.filter() != null) {
                    Scope fs = new Scope(scope);
                    bind(fs, f.target(), item);
                    if (!JinjaValues.truthy(f.filter().eval(fs))) {
                        continue;
                    }
                }
                items.add(item);
            }
            if (items.isEmpty()) {
                run(f.otherwise(), scope, out);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                // Each iteration starts afresh: a 'set' in the body lasts for that pass only.
                Scope inner = new Scope(scope);
                bind(inner, f.target(), items.get(i));
                inner.vars.put("loop", loopVar(items, i));
                if (run(f.body(), inner, out) == Flow.BREAK) {
                    break;
                }
            }
        }

        private static Map<String, Object> loopVar(List<Object> items, int i) {
            Map<String, Object> loop = new HashMap<>();
            int n = items.size();
            loop.put("index", (long) i + 1);
            loop.put("index0", (long) i);
            loop.put("revindex", (long) (n - i));
            loop.put("revindex0", (long) (n - i - 1));
            loop.put("first", i == 0);
            loop.put("last", i == n - 1);
            loop.put("length", (long) n);
            loop.put("depth", 1L);
            loop.put("depth0", 0L);
            loop.put("previtem", i > 0 ? items.get(i - 1) : Jinja.UNDEFINED);
            loop.put("nextitem", i + 1 < n ? items.get(i + 1) : Jinja.UNDEFINED);
            loop.put(
                    "cycle",
                    (Fn)
                            (a, k) -> {
                                if (a.isEmpty()) {
                                    throw error("loop.cycle() needs at least one value");
                                }
                                return a.get(i % a.size());
                            });
            return loop;
        }

        private static void bind(Scope s, Target t, Object item) {
            if (t.names().size() == 1) {
                s.vars.put(t.names().get(0), item);
                return;
            }
            List<Object> parts = JinjaValues.iterate(item);
            if (parts.size() != t.names().size()) {
                throw error(
                        "cannot unpack "
                                + parts.size()
                                + " values into "
                                + String.join(", ", t.names()));
            }
            for (int i = 0; i < parts.size(); i++) {
                s.vars.put(t.names().get(i), parts.get(i));
            }
        }

        /** A macro: a function rendering its body in a scope over the one it was defined in. */
        private Fn macro(String name, List<Param> params, List<Node> body, Scope defined) {
            return (args, kwargs) -> {
                Scope s = new Scope(defined);
                Map<String, Object> extra = new LinkedHashMap<>(kwargs);
                for (int i = 0; i < params.size(); i++) {
                    Param prm = params.get(i);
                    Object v;
                    if (i < args.size()) {
                        v = args.get(i);
                    } else if (extra.containsKey(prm.name())) {
                        v = extra.remove(prm.name());
                    } else {
                        v = prm.fallback() == null ? Jinja.UNDEFINED : prm.fallback().eval(s);
                    }
                    s.vars.put(prm.name(), v);
                }
                s.vars.put(
                        "varargs",
                        new JinjaValues.Tuple(
                                args.size() > params.size()
                                        ? args.subList(params.size(), args.size())
                                        : List.of()));
                Object caller = extra.remove("caller");
                if (caller != null) {
                    s.vars.put("caller", caller);
                }
                s.vars.put("kwargs", extra);
                return capture(body, s);
            };
        }
    }
}
