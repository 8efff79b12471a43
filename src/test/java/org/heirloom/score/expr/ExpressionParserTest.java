package org.heirloom.score.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static final Map<String, Double> M =
            Map.of("mtld", 80.0, "toxicity", 0.25, "words", 120.0, "neg", -4.0, "a.b", 2.0);

    private static double eval(String s) {
        return Expression.parse(s).evaluate(name -> M.getOrDefault(name, Double.NaN));
    }

    @Test
    void arithmeticFollowsUsualPrecedence() {
        assertEquals(70.0, eval("mtld - 40*toxicity"));
        assertEquals(7.0, eval("1 + 2 * 3"));
        assertEquals(9.0, eval("(1 + 2) * 3"));
        assertEquals(2.0, eval("8 / 2 / 2"), "division is left-associative");
        assertEquals(-3.0, eval("-1 - 2"));
        assertEquals(4.0, eval("--4"));
        assertEquals(512.0, eval("2^3^2"), "power is right-associative");
        assertEquals(-4.0, eval("-2^2"), "unary minus binds looser than power");
        assertEquals(1.5e-3, eval("1.5e-3"));
        assertEquals(0.5, eval(".5"));
        assertEquals(2.0, eval("a.b"), "dotted metric names");
    }

    @Test
    void functions() {
        assertEquals(4.0, eval("abs(neg)"));
        assertEquals(-4.0, eval("min(mtld, words, neg)"));
        assertEquals(120.0, eval("max(mtld, words)"));
        assertEquals(Math.log(80), eval("log(mtld)"), 1e-12);
        assertEquals(Math.exp(0.25), eval("exp(toxicity)"), 1e-12);
        assertEquals(Math.sqrt(120), eval("sqrt(words)"), 1e-12);
        assertEquals(5.0, eval("max(1, min(5, 9))"));
    }

    @Test
    void comparisonsAndLogicYieldOneOrZero() {
        assertEquals(1.0, eval("words >= 120"));
        assertEquals(0.0, eval("words > 120"));
        assertEquals(1.0, eval("toxicity < 0.5 and words >= 50"));
        assertEquals(0.0, eval("toxicity < 0.1 && words >= 50"));
        assertEquals(1.0, eval("toxicity < 0.1 or words >= 50"));
        assertEquals(1.0, eval("not toxicity > 0.5"));
        assertEquals(1.0, eval("!(words == 3)"));
        assertEquals(1.0, eval("words != 3"));
        assertEquals(121.0, eval("words + (mtld > 50)"), "truth values are numbers");
    }

    @Test
    void undefinedMetricsPropagateAsNaN() {
        assertTrue(Double.isNaN(eval("missing + 1")));
        assertTrue(Double.isNaN(eval("missing > 1")));
        assertTrue(Double.isNaN(eval("max(missing, 1)")));
        assertTrue(Double.isNaN(eval("not missing")));
    }

    @Test
    void variablesInOrderOfFirstUse() {
        assertEquals(
                List.of("mtld", "toxicity", "words"),
                List.copyOf(Expression.parse("mtld - 40*toxicity + min(words, mtld)").variables()));
    }

    @Test
    void errorsPointAtTheColumn() {
        assertError("mtld - ", 8, "expression ends too early");
        assertError("mtld ** 2", 7, "unexpected '*'");
        assertError("max(mtld,)", 10, "unexpected ')'");
        assertError("(mtld + 1", 10, "expected ')'");
        assertError("mtld = 3", 6, "'=' is not an operator");
        assertError("foo(1)", 1, "unknown function 'foo'");
        assertError("abs(1, 2)", 1, "takes 1 argument");
        assertError("mtld # 2", 6, "unexpected character '#'");
        assertError("1 < 2 < 3", 7, "do not chain");
        assertError("mtld 3", 6, "unexpected '3'");
        assertError("", 1, "empty expression");
    }

    private static void assertError(String src, int column, String fragment) {
        ExpressionException e =
                assertThrows(ExpressionException.class, () -> Expression.parse(src));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        // The caret sits under the column, below the expression.
        String[] lines = e.getMessage().split("\n");
        assertEquals("  " + src, lines[1]);
        assertEquals(column + 1, lines[2].indexOf('^'), e.getMessage());
    }
}
