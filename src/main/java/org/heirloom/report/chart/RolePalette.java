package org.heirloom.report.chart;

import java.awt.Color;
import org.heirloom.report.ModelRole;

/**
 * Okabe–Ito colours (colour-blind safe), one per model role. Several steered students take the
 * remaining Okabe–Ito colours in turn, so the first steered student is always the same green.
 */
public final class RolePalette {

    private static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    private static final Color SKY_BLUE = new Color(0x56, 0xB4, 0xE9);
    private static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    private static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
    private static final Color REDDISH_PURPLE = new Color(0xCC, 0x79, 0xA7);
    private static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    private static final Color YELLOW = new Color(0xF0, 0xE4, 0x42);
    private static final Color GREY = new Color(0x99, 0x99, 0x99);

    private static final Color[] STEERED = {GREEN, VERMILLION, REDDISH_PURPLE, BLUE, YELLOW};

    private RolePalette() {}

    /**
     * @param role the model's role
     * @param index which model of that role (0 for the first)
     */
    public static Color colour(ModelRole role, int index) {
        return switch (role) {
            case TEACHER -> ORANGE;
            case BASE -> GREY;
            case BASELINE_STUDENT -> SKY_BLUE;
            case STEERED_STUDENT -> STEERED[Math.floorMod(index, STEERED.length)];
            case OTHER -> STEERED[Math.floorMod(index + 3, STEERED.length)];
        };
    }

    /** {@code #rrggbb}, for CSS and SVG. */
    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
