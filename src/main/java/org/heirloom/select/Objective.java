package org.heirloom.select;

import java.util.List;
import org.heirloom.score.expr.Expression;

/** What a selection optimises per prompt. */
public sealed interface Objective {

    /** Highest value of an expression. */
    record Max(Expression expr) implements Objective {}

    /** Lowest value of an expression. */
    record Min(Expression expr) implements Objective {}

    /** Value closest to a target. */
    record Target(Expression expr, double target) implements Objective {}

    /** Highest weighted sum of pool-wide z-scores. */
    record ZSum(List<Term> terms) implements Objective {}

    /** Lexicographic: the first objective, ties broken by the next, and so on. */
    record Lex(List<Directed> objectives) implements Objective {}

    /** Non-dominated candidates; among them the best equal-weight z-score sum. */
    record Pareto(List<Directed> objectives) implements Objective {}

    /** Uniformly at random per prompt; {@code seed} null → the run's seed. */
    record RandomPick(Long seed) implements Objective {}

    /** The first candidate (lowest teacher index, then candidate index). */
    record First() implements Objective {}

    /**
     * A temperature-0 answer: the first candidate of this run (which must sample at temperature 0),
     * or of another run {@code run} over the same prompts.
     */
    record Greedy(String run) implements Objective {}

    /** A weighted expression. */
    record Term(Expression expr, double weight) {}

    /** An expression to maximise or minimise. */
    record Directed(Expression expr, boolean maximize) {}
}
