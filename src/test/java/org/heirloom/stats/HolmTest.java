package org.heirloom.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void stepDownByHand() {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06.
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adj, 1e-12);
    }

    @Test
    void capsAtOneAndSkipsNaN() {
        double[] adj = Holm.adjust(new double[] {0.6, Double.NaN, 0.2});
        // Family of two: 0.2·2 = 0.4, then max(0.4, min(1, 0.6·1)) = 0.6.
        assertEquals(0.6, adj[0], 1e-12);
        assertTrue(Double.isNaN(adj[1]));
        assertEquals(0.4, adj[2], 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.7, 0.9}), 1e-12);
    }
}
