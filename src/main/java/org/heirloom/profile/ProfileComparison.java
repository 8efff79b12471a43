package org.heirloom.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Estimate;
import org.heirloom.stats.PairedComparison;

/**
 * Compares models on one suite: each attribute's mean per model with a bootstrap CI over units, and
 * every other model against the first (the baseline) with a paired difference, % change and a
 * paired test over the units both were profiled on.
 */
public final class ProfileComparison {

    private ProfileComparison() {}

    /** One attribute across models. */
    public record Attribute(
            String name,
            Map<String, Estimate> means,
            Map<String, PairedComparison.Result> versusBaseline) {}

    /**
     * @param suite the suite
     * @param models model names, baseline first
     * @param attributes per attribute, means and comparisons
     * @param warnings caveats (different configurations, few shared units, short texts)
     */
    public record Report(
            String suite, List<String> models, List<Attribute> attributes, List<String> warnings) {}

    public static Report compare(Project project, List<ModelRecord> models, String suite) {
        if (models.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two models");
        }
        ProfileRepository repo = new ProfileRepository(project);
        List<String> warnings = new ArrayList<>();
        List<Map<String, Map<String, Double>>> perModel = new ArrayList<>();
        String config = null;
        for (ModelRecord m : models) {
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
                warnings.add("profiles differ in configuration: " + config + " vs " + p.config());
            }
            config = p.config();
            perModel.add(SuiteAttributes.of(suite, repo.items(p.id())));
        }
        Bootstrap bootstrap = Bootstrap.standard();
        List<Attribute> attributes = new ArrayList<>();
        for (String attr : perModel.get(0).keySet()) {
            Map<String, Estimate> means = new LinkedHashMap<>();
            Map<String, PairedComparison.Result> versus = new LinkedHashMap<>();
            for (int i = 0; i < models.size(); i++) {
                Map<String, Double> values = perModel.get(i).get(attr);
                if (values == null || values.isEmpty()) {
                    continue;
                }
                double[] v =
                        values.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .filter(x -> !Double.isNaN(x))
                                .toArray();
                if (v.length > 0) {
                    means.put(models.get(i).name(), bootstrap.mean(v));
                }
                if (i > 0 && perModel.get(0).get(attr) != null) {
                    versus.put(
                            models.get(i).name(),
                            PairedComparison.compare(
                                    clean(perModel.get(0).get(attr)), clean(values), bootstrap, 7));
                }
            }
            attributes.add(new Attribute(attr, means, versus));
        }
        return new Report(
                suite, models.stream().map(ModelRecord::name).toList(), attributes, warnings);
    }

    private static Map<String, Double> clean(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach(
                (k, v) -> {
                    if (!Double.isNaN(v)) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
