package org.heirloom.score.expr;

/**
 * A malformed expression. The message shows the expression with a caret under the offending column,
 * so that a user sees at once where it went wrong.
 */
public final class ExpressionException extends IllegalArgumentException {

    private final String expression;
    private final int column;

    public ExpressionException(String expression, int column, String problem) {
        super(format(expression, column, problem));
        this.expression = expression;
        this.column = column;
    }

    private static String format(String expression, int column, String problem) {
        return problem
                + " at column "
                + column
                + "\n  "
                + expression
                + "\n  "
                + " ".repeat(Math.max(0, column - 1))
                + "^";
    }

    public String expression() {
        return expression;
    }

    /** 1-based column of the problem. */
    public int column() {
        return column;
    }
}
