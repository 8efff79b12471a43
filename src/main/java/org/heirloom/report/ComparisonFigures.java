package org.heirloom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.stats.Estimate;

/**
 * A comparison as figures and a table: per attribute, bars of each arm's mean with its 95% CI
 * (first arm = baseline, coloured as the baseline student; others as steered students); and one
 * table of means and differences from the baseline.
 */
public final class ComparisonFigures {

    private ComparisonFigures() {}

    /** A chart with a file-safe name. */
    public record Figure(String name, String description, ChartSpec spec) {}

    public static List<Figure> figures(ProfileComparison.Report report) {
        List<Figure> out = new ArrayList<>();
        for (ProfileComparison.Attribute a : report.attributes()) {
            List<ChartSpec.BarSeries> series = new ArrayList<>();
            int steered = 0;
            for (Map.Entry<String, Estimate> e : a.means().entrySet()) {
                boolean baseline = e.getKey().equals(report.arms().get(0));
                Estimate m = e.getValue();
                series.add(
                        new ChartSpec.BarSeries(
                                e.getKey(),
                                baseline
                                        ? roleOf(e.getKey(), ModelRole.BASELINE_STUDENT)
                                        : roleOf(e.getKey(), ModelRole.STEERED_STUDENT),
                                baseline ? 0 : steered++,
                                new double[] {m.value()},
                                new double[] {m.low()},
                                new double[] {m.high()},
                                new int[] {m.n()},
                                replicatePoints(a, e.getKey())));
            }
            String name = safe(report.suite() + "-" + a.name());
            out.add(
                    new Figure(
                            name,
                            report.suite() + ": mean " + a.name() + " per arm with 95% CI",
                            new ChartSpec.Bars(
                                    a.name(), "mean (95% CI)", List.of(a.name()), series)));
        }
        return out;
    }

    /** Each replicate's mean as a point over its arm's bar (arms of one model get none). */
    private static double[][] replicatePoints(ProfileComparison.Attribute a, String arm) {
        double[] reps = a.replicateMeans().get(arm);
        return reps == null || reps.length < 2 ? null : new double[][] {reps};
    }

    /** Teacher- and base-named arms keep their own colours. */
    private static ModelRole roleOf(String label, ModelRole otherwise) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("teacher")) {
            return ModelRole.TEACHER;
        }
        if (l.equals("base")) {
            return ModelRole.BASE;
        }
        return otherwise;
    }

    public static Table table(ProfileComparison.Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (ProfileComparison.Attribute a : report.attributes()) {
            for (Map.Entry<String, Estimate> e : a.means().entrySet()) {
                Estimate m = e.getValue();
                ProfileComparison.Versus v = a.versusBaseline().get(e.getKey());
                rows.add(
                        List.of(
                                a.name(),
                                e.getKey(),
                                String.format(
                                        Locale.ROOT,
                                        "%.3g [%.3g, %.3g]",
                                        m.value(),
                                        m.low(),
                                        m.high()),
                                v == null
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                "%+.3g [%+.3g, %+.3g]",
                                                v.difference().value(),
                                                v.difference().low(),
                                                v.difference().high()),
                                v == null || Double.isNaN(v.percentChange().value())
                                        ? ""
                                        : String.format(
                                                Locale.ROOT, "%+.1f%%", v.percentChange().value()),
                                v == null ? "" : String.format(Locale.ROOT, "%.3g", v.pValue())));
            }
        }
        return new Table(
                report.suite()
                        + ": arms vs "
                        + report.arms().get(0)
                        + " (95% CIs; replicate-aware where arms have replicates)",
                List.of(
                        "attribute",
                        "arm",
                        "mean [95% CI]",
                        "Δ vs baseline [95% CI]",
                        "% change",
                        "p"),
                rows);
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
