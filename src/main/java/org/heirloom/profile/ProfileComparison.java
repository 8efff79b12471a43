package org.heirloom.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Estimate;
import org.heirloom.stats.Holm;

/**
 * Compares arms on one suite. An arm is one model or several replicates of one (students trained
 * with different seeds). Per attribute: each arm's mean with a 95% CI, and every arm against the
 * first (the baseline): difference, % change and a paired test over the units all profiles share.
 * With replicates the CIs come from a hierarchical bootstrap (replicates, then units), so seed
 * variance is counted, not only prompt variance. The p-value comes from the same resamples as the
 * difference's CI ({@link Bootstrap.Test}), so the two agree; Holm's adjustment runs over the
 * family of every (non-baseline arm, attribute) comparison in the report, and a difference is
 * flagged significant only when its Holm-adjusted p is below 0.05 and its CI excludes 0.
 */
public final class ProfileComparison {

    private ProfileComparison() {}

    /** An arm: a label and its replicate models. */
    public record Arm(String label, List<ModelRecord> replicates) {
        public Arm {
            replicates = List.copyOf(replicates);
            if (replicates.isEmpty()) {
                throw new IllegalArgumentException("arm '" + label + "' has no models");
            }
        }

        public static Arm of(ModelRecord m) {
            return new Arm(m.name(), List.of(m));
        }
    }

    /** The level at which a difference is flagged. */
    public static final double ALPHA = 0.05;

    /**
     * One arm against the baseline.
     *
     * @param pValue two-sided p-value from the bootstrap that gave {@code difference}'s CI
     * @param pHolm {@code pValue} adjusted by Holm over the report's (arm × attribute) family
     * @param significant pHolm below {@link #ALPHA} and the CI excluding 0
     * @param test the test that gave {@code pValue}
     */
    public record Versus(
            double meanA,
            double meanB,
            Estimate difference,
            Estimate percentChange,
            double pValue,
            double pHolm,
            boolean significant,
            String test,
            int units) {}

    /**
     * One attribute across arms.
     *
     * @param replicateMeans per arm, each replicate's mean over the shared units (the points a
     *     chart shows beside the arm's CI)
     */
    public record Attribute(
            String name,
            Map<String, Estimate> means,
            Map<String, Versus> versusBaseline,
            Map<String, double[]> replicateMeans) {}

    /**
     * One arm's stored profiles, as the comparison read them.
     *
     * @param label the arm
     * @param profiles per replicate, its latest complete profile of the suite
     * @param items per replicate, that profile's items
     */
    public record ArmItems(
            String label, List<ProfileRecord> profiles, List<List<ProfileItem>> items) {
        public ArmItems {
            profiles = List.copyOf(profiles);
            items = List.copyOf(items);
        }

        /** Every replicate's items in one list. */
        public List<ProfileItem> pooled() {
            return items.stream().flatMap(List::stream).toList();
        }
    }

    /**
     * @param suite the suite
     * @param arms arm labels, baseline first
     * @param attributes per attribute, means and comparisons
     * @param warnings caveats (different configurations, units missing)
     * @param items per arm, the profiles and items compared: figures beyond the means (report) are
     *     drawn from these rather than read again
     */
    public record Report(
            String suite,
            List<String> arms,
            List<Attribute> attributes,
            List<String> warnings,
            List<ArmItems> items) {

        public Report {
            items = List.copyOf(items);
        }

        /** A report without its items (built by hand, e.g. from stored summaries). */
        public Report(
                String suite,
                List<String> arms,
                List<Attribute> attributes,
                List<String> warnings) {
            this(suite, arms, attributes, warnings, List.of());
        }
    }

    public static Report compare(Project project, List<ModelRecord> models, String suite) {
        return compareArms(project, models.stream().map(Arm::of).toList(), suite);
    }

    public static Report compareArms(Project project, List<Arm> arms, String suite) {
        return compareArms(project, arms, suite, new ProfileItems(project));
    }

