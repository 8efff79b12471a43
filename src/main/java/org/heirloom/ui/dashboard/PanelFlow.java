package org.heirloom.ui.dashboard;

/**
 * How dashboard charts share a row: as many columns as fit at {@code min} width, then every card
 * widened so the row is filled (no empty strip at the right at any window width). Pure arithmetic,
 * so it is tested without a window.
 */
public record PanelFlow(int columns, double cardWidth, double cardHeight) {

    /** The charts' smallest width; below it labels would crowd. */
    public static final double MIN_WIDTH = 380;

    /** Height over width of a chart card (the exported figures' proportions). */
    public static final double ASPECT = 290.0 / 380.0;

    /**
     * @param available the width the row may use
     * @param gap the horizontal gap between cards
     */
    public static PanelFlow fit(double available, double gap) {
        int columns = Math.max(1, (int) Math.floor((available + gap) / (MIN_WIDTH + gap)));
        double width = Math.max(MIN_WIDTH, (available - gap * (columns - 1)) / columns);
        // Leave a pixel of slack so rounding never wraps the last card.
        width = Math.floor(width) - (columns > 1 ? 1 : 0);
        return new PanelFlow(columns, width, Math.round(width * ASPECT));
    }
}
