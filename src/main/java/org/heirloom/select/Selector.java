package org.heirloom.select;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.heirloom.score.expr.Expression;

/**
 * Applies a {@link Strategy} to candidate pools: pure, no storage.
 *
 * <p>Tie-breaking: candidates are considered in canonical order (teacher index, then candidate
 * index) and a later candidate replaces the current best only if strictly better, so among equal
 * values the lowest (teacher, index) wins. Candidates whose objective is undefined (NaN: a missing
 * or undefined metric) cannot be chosen; a prompt with no eligible candidate is skipped.
 */
public final class Selector {

    /**
     * The outcome.
     *
     * @param considered candidates in the pool after the teacher restriction
     * @param eligible candidates passing filters with a defined objective
     * @param skippedPrompts prompts with no eligible candidate
     */
    public record Outcome(
            List<Choice> choices, int considered, int eligible, List<Long> skippedPrompts) {}

    private static final Comparator<PoolCandidate> CANONICAL =
            Comparator.comparingInt(PoolCandidate::teacherIndex)
                    .thenComparingInt(PoolCandidate::index);

    private Selector() {}

    /**
     * @param defaultSeed seed of {@code random} without an explicit seed (the run's seed)
     */
    public static Outcome select(Strategy strategy, List<PromptPool> pools, long defaultSeed) {
        Objective obj = strategy.objective();
        // Pool after teacher restriction and filters, per prompt, canonical order.
        List<List<PoolCandidate>> eligible = new ArrayList<>();
        int considered = 0;
        for (PromptPool pool : pools) {
            List<PoolCandidate> keep = new ArrayList<>();
            List<PoolCandidate> sorted = new ArrayList<>(pool.candidates());
            sorted.sort(CANONICAL);
            for (PoolCandidate c : sorted) {
                if (strategy.teachers() != null
                        && !strategy.teachers().contains(c.teacherIndex())) {
                    continue;
                }
                considered++;
                if (passes(strategy.filters(), c) && defined(obj, c)) {
                    keep.add(c);
                }
            }
            eligible.add(keep);
        }
        // Pool-wide statistics for z-scores.
        List<Expression> zExprs = new ArrayList<>();
        List<Double> zSigns = new ArrayList<>();
        if (obj instanceof Objective.ZSum z) {
            for (Objective.Term t : z.terms()) {
                zExprs.add(t.expr());
                zSigns.add(t.weight());
            }
        } else if (obj instanceof Objective.Pareto p) {
            for (Objective.Directed d : p.objectives()) {
                zExprs.add(d.expr());
                zSigns.add(d.maximize() ? 1.0 : -1.0);
            }
        }
        double[] mean = new double[zExprs.size()];
        double[] sd = new double[zExprs.size()];
        for (int j = 0; j < zExprs.size(); j++) {
            double s = 0;
            double s2 = 0;
            long n = 0;
            for (List<PoolCandidate> l : eligible) {
                for (PoolCandidate c : l) {
                    double v = eval(zExprs.get(j), c);
                    s += v;
                    s2 += v * v;
                    n++;
                }
            }
            mean[j] = n == 0 ? 0 : s / n;
            // Population standard deviation; a constant column contributes nothing.
            sd[j] = n == 0 ? 0 : Math.sqrt(Math.max(0, s2 / n - mean[j] * mean[j]));
        }
        ToDoubleFunction<PoolCandidate> zsum =
                c -> {
                    double total = 0;
                    for (int j = 0; j < zExprs.size(); j++) {
                        double z = sd[j] > 0 ? (eval(zExprs.get(j), c) - mean[j]) / sd[j] : 0;
                        total += zSigns.get(j) * z;
                    }
                    return total;
                };

        List<Choice> choices = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        int eligibleCount = 0;
        for (int i = 0; i < pools.size(); i++) {
            List<PoolCandidate> cands = eligible.get(i);
            eligibleCount += cands.size();
            PromptPool pool = pools.get(i);
            if (cands.isEmpty()) {
                skipped.add(pool.promptId());
                continue;
            }
            PoolCandidate best;
            double value;
            if (obj instanceof Objective.Max m) {
                best = argBest(cands, c -> eval(m.expr(), c));
                value = eval(m.expr(), best);
            } else if (obj instanceof Objective.Min m) {
                best = argBest(cands, c -> -eval(m.expr(), c));
                value = eval(m.expr(), best);
            } else if (obj instanceof Objective.Target t) {
                best = argBest(cands, c -> -Math.abs(eval(t.expr(), c) - t.target()));
                value = eval(t.expr(), best);
            } else if (obj instanceof Objective.ZSum) {
                best = argBest(cands, zsum);
                value = zsum.applyAsDouble(best);
            } else if (obj instanceof Objective.Lex l) {
                best = cands.get(0);
                for (PoolCandidate c : cands) {
                    if (compareLex(l.objectives(), c, best) > 0) {
                        best = c;
                    }
                }
                value = eval(l.objectives().get(0).expr(), best);
            } else if (obj instanceof Objective.Pareto p) {
                List<PoolCandidate> front = paretoFront(p.objectives(), cands);
                best = argBest(front, zsum);
                value = zsum.applyAsDouble(best);
            } else if (obj instanceof Objective.RandomPick r) {
                long seed = r.seed() != null ? r.seed() : defaultSeed;
                best = cands.get(new Random(mix(seed, pool.promptHash())).nextInt(cands.size()));
                value = Double.NaN;
            } else {
                // First and Greedy: the canonical first candidate of the (greedy) pool.
                best = cands.get(0);
                value = Double.NaN;
            }
            choices.add(new Choice(pool.promptId(), best.candidateId(), value));
        }
        return new Outcome(choices, considered, eligibleCount, skipped);
    }

