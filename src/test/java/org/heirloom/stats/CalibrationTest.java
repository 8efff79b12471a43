package org.heirloom.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-computed cases of uncertainty-calibration's get_ece_em (top-label, L1). */
class CalibrationTest {

    // Confidences 0.9 (right), 0.8 (wrong), 0.6 (right), 0.7 (right).
    static final double[][] PROBS = {{0.9, 0.1}, {0.8, 0.2}, {0.6, 0.4}, {0.3, 0.7}};
    static final int[] LABELS = {0, 1, 0, 1};

    @Test
    void oneBinIsTheGapBetweenMeanConfidenceAndAccuracy() {
        // mean confidence 0.75, accuracy 0.75
        assertEquals(0.0, Calibration.eceEqualMass(PROBS, LABELS, 1).ece(), 1e-12);
        assertEquals(0.75, Calibration.eceEqualMass(PROBS, LABELS, 1).accuracy(), 1e-12);
    }

    @Test
    void twoEqualMassBins() {
        // [0.6, 0.7] → |0.65 − 1| = 0.35; [0.8, 0.9] → |0.85 − 0.5| = 0.35; each weighs 1/2.
        Calibration.Result r = Calibration.eceEqualMass(PROBS, LABELS, 2);
        assertEquals(0.35, r.ece(), 1e-12);
        assertEquals(0.75, r.bins().get(0).upperEdge(), 1e-12);
        assertEquals(2, r.bins().get(0).count());
    }

    @Test
    void fewerExamplesThanBinsGivesOneBinPerExample() {
        // 10 bins requested, 4 examples → 4 bins: |.6−1|, |.7−1|, |.8−0|, |.9−1| → mean 0.4.
        Calibration.Result r = Calibration.eceEqualMass(PROBS, LABELS, 10);
        assertEquals(4, r.bins().size());
        assertEquals(0.4, r.ece(), 1e-12);
    }

    @Test
    void tiedConfidencesCollapseBinsIntoTheLowerOne() {
        double[][] probs = {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}};
        // np.argmax picks option 0 on ties: three right, one wrong.
        int[] labels = {0, 0, 0, 1};
        assertArrayEquals(
                new double[] {0.5, 1.0},
                Calibration.equalMassEdges(new double[] {.5, .5, .5, .5}, 2));
        Calibration.Result r = Calibration.eceEqualMass(probs, labels, 2);
        assertEquals(
                4, r.bins().get(0).count(), "a confidence equal to an edge goes to the lower bin");
        assertEquals(0, r.bins().get(1).count());
        assertEquals(0.25, r.ece(), 1e-12);
    }

    @Test
    void unevenChunksFollowArraySplit() {
        // 5 sorted values into 2 chunks: [.1,.2,.3] and [.4,.5] → edge .35
        assertArrayEquals(
                new double[] {0.35, 1.0},
                Calibration.equalMassEdges(new double[] {.5, .1, .4, .2, .3}, 2),
                1e-12);
    }

    @Test
    void badInputIsNamed() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.eceEqualMass(PROBS, new int[] {0, 1, 2, 0}, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.eceEqualMass(new double[0][], new int[0], 10));
    }
}
