package org.heirloom.report.chart;

/**
 * Physical figure sizes for papers; fonts are set in points so that a figure placed at 100% has the
 * same type size in every format.
 *
 * @param name preset name
 * @param widthInches figure width
 * @param heightInches figure height
 * @param fontPoints base font size
 */
public record FigurePreset(String name, double widthInches, double heightInches, float fontPoints) {

    /** One column of a two-column paper (ACL, NeurIPS-style two-column layouts). */
    public static final FigurePreset SINGLE = new FigurePreset("single", 3.3, 2.4, 8f);

    /** Full text width of a two-column paper. */
    public static final FigurePreset DOUBLE = new FigurePreset("double", 6.8, 3.2, 9f);

    public static FigurePreset named(String name) {
        return switch (name) {
            case "single" -> SINGLE;
            case "double" -> DOUBLE;
            default ->
                    throw new IllegalArgumentException(
                            "unknown figure preset '" + name + "' (known: single, double)");
        };
    }

    public double widthPoints() {
        return widthInches * 72;
    }

    public double heightPoints() {
        return heightInches * 72;
    }
}
