package org.heirloom.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.heirloom.project.GenerationQuery;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.Project;
import org.heirloom.project.SelectionRecord;

/**
 * The arms of a project's comparisons as the generations view and the charts name them: the arm
 * label a comparison gives (e.g. {@code max-mtld}), with the strategy of the selection its students
 * were trained on ({@code max:mtld}) beside it. One naming: a selection that trained an arm's
 * students is shown under that arm's label everywhere.
 */
public final class GenerationArms {

    /** Suites whose items are generations with per-sample metrics. */
    public static final List<String> GENERATION_SUITES = List.of("text", "toxicity");

    private GenerationArms() {}

    /**
     * A comparison over a generation suite.
     *
     * @param name the comparison's name (its suite for an inferred one)
     */
    public record Comparison(String name, String suite, List<GenerationQuery.Arm> arms) {}

    /** Every comparison of a generation suite, in the dashboard's order. */
    public static List<Comparison> comparisons(Project project) {
        Map<Long, SelectionRecord> trainedOn = trainedOn(project);
        List<Comparison> out = new ArrayList<>();
        for (ComparisonPlan.Entry e : ComparisonPlan.discover(project)) {
            if (!GENERATION_SUITES.contains(e.suite())) {
                continue;
            }
            List<GenerationQuery.Arm> arms = new ArrayList<>();
            for (ProfileComparison.Arm a : e.arms()) {
                SelectionRecord s = trainedOn.get(a.replicates().get(0).id());
                arms.add(
                        new GenerationQuery.Arm(
                                a.label(),
                                s == null ? null : s.strategy(),
                                a.replicates().stream().map(ModelRecord::id).toList()));
            }
            out.add(new Comparison(e.name(), e.suite(), arms));
        }
        return out;
    }

    /** The comparison named {@code name} (or of that suite), else the first. */
    public static Optional<Comparison> find(Project project, String name) {
        List<Comparison> all = comparisons(project);
        return all.stream()
                .filter(c -> c.name().equals(name) || c.suite().equals(name))
                .findFirst()
                .or(() -> all.stream().findFirst());
    }

    /**
     * Selection name → the label of the arm whose students were trained on it, over every stored
     * comparison; a selection no arm was trained on is absent.
     */
    public static Map<String, String> selectionLabels(Project project) {
        Map<Long, SelectionRecord> trainedOn = trainedOn(project);
        Map<String, String> out = new LinkedHashMap<>();
        for (ComparisonPlan.Entry e : ComparisonPlan.discover(project)) {
            for (ProfileComparison.Arm a : e.arms()) {
                for (ModelRecord m : a.replicates()) {
                    SelectionRecord s = trainedOn.get(m.id());
                    if (s != null) {
                        out.putIfAbsent(s.name(), a.label());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Model name → the label of its arm in the first stored comparison that has it; the label of an
     * arm with a strategy is what training curves and pool-vs-selected panels show too.
     */
    public static Map<String, String> modelLabels(Project project) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ComparisonPlan.Entry e : ComparisonPlan.discover(project)) {
            for (ProfileComparison.Arm a : e.arms()) {
                a.replicates().forEach(m -> out.putIfAbsent(m.name(), a.label()));
            }
        }
        return out;
    }

    /** Arm label → the strategy of the selection its students were trained on. */
    public static Map<String, String> strategies(Project project) {
        Map<Long, SelectionRecord> trainedOn = trainedOn(project);
        Map<String, String> out = new LinkedHashMap<>();
        for (ComparisonPlan.Entry e : ComparisonPlan.discover(project)) {
            for (ProfileComparison.Arm a : e.arms()) {
                SelectionRecord s = trainedOn.get(a.replicates().get(0).id());
                if (s != null) {
                    out.putIfAbsent(a.label(), s.strategy());
                }
            }
        }
        return out;
    }

    /** Trained model id → the selection its training data came from. */
    private static Map<Long, SelectionRecord> trainedOn(Project project) {
        return project.read(
                c -> {
                    Map<Long, SelectionRecord> out = new LinkedHashMap<>();
                    try (var ps =
                                    c.prepareStatement(
                                            "SELECT t.output_model_id, s.id, s.run_id, s.name,"
                                                    + " s.strategy, s.summary FROM training t"
                                                    // Older trainings name their data
                                                    // source only (selection:NAME).
                                                    + " JOIN selection s ON s.id = t.selection_id"
                                                    + " OR (t.selection_id IS NULL"
                                                    + " AND t.data_source = 'selection:' || s.name)"
                                                    + " WHERE t.output_model_id IS NOT NULL");
                            var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(
                                    rs.getLong(1),
                                    new SelectionRecord(
                                            rs.getLong(2),
                                            rs.getLong(3),
                                            rs.getString(4),
                                            rs.getString(5),
                                            rs.getString(6)));
                        }
                    }
                    return out;
                });
    }
}
