package org.heirloom.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Dashboard rows: as many columns as fit at the minimum width, widened to fill the row. */
class PanelFlowTest {

    @Test
    void columnsFillTheRowWithoutAnEmptyStrip() {
        // 1,536 px (a 1,920-px window less the explorer): (1536 + 12) / (380 + 12) = 3.9 → 3.
        PanelFlow wide = PanelFlow.fit(1536, 12);
        assertEquals(3, wide.columns());
        // (1536 − 2·12) / 3 = 504, one pixel of slack: 503.
        assertEquals(503, wide.cardWidth(), 0);
        assertEquals(Math.round(503 * 290.0 / 380.0), wide.cardHeight(), 0);
        double used = 3 * wide.cardWidth() + 2 * 12;
        assertTrue(used <= 1536 && 1536 - used < 12, "the row is full: " + used);
    }

    @Test
    void narrowWindowsKeepOneColumnAtTheMinimumWidth() {
        PanelFlow one = PanelFlow.fit(300, 12);
        assertEquals(1, one.columns());
        assertEquals(PanelFlow.MIN_WIDTH, one.cardWidth(), 0);
        // Exactly two minimum cards and a gap: two columns.
        assertEquals(2, PanelFlow.fit(2 * 380 + 12, 12).columns());
        assertEquals(1, PanelFlow.fit(2 * 380 + 11, 12).columns());
    }
}
