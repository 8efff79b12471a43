package org.heirloom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    @Test
    void sharedUnitsOnlyWithPercentChange() {
        Map<String, Double> a = Map.of("p1", 10.0, "p2", 20.0, "p3", 30.0, "only-a", 99.0);
        Map<String, Double> b = Map.of("p1", 12.0, "p2", 22.0, "p3", 32.0, "only-b", 0.0);
        PairedComparison.Result r = PairedComparison.compare(a, b, Bootstrap.standard(), 1);
        assertEquals(3, r.units());
        assertEquals(2, r.unmatched());
        assertEquals(20.0, r.meanA(), 1e-12);
        assertEquals(22.0, r.meanB(), 1e-12);
        // Every difference is exactly +2: the CI collapses onto it, +10% of A's mean.
        assertEquals(2.0, r.difference().low(), 1e-12);
        assertEquals(2.0, r.difference().high(), 1e-12);
        assertEquals(10.0, r.percentChange().value(), 1e-12);
        // Three positive differences: only 2 of 8 sign patterns are as extreme → p ≈ 0.25.
        assertEquals(0.25, r.pValue(), 0.02);
        assertTrue(r.difference().excludesZero());
    }
}
