package org.heirloom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRecord;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Calibration;
import org.heirloom.stats.Estimate;

/**
 * Figures and tables from the stored items of a suite's profiles, beyond the means: per-generation
 * distributions (text metrics, toxicity), reliability diagrams (calibration) and per-category bias
 * results (CrowS-Pairs, BBQ, StereoSet). Arms of replicates pool their replicates' items.
 */
public final class ProfileFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileFigures() {}

    /**
     * One arm's items with its colour.
     *
     * @param label the arm
     * @param role its colour
     * @param profiles per replicate, the compared profile (its stored summary feeds the bias
     *     tables)
     * @param items per replicate, that profile's items
     */
    public record ArmItems(
            String label,
            ArmRoles.Role role,
            List<ProfileRecord> profiles,
            List<List<ProfileItem>> items) {

        /** Every replicate's items in one list. */
        public List<ProfileItem> pooled() {
            return items.stream().flatMap(List::stream).toList();
        }
    }

    /** Each arm's items as the comparison read them, with the comparison's colours. */
    public static List<ArmItems> arms(ProfileComparison.Report report, ArmRoles roles) {
        List<ArmItems> out = new ArrayList<>();
        for (ProfileComparison.ArmItems arm : report.items()) {
            out.add(
                    new ArmItems(
                            arm.label(),
                            ComparisonFigures.armRole(report, roles, arm.label()),
                            arm.profiles(),
                            arm.items()));
        }
        return out;
    }

    /** Everything this class draws for one suite. */
    public static List<Figure> figures(String suite, List<ArmItems> arms) {
        List<Figure> out = new ArrayList<>();
        switch (suite) {
            case "text" -> {
                for (String metric : textMetrics(arms)) {
                    Map<String, double[]> values = new LinkedHashMap<>();
                    for (ArmItems a : arms) {
                        values.put(a.label(), metricValues(a.pooled(), metric));
                    }
                    out.addAll(distributions(suite, metric, metric, arms, values));
                }
            }
            case "toxicity" -> {
                Map<String, double[]> values = new LinkedHashMap<>();
                for (ArmItems a : arms) {
                    values.put(
                            a.label(),
                            a.pooled().stream().mapToDouble(ProfileItem::value).toArray());
                }
                out.addAll(distributions(suite, "toxicity", "toxicity", arms, values));
            }
            case "calibration" -> reliability(arms).ifPresent(out::add);
            case "crows" -> crowsCategories(arms).ifPresent(out::add);
            default -> {}
        }
        return out;
    }

    /** Per-category tables for the bias suites; empty for the others. */
    public static Optional<NamedTable> categoryTable(String suite, List<ArmItems> arms) {
        return switch (suite) {
            case "crows" -> crowsTable(arms);
            case "bbq" ->
                    summaryTable(
                            suite,
                            arms,
                            "category",
                            List.of(
                                    new Column("accuracy", "accuracy"),
                                    new Column("acc. ambiguous", "accuracyAmbiguous"),
                                    new Column("acc. disambiguated", "accuracyDisambiguated"),
                                    new Column("s_DIS", "sDis"),
                                    new Column("s_AMB", "sAmb")),
                            "questions",
                            "BBQ per category: accuracy and bias scores s_DIS, s_AMB (mean over replicates)");
            case "stereoset" ->
                    summaryTable(
                            suite,
                            arms,
                            "bias type",
                            List.of(
                                    new Column("LMS", "lms"),
                                    new Column("SS", "ss"),
                                    new Column("ICAT", "icat")),
                            "examples",
                            "StereoSet per bias type: LM score, stereotype score, ICAT (mean over"
                                    + " replicates)");
            default -> Optional.empty();
        };
    }

    /** Histogram bins: Sturges' rule on the largest sample, kept between 5 and 30. */
    static int bins(Map<String, double[]> values) {
        int n = values.values().stream().mapToInt(v -> v.length).max().orElse(1);
        // ceil(log2 n) + 1, in integers (no floating-point edge at powers of two).
        int sturges = (n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1)) + 1;
        return Math.max(5, Math.min(30, sturges));
    }

    private static List<Figure> distributions(
            String suite,
            String attribute,
            String xLabel,
            List<ArmItems> arms,
            Map<String, double[]> values) {
        List<ChartSpec.Sample> samples = new ArrayList<>();
        for (ArmItems a : arms) {
            samples.add(
                    new ChartSpec.Sample(
                            a.label(), a.role().role(), a.role().index(), values.get(a.label())));
        }
        String base = ComparisonFigures.safe(suite + "-" + attribute);
        return List.of(
                new Figure(
                        base + "-histogram",
                        suite + ": distribution of " + attribute + " per generation, per arm",
                        suite,
                        attribute,
                        new ChartSpec.Distribution(
                                attribute,
                                xLabel,
                                ChartSpec.Distribution.Kind.HISTOGRAM,
                                bins(values),
                                samples)),
                new Figure(
                        base + "-ecdf",
                        suite + ": empirical CDF of " + attribute + " per generation, per arm",
                        suite,
                        attribute,
                        new ChartSpec.Distribution(
                                attribute + " (ECDF)",
                                xLabel,
                                ChartSpec.Distribution.Kind.ECDF,
                                0,
                                samples)));
    }

    /** Metric names of text items, in first-seen order. */
    static List<String> textMetrics(List<ArmItems> arms) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (ArmItems a : arms) {
            for (ProfileItem it : a.pooled()) {
                for (Iterator<String> f = parse(it.data()).path("metrics").fieldNames();
                        f.hasNext(); ) {
                    names.add(f.next());
                }
            }
        }
        return List.copyOf(names);
    }

    /** One value per generation (sample), NaN where the metric is undefined for it. */
    static double[] metricValues(List<ProfileItem> items, String metric) {
        return items.stream()
                .mapToDouble(
                        it -> {
                            JsonNode v = parse(it.data()).path("metrics").path(metric);
                            return v.isNumber() ? v.asDouble() : Double.NaN;
                        })
                .toArray();
    }

    /** Per arm, 10 equal-mass bins over its pooled items, with its ECE. */
    static Optional<Figure> reliability(List<ArmItems> arms) {
        List<ChartSpec.ReliabilitySeries> series = new ArrayList<>();
        for (ArmItems a : arms) {
            List<ProfileItem> items = a.pooled();
            if (items.isEmpty()) {
                continue;
            }
            double[][] probs = new double[items.size()][];
            int[] labels = new int[items.size()];
            for (int i = 0; i < items.size(); i++) {
                JsonNode d = parse(items.get(i).data());
                JsonNode p = d.path("probs");
                probs[i] = new double[p.size()];
                for (int j = 0; j < p.size(); j++) {
                    probs[i][j] = p.get(j).asDouble();
                }
                labels[i] = d.path("label").asInt();
            }
            Calibration.Result r = Calibration.eceEqualMass(probs, labels, 10);
            series.add(
                    new ChartSpec.ReliabilitySeries(
                            a.label(), a.role().role(), a.role().index(), r.bins(), r.ece()));
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Figure(
                        "calibration-reliability",
                        "calibration: reliability diagram per arm (10 equal-mass bins, top-label;"
                                + " ECE in the legend)",
                        "calibration",
                        "confidence",
                        new ChartSpec.Reliability("Reliability (10 equal-mass bins)", series)));
    }

    /** Per arm, per bias type: 1 where the pair prefers the more stereotypical sentence. */
    private static Map<String, Map<String, double[][]>> crowsByType(List<ArmItems> arms) {
        Map<String, Map<String, double[][]>> out = new LinkedHashMap<>();
        for (ArmItems a : arms) {
            Map<String, List<double[]>> perType = new TreeMap<>();
            for (int r = 0; r < a.items().size(); r++) {
                Map<String, List<Double>> rep = new TreeMap<>();
                for (ProfileItem it : a.items().get(r)) {
                    String type = parse(it.data()).path("bias_type").asText("unknown");
                    rep.computeIfAbsent(type, k -> new ArrayList<>())
                            .add(it.value() > 0 ? 1.0 : 0.0);
                }
                rep.forEach(
                        (type, v) ->
                                perType.computeIfAbsent(type, k -> new ArrayList<>())
                                        .add(
                                                v.stream()
                                                        .mapToDouble(Double::doubleValue)
                                                        .toArray()));
            }
            Map<String, double[][]> grids = new LinkedHashMap<>();
            perType.forEach((type, reps) -> grids.put(type, reps.toArray(new double[0][])));
            out.put(a.label(), grids);
        }
        return out;
    }

    /**
     * CI of a share: hierarchical over replicates when every replicate has the same pairs, else
     * over the pooled pairs.
     */
    private static Estimate share(double[][] grid) {
        boolean rectangular = true;
        for (double[] row : grid) {
            rectangular &= row.length == grid[0].length;
        }
        if (grid.length > 1 && rectangular) {
            return Bootstrap.standard().hierarchicalMean(grid);
        }
        return Bootstrap.standard()
                .mean(
                        java.util.Arrays.stream(grid)
                                .flatMapToDouble(java.util.Arrays::stream)
                                .toArray());
    }

    private static Optional<Figure> crowsCategories(List<ArmItems> arms) {
        Map<String, Map<String, double[][]>> byArm = crowsByType(arms);
        TreeSet<String> types = new TreeSet<>();
        byArm.values().forEach(m -> types.addAll(m.keySet()));
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<String> categories = List.copyOf(types);
        List<ChartSpec.BarSeries> series = new ArrayList<>();
        for (ArmItems a : arms) {
            int c = categories.size();
            double[] v = new double[c];
            double[] lo = new double[c];
            double[] hi = new double[c];
            int[] n = new int[c];
            for (int i = 0; i < c; i++) {
                double[][] g = byArm.get(a.label()).get(categories.get(i));
                if (g == null) {
                    v[i] = lo[i] = hi[i] = Double.NaN;
                    continue;
                }
                Estimate e = share(g);
                v[i] = 100 * e.value();
                lo[i] = 100 * e.low();
                hi[i] = 100 * e.high();
                n[i] = e.n();
            }
            series.add(
                    new ChartSpec.BarSeries(
                            a.label(), a.role().role(), a.role().index(), v, lo, hi, n));
        }
        return Optional.of(
                new Figure(
                        "crows-bias-types",
                        "crows: % of pairs preferring the more stereotypical sentence, per bias"
                                + " type and arm, with 95% CI (50 = no preference)",
                        "crows",
                        "prefers_stereotype",
                        new ChartSpec.Bars(
                                "CrowS-Pairs by bias type",
                                "% stereotypical (95% CI)",
                                categories,
                                series)));
    }

    private static Optional<NamedTable> crowsTable(List<ArmItems> arms) {
        Map<String, Map<String, double[][]>> byArm = crowsByType(arms);
        TreeSet<String> types = new TreeSet<>();
        byArm.values().forEach(m -> types.addAll(m.keySet()));
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<String> header = new ArrayList<>(List.of("bias type"));
        arms.forEach(a -> header.add(a.label()));
        List<List<String>> rows = new ArrayList<>();
        for (String type : types) {
            List<String> row = new ArrayList<>(List.of(type));
            for (ArmItems a : arms) {
                double[][] g = byArm.get(a.label()).get(type);
                if (g == null) {
                    row.add("");
                    continue;
                }
                Estimate e = share(g);
                row.add(
                        String.format(
                                Locale.ROOT,
                                "%.1f [%.1f, %.1f] (n = %d)",
                                100 * e.value(),
                                100 * e.low(),
                                100 * e.high(),
                                g[0].length));
            }
            rows.add(row);
        }
        return Optional.of(
                new NamedTable(
                        "crows-bias-types",
                        new Table(
                                "CrowS-Pairs: % of pairs preferring the more stereotypical"
                                        + " sentence per bias type [95% CI] (n = pairs)",
                                header, rows)));
    }

    private record Column(String header, String field) {}

    /** A per-category table from each profile's stored summary, averaged over replicates. */
    private static Optional<NamedTable> summaryTable(
            String suite,
            List<ArmItems> arms,
            String categoryHeader,
            List<Column> columns,
            String countField,
            String caption) {
        // arm → category → column → per-replicate values
        Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        TreeSet<String> categories = new TreeSet<>();
        for (ArmItems a : arms) {
            Map<String, double[]> perCat = new LinkedHashMap<>();
            Map<String, Integer> perCatN = new LinkedHashMap<>();
            for (ProfileRecord p : a.profiles()) {
                JsonNode s = parse(p.summary());
                for (Iterator<Map.Entry<String, JsonNode>> f = s.fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = f.next();
                    if (!e.getValue().isObject()) {
                        continue;
                    }
                    categories.add(e.getKey());
                    double[] acc =
                            perCat.computeIfAbsent(e.getKey(), k -> new double[columns.size() + 1]);
                    for (int c = 0; c < columns.size(); c++) {
                        JsonNode v = e.getValue().path(columns.get(c).field());
                        acc[c] += v.isNumber() ? v.asDouble() : Double.NaN;
                    }
                    acc[columns.size()]++;
                    perCatN.put(e.getKey(), e.getValue().path(countField).asInt());
                }
            }
            sums.put(a.label(), perCat);
            counts.put(a.label(), perCatN);
        }
        if (categories.isEmpty()) {
            return Optional.empty();
        }
        List<String> header = new ArrayList<>(List.of(categoryHeader, "arm"));
        columns.forEach(c -> header.add(c.header()));
        header.add("n");
        List<List<String>> rows = new ArrayList<>();
        // "all" (the overall row) last, after the categories.
        List<String> ordered = new ArrayList<>(categories);
        if (ordered.remove("all")) {
            ordered.add("all");
        }
        for (String cat : ordered) {
            for (ArmItems a : arms) {
                double[] acc = sums.get(a.label()).get(cat);
                if (acc == null) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(cat, a.label()));
                for (int c = 0; c < columns.size(); c++) {
                    double v = acc[c] / acc[columns.size()];
                    row.add(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3g", v));
                }
                row.add(Integer.toString(counts.get(a.label()).get(cat)));
                rows.add(row);
            }
        }
        return Optional.of(new NamedTable(suite + "-categories", new Table(caption, header, rows)));
    }

    static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "stored profile data is not JSON: "
                            + (json.length() > 80 ? json.substring(0, 80) + "…" : json),
                    e);
        }
    }
}
