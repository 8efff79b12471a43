package org.heirloom.score.expr;

import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A parsed composite objective over metric values, e.g. {@code mtld - 40*toxicity}. Evaluation is
 * pure: NaN (an undefined metric) propagates through arithmetic and makes comparisons false.
 */
public interface Expression {

    /** Evaluates with {@code values} giving each variable's (metric's) value. */
    double evaluate(ToDoubleFunction<String> values);

    /** The metric names the expression reads, in order of first appearance. */
    Set<String> variables();

    /** The source text, as parsed. */
    String source();

    static Expression parse(String source) {
        return ExpressionParser.parse(source);
    }
}
