package org.heirloom.report.chart;

import java.util.Locale;

/** Export formats for figures. */
public enum FigureFormat {
    PNG,
    SVG,
    PDF;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FigureFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown figure format '" + s + "' (known: png, svg, pdf)");
        }
    }
}
