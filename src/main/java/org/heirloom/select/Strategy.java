package org.heirloom.select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.heirloom.score.expr.Expression;
import org.heirloom.score.expr.ExpressionException;

/**
 * A parsed selection strategy. Grammar (see docs/runs.md):
 *
 * <pre>
 * strategy  := step ("," step)*                 commas inside parentheses do not split
 * step      := "teacher:" INT ("|" INT)*        restrict the pool to these teachers
 *            | "filter:" EXPR                   keep candidates where EXPR holds (non-zero)
 *            | objective                        exactly one, last
 * objective := "max:" EXPR | "min:" EXPR | "target:" EXPR "=" NUMBER
 *            | "zsum:" EXPR "=" WEIGHT (";" EXPR "=" WEIGHT)*
 *            | "lex:" DIR (";" DIR)*  | "pareto:" DIR (";" DIR)*     DIR := ("max"|"min") ":" EXPR
 *            | "random" [":" SEED] | "first" | "greedy" [":" RUN]
 * </pre>
 */
public record Strategy(
        String text, Set<Integer> teachers, List<Expression> filters, Objective objective) {

    public Strategy {
        teachers = teachers == null ? null : Collections.unmodifiableSet(new TreeSet<>(teachers));
        filters = List.copyOf(filters);
    }

    /** Every metric name the strategy reads. */
    public Set<String> metrics() {
        Set<String> out = new LinkedHashSet<>();
        for (Expression f : filters) {
            out.addAll(f.variables());
        }
        if (objective instanceof Objective.Max m) {
            out.addAll(m.expr().variables());
        } else if (objective instanceof Objective.Min m) {
            out.addAll(m.expr().variables());
        } else if (objective instanceof Objective.Target t) {
            out.addAll(t.expr().variables());
        } else if (objective instanceof Objective.ZSum z) {
            z.terms().forEach(t -> out.addAll(t.expr().variables()));
        } else if (objective instanceof Objective.Lex l) {
            l.objectives().forEach(d -> out.addAll(d.expr().variables()));
        } else if (objective instanceof Objective.Pareto p) {
            p.objectives().forEach(d -> out.addAll(d.expr().variables()));
        }
        return out;
    }

    public static Strategy parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("selection strategy is empty");
        }
        List<String> steps = splitTopLevel(text, ',');
        Set<Integer> teachers = null;
        List<Expression> filters = new ArrayList<>();
        Objective objective = null;
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i).strip();
            String where = "strategy '" + text + "', step " + (i + 1) + " '" + step + "'";
            if (objective != null) {
                throw new IllegalArgumentException(
                        where
                                + ": nothing may follow the objective ("
                                + steps.get(i - 1).strip()
                                + ")");
            }
            if (step.startsWith("teacher:")) {
                if (teachers == null) {
                    teachers = new TreeSet<>();
                }
                for (String t : step.substring(8).split("\\|")) {
                    try {
                        int idx = Integer.parseInt(t.strip());
                        if (idx < 0) {
                            throw new NumberFormatException();
                        }
                        teachers.add(idx);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                where + ": '" + t.strip() + "' is not a teacher index (0, 1, ...)");
                    }
                }
            } else if (step.startsWith("filter:")) {
                filters.add(expr(step.substring(7), where));
            } else {
                objective = objective(step, where);
            }
        }
        if (objective == null) {
            throw new IllegalArgumentException(
                    "strategy '"
                            + text
                            + "' has no objective (end with max:, min:, target:, zsum:, lex:,"
                            + " pareto:, random, first or greedy)");
        }
        return new Strategy(text.strip(), teachers, filters, objective);
    }

    private static Objective objective(String step, String where) {
        int colon = step.indexOf(':');
        String head = colon < 0 ? step : step.substring(0, colon);
        String body = colon < 0 ? "" : step.substring(colon + 1);
        switch (head) {
            case "max":
                return new Objective.Max(expr(body, where));
            case "min":
                return new Objective.Min(expr(body, where));
            case "target":
                {
                    int eq = assignment(body);
                    if (eq < 0) {
                        throw new IllegalArgumentException(where + ": expected target:EXPR=VALUE");
                    }
                    return new Objective.Target(
                            expr(body.substring(0, eq), where),
                            number(body.substring(eq + 1), where));
                }
            case "zsum":
                {
                    List<Objective.Term> terms = new ArrayList<>();
                    for (String part : splitTopLevel(body, ';')) {
                        int eq = assignment(part);
                        if (eq < 0) {
                            terms.add(new Objective.Term(expr(part, where), 1.0));
                        } else {
                            terms.add(
                                    new Objective.Term(
                                            expr(part.substring(0, eq), where),
                                            number(part.substring(eq + 1), where)));
                        }
                    }
                    return new Objective.ZSum(terms);
                }
            case "lex":
                return new Objective.Lex(directed(body, where));
            case "pareto":
                {
                    List<Objective.Directed> d = directed(body, where);
                    if (d.size() < 2) {
                        throw new IllegalArgumentException(
                                where + ": pareto needs two or more objectives");
                    }
                    return new Objective.Pareto(d);
                }
            case "random":
                return new Objective.RandomPick(colon < 0 ? null : (long) number(body, where));
            case "first":
                if (colon >= 0) {
                    throw new IllegalArgumentException(where + ": 'first' takes no argument");
                }
                return new Objective.First();
            case "greedy":
                return new Objective.Greedy(colon < 0 || body.isBlank() ? null : body.strip());
            default:
                throw new IllegalArgumentException(
                        where
                                + ": unknown step '"
                                + head
                                + "' (steps: teacher:, filter:, max:, min:, target:, zsum:, lex:,"
                                + " pareto:, random, first, greedy)");
        }
    }

    private static List<Objective.Directed> directed(String body, String where) {
        List<Objective.Directed> out = new ArrayList<>();
        for (String part : splitTopLevel(body, ';')) {
            String p = part.strip();
            if (p.startsWith("max:")) {
                out.add(new Objective.Directed(expr(p.substring(4), where), true));
            } else if (p.startsWith("min:")) {
                out.add(new Objective.Directed(expr(p.substring(4), where), false));
            } else {
                throw new IllegalArgumentException(
                        where + ": '" + p + "' should be max:EXPR or min:EXPR");
            }
        }
        return out;
    }

    private static Expression expr(String s, String where) {
        try {
            return Expression.parse(s.strip());
        } catch (ExpressionException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static double number(String s, String where) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + s.strip() + "' is not a number");
        }
    }

    /** Index of the last '=' that is not part of ==, <=, >= or !=; -1 if none. */
    static int assignment(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) != '=') {
                continue;
            }
            char prev = i > 0 ? s.charAt(i - 1) : ' ';
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            if (next == '=' || "=<>!".indexOf(prev) >= 0) {
                i--; // skip the pair
                continue;
            }
            return i;
        }
        return -1;
    }

    static List<String> splitTopLevel(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == sep && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
