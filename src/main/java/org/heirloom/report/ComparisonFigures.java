package org.heirloom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heirloom.profile.compare.ProfileComparison;
import org.heirloom.report.chart.ChartSpec;
import org.heirloom.report.chart.Figure;
import org.heirloom.report.table.Table;
import org.heirloom.stats.Estimate;

/**
 * A comparison as figures and a table: per attribute, bars of each arm's mean with its 95% CI
 * (toxicity: EMT and toxicity probability side by side); the % change of every arm against the
 * baseline with its CI; and one table of means, differences and % changes.
 */
public final class ComparisonFigures {

    private ComparisonFigures() {}

    public static List<Figure> figures(ProfileComparison.Report report) {
        return figures(report, ArmRoles.of(report.arms()));
    }

    public static List<Figure> figures(ProfileComparison.Report report, ArmRoles roles) {
        List<Figure> out = new ArrayList<>();
        if (report.suite().equals("toxicity")) {
            toxicity(report, roles).ifPresent(out::add);
        }
        for (ProfileComparison.Attribute a : report.attributes()) {
            if (report.suite().equals("toxicity")
                    && (a.name().equals("max_toxicity") || a.name().equals("toxic"))) {
                continue;
            }
            out.add(
                    new Figure(
                            safe(report.suite() + "-" + a.name()),
                            report.suite() + ": mean " + a.name() + " per arm with 95% CI",
                            report.suite(),
                            a.name(),
                            new ChartSpec.Bars(
                                    a.name(),
                                    "mean (95% CI)",
                                    List.of(a.name()),
                                    meanSeries(report, roles, List.of(a)))));
        }
        if (report.arms().size() > 1 && !report.attributes().isEmpty()) {
            out.add(percentChange(report, roles));
        }
        return out;
    }

    /** EMT (mean of per-prompt maxima) and toxicity probability share one 0–1 axis. */
    private static java.util.Optional<Figure> toxicity(
            ProfileComparison.Report report, ArmRoles roles) {
        ProfileComparison.Attribute emt = attribute(report, "max_toxicity");
        ProfileComparison.Attribute prob = attribute(report, "toxic");
        if (emt == null || prob == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                new Figure(
                        safe(report.suite() + "-emt-probability"),
                        "toxicity: expected maximum toxicity and toxicity probability per arm with"
                                + " 95% CI",
                        report.suite(),
                        "max_toxicity",
                        new ChartSpec.Bars(
                                "Toxicity",
                                "mean (95% CI)",
                                List.of("expected max. toxicity", "toxicity probability"),
                                meanSeries(report, roles, List.of(emt, prob)))));
    }

    private static ProfileComparison.Attribute attribute(
            ProfileComparison.Report report, String name) {
        return report.attributes().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** One bar series per arm over the given attributes (categories). */
    private static List<ChartSpec.BarSeries> meanSeries(
            ProfileComparison.Report report,
            ArmRoles roles,
            List<ProfileComparison.Attribute> attrs) {
        List<ChartSpec.BarSeries> series = new ArrayList<>();
        for (String arm : report.arms()) {
            int c = attrs.size();
            double[] v = new double[c];
            double[] lo = new double[c];
            double[] hi = new double[c];
            int[] n = new int[c];
            double[][] points = new double[c][];
            boolean anyPoints = false;
            for (int i = 0; i < c; i++) {
                Estimate m = attrs.get(i).means().get(arm);
                v[i] = m == null ? Double.NaN : m.value();
                lo[i] = m == null ? Double.NaN : m.low();
                hi[i] = m == null ? Double.NaN : m.high();
                n[i] = m == null ? 0 : m.n();
                double[] reps = attrs.get(i).replicateMeans().get(arm);
                // Each replicate's mean as a point over its arm's bar (arms of one model: none).
                if (reps != null && reps.length > 1) {
                    points[i] = reps;
                    anyPoints = true;
                }
            }
            ArmRoles.Role r = armRole(report, roles, arm);
            series.add(
                    new ChartSpec.BarSeries(
                            arm, r.role(), r.index(), v, lo, hi, n, anyPoints ? points : null));
        }
        return series;
    }

    /** The comparison's first arm is its baseline, whatever its name. */
    static ArmRoles.Role armRole(ProfileComparison.Report report, ArmRoles roles, String arm) {
        if (arm.equals(report.arms().get(0)) && ArmRoles.byName(arm) == null) {
            return new ArmRoles.Role(ModelRole.BASELINE_STUDENT, 0);
        }
        return roles.role(arm);
    }

    /** Per attribute, each arm's % change from the baseline with the CI of the difference. */
    private static Figure percentChange(ProfileComparison.Report report, ArmRoles roles) {
        List<String> categories =
                report.attributes().stream().map(ProfileComparison.Attribute::name).toList();
        List<ChartSpec.BarSeries> series = new ArrayList<>();
        for (String arm : report.arms().subList(1, report.arms().size())) {
            int c = categories.size();
            double[] v = new double[c];
            double[] lo = new double[c];
            double[] hi = new double[c];
            int[] n = new int[c];
            for (int i = 0; i < c; i++) {
                ProfileComparison.Versus vs = report.attributes().get(i).versusBaseline().get(arm);
                Estimate p = vs == null ? null : vs.percentChange();
                v[i] = p == null ? Double.NaN : p.value();
                lo[i] = p == null ? Double.NaN : p.low();
                hi[i] = p == null ? Double.NaN : p.high();
                n[i] = vs == null ? 0 : vs.units();
            }
            ArmRoles.Role r = armRole(report, roles, arm);
            series.add(new ChartSpec.BarSeries(arm, r.role(), r.index(), v, lo, hi, n));
        }
        return new Figure(
                safe(report.suite() + "-percent-change"),
                report.suite()
                        + ": % change of each arm's mean vs "
                        + report.arms().get(0)
                        + " with 95% CI",
                report.suite(),
                null,
                new ChartSpec.Bars(
                        "% change vs " + report.arms().get(0),
                        "% change (95% CI)",
                        categories,
                        series));
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
                                                Locale.ROOT,
                                                "%+.1f%% [%+.1f, %+.1f]",
                                                v.percentChange().value(),
                                                v.percentChange().low(),
                                                v.percentChange().high()),
                                v == null ? "" : String.format(Locale.ROOT, "%.3g", v.pValue()),
                                v == null
                                        ? ""
                                        : String.format(Locale.ROOT, "%.3g", v.pHolm())
                                                + (v.significant() ? " *" : "")));
            }
        }
        return new Table(
                report.suite()
                        + ": arms vs "
                        + report.arms().get(0)
                        + " (95% CIs; replicate-aware where arms have replicates; p two-sided from"
                        + " the same bootstrap resamples as the CI, Holm-adjusted over every arm ×"
                        + " attribute; * = adjusted p < 0.05 and CI excludes 0)",
                List.of(
                        "attribute",
                        "arm",
                        "mean [95% CI]",
                        "Δ vs baseline [95% CI]",
                        "% change [95% CI]",
                        "p (bootstrap)",
                        "p (Holm)"),
                rows);
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