    /**
     * Like {@link #compareArms(Project, List, String)}, reading items through {@code loaded}: a
     * dashboard passes one for all its comparisons, so no profile is read twice.
     */
    public static Report compareArms(
            Project project, List<Arm> arms, String suite, ProfileItems loaded) {
        if (arms.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two models or arms");
        }
        ProfileRepository repo = new ProfileRepository(project);
        List<String> warnings = new ArrayList<>();
        // data[arm][replicate] = attribute → unit → value
        List<List<Map<String, Map<String, Double>>>> data = new ArrayList<>();
        List<ArmItems> armItems = new ArrayList<>();
        String config = null;
        for (Arm arm : arms) {
            List<Map<String, Map<String, Double>>> reps = new ArrayList<>();
            List<ProfileRecord> profiles = new ArrayList<>();
            List<List<ProfileItem>> items = new ArrayList<>();
            for (ModelRecord m : arm.replicates()) {
                ProfileRecord p =
                        repo.latestComplete(m.id(), suite)
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "model '"
                                                                + m.name()
                                                                + "' has no complete "
                                                                + suite
                                                                + " profile (run 'heirloom profile' first)"));
                if (config != null && !config.equals(p.config())) {
                    warnings.add(
                            "profiles differ in configuration: " + config + " vs " + p.config());
                }
                config = p.config();
                List<ProfileItem> its = loaded.of(p.id());
                profiles.add(p);
                items.add(its);
                reps.add(SuiteAttributes.of(suite, its));
            }
            data.add(reps);
            armItems.add(new ArmItems(arm.label(), profiles, items));
        }
        Bootstrap bootstrap = Bootstrap.standard();
        List<Attribute> attributes = new ArrayList<>();
        for (String attr : data.get(0).get(0).keySet()) {
            // Units every replicate of every arm has: comparisons are paired over them.
            TreeSet<String> units = null;
            for (List<Map<String, Map<String, Double>>> reps : data) {
                for (Map<String, Map<String, Double>> r : reps) {
                    Map<String, Double> v = r.getOrDefault(attr, Map.of());
                    TreeSet<String> present = new TreeSet<>();
                    v.forEach(
                            (k, x) -> {
                                if (!Double.isNaN(x)) {
                                    present.add(k);
                                }
                            });
                    if (units == null) {
                        units = present;
                    } else {
                        units.retainAll(present);
                    }
                }
            }
            if (units == null || units.isEmpty()) {
                warnings.add(attr + ": no unit is shared by all profiles");
                continue;
            }
            List<String> keys = new ArrayList<>(units);
            List<double[][]> grids = new ArrayList<>();
            for (List<Map<String, Map<String, Double>>> reps : data) {
                double[][] g = new double[reps.size()][keys.size()];
                for (int r = 0; r < reps.size(); r++) {
                    Map<String, Double> v = reps.get(r).get(attr);
                    for (int i = 0; i < keys.size(); i++) {
                        g[r][i] = v.get(keys.get(i));
                    }
                }
                grids.add(g);
            }
            Map<String, Estimate> means = new LinkedHashMap<>();
            Map<String, Versus> versus = new LinkedHashMap<>();
            Map<String, double[]> replicateMeans = new LinkedHashMap<>();
            for (int a = 0; a < arms.size(); a++) {
                double[][] g = grids.get(a);
                double[] reps = new double[g.length];
                for (int r = 0; r < g.length; r++) {
                    reps[r] = mean(new double[][] {g[r]});
                }
                replicateMeans.put(arms.get(a).label(), reps);
                means.put(
                        arms.get(a).label(),
                        g.length == 1 ? bootstrap.mean(g[0]) : bootstrap.hierarchicalMean(g));
                if (a == 0) {
                    continue;
                }
                double[][] base = grids.get(0);
                Bootstrap.Test test =
                        base.length == 1 && g.length == 1
                                ? bootstrap.pairedDifferenceTest(base[0], g[0])
                                : bootstrap.hierarchicalDifferenceTest(base, g);
                Estimate diff = test.difference();
                double meanA = mean(base);
                double meanB = mean(g);
                Estimate pct =
                        meanA == 0
                                ? new Estimate(
                                        Double.NaN, Double.NaN, Double.NaN, diff.level(), diff.n())
                                : new Estimate(
                                        100 * diff.value() / Math.abs(meanA),
                                        100 * diff.low() / Math.abs(meanA),
                                        100 * diff.high() / Math.abs(meanA),
                                        diff.level(),
                                        diff.n());
                versus.put(
                        arms.get(a).label(),
                        new Versus(
                                meanA,
                                meanB,
                                diff,
                                pct,
                                test.pValue(),
                                Double.NaN,
                                false,
                                test.method(),
                                keys.size()));
            }
            attributes.add(new Attribute(attr, means, versus, replicateMeans));
        }
        return new Report(
                suite,
                arms.stream().map(Arm::label).toList(),
                holm(attributes),
                warnings,
                armItems);
    }

    /** Fills in Holm-adjusted p-values over every comparison in the report, and the flags. */
    static List<Attribute> holm(List<Attribute> attributes) {
        List<Double> raw = new ArrayList<>();
        for (Attribute a : attributes) {
            a.versusBaseline().values().forEach(v -> raw.add(v.pValue()));
        }
        double[] adjusted = Holm.adjust(raw.stream().mapToDouble(Double::doubleValue).toArray());
        List<Attribute> out = new ArrayList<>();
        int k = 0;
        for (Attribute a : attributes) {
            Map<String, Versus> versus = new LinkedHashMap<>();
            for (Map.Entry<String, Versus> e : a.versusBaseline().entrySet()) {
                Versus v = e.getValue();
                double ph = adjusted[k++];
                versus.put(
                        e.getKey(),
                        new Versus(
                                v.meanA(),
                                v.meanB(),
                                v.difference(),
                                v.percentChange(),
                                v.pValue(),
                                ph,
                                ph < ALPHA && v.difference().excludesZero(),
                                v.test(),
                                v.units()));
            }
            out.add(new Attribute(a.name(), a.means(), versus, a.replicateMeans()));
        }
        return out;
    }

    private static double mean(double[][] g) {
        double s = 0;
        int n = 0;
        for (double[] row : g) {
            for (double v : row) {
                s += v;
                n++;
            }
        }
        return s / n;
    }
}