    /** The Pareto front (maximising oriented values), in canonical order. */
    static List<PoolCandidate> paretoFront(
            List<Objective.Directed> objs, List<PoolCandidate> cands) {
        List<PoolCandidate> front = new ArrayList<>();
        for (PoolCandidate a : cands) {
            boolean dominated = false;
            for (PoolCandidate b : cands) {
                if (a != b && dominates(objs, b, a)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(a);
            }
        }
        return front;
    }

    private static boolean dominates(
            List<Objective.Directed> objs, PoolCandidate b, PoolCandidate a) {
        boolean strictly = false;
        for (Objective.Directed d : objs) {
            double vb = oriented(d, b);
            double va = oriented(d, a);
            if (vb < va) {
                return false;
            }
            if (vb > va) {
                strictly = true;
            }
        }
        return strictly;
    }

    private static int compareLex(List<Objective.Directed> objs, PoolCandidate a, PoolCandidate b) {
        for (Objective.Directed d : objs) {
            int c = Double.compare(oriented(d, a), oriented(d, b));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static double oriented(Objective.Directed d, PoolCandidate c) {
        double v = eval(d.expr(), c);
        return d.maximize() ? v : -v;
    }

    private static PoolCandidate argBest(
            List<PoolCandidate> cands, ToDoubleFunction<PoolCandidate> f) {
        PoolCandidate best = cands.get(0);
        double bestValue = f.applyAsDouble(best);
        for (int i = 1; i < cands.size(); i++) {
            double v = f.applyAsDouble(cands.get(i));
            if (v > bestValue) {
                best = cands.get(i);
                bestValue = v;
            }
        }
        return best;
    }

    private static boolean passes(List<Expression> filters, PoolCandidate c) {
        for (Expression f : filters) {
            double v = eval(f, c);
            if (Double.isNaN(v) || v == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean defined(Objective obj, PoolCandidate c) {
        List<Expression> exprs = new ArrayList<>();
        if (obj instanceof Objective.Max m) {
            exprs.add(m.expr());
        } else if (obj instanceof Objective.Min m) {
            exprs.add(m.expr());
        } else if (obj instanceof Objective.Target t) {
            exprs.add(t.expr());
        } else if (obj instanceof Objective.ZSum z) {
            z.terms().forEach(t -> exprs.add(t.expr()));
        } else if (obj instanceof Objective.Lex l) {
            l.objectives().forEach(d -> exprs.add(d.expr()));
        } else if (obj instanceof Objective.Pareto p) {
            p.objectives().forEach(d -> exprs.add(d.expr()));
        }
        for (Expression e : exprs) {
            if (!Double.isFinite(eval(e, c))) {
                return false;
            }
        }
        return true;
    }

    private static double eval(Expression e, PoolCandidate c) {
        return e.evaluate(c::score);
    }

    /** A per-prompt random seed independent of prompt order: SHA-256(seed, prompt hash). */
    static long mix(long seed, String promptHash) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        d.update((seed + ":" + promptHash).getBytes(StandardCharsets.UTF_8));
        byte[] h = d.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xffL);
        }
        return v;
    }
}
