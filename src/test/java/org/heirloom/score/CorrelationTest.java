package org.heirloom.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void ranksAverageTies() {
        assertArrayEquals(
                new double[] {1, 2.5, 2.5, 4}, Correlation.ranks(new double[] {1, 5, 5, 9}));
    }

    @Test
    void spearmanHandComputed() {
        assertEquals(1.0, Correlation.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 90}));
        assertEquals(-1.0, Correlation.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}));
        // Ranks x = 1,2,3,4 and y = 2,1,4,3: d^2 = 1+1+1+1 = 4, rho = 1 - 6*4/(4*15) = 0.6.
        assertEquals(
                0.6,
                Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}),
                1e-12);
        // With ties (scipy.stats.spearmanr([1,2,2,3],[1,3,2,4]) = 0.9486832980505138).
        assertEquals(
                0.9486832980505138,
                Correlation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}),
                1e-12);
    }
}
