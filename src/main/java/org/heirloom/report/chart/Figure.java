package org.heirloom.report.chart;

/**
 * A chart of a dashboard panel.
 *
 * @param name file-safe name, unique within a dashboard
 * @param description what it shows, for the export index
 * @param suite the profile suite it comes from, or null (selections, trainings)
 * @param attribute the attribute or metric it shows (for its help), or null
 * @param spec the chart
 */
public record Figure(
        String name, String description, String suite, String attribute, ChartSpec spec) {}
