package org.heirloom.profile.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;

/**
 * The comparisons a project implies: for every suite, the models with a complete profile, grouped
 * into arms (replicates named {@code NAME-r0}, {@code NAME-r1}, … form arm {@code NAME}). The
 * baseline arm comes first: one whose name contains "baseline" or "random", else the first by name.
 * Judge profiles are pairwise already and are left out. Comparisons stored by a recipe ({@link
 * SavedComparisons}) come first, with their declared arms and baseline; a suite they cover is not
 * inferred again.
 */
public final class ComparisonPlan {

    private ComparisonPlan() {}

    /**
     * One suite's arms, baseline first.
     *
     * @param name the stored comparison's name, or the suite for an inferred one
     */
    public record Entry(String suite, List<ProfileComparison.Arm> arms, String name) {

        /** An inferred comparison: named after its suite. */
        public Entry(String suite, List<ProfileComparison.Arm> arms) {
            this(suite, arms, suite);
        }
    }

    public static List<Entry> discover(Project project) {
        ModelRepository models = new ModelRepository(project);
        List<Entry> out = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (SavedComparisons.Saved s : SavedComparisons.list(project)) {
            List<ProfileComparison.Arm> arms = new ArrayList<>();
            for (SavedComparisons.Arm a : s.arms()) {
                List<ModelRecord> reps = new ArrayList<>();
                for (String m : a.models()) {
                    reps.add(
                            models.find(m)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalStateException(
                                                            "comparison '"
                                                                    + s.name()
                                                                    + "' names model '"
                                                                    + m
                                                                    + "', which the project does not have")));
                }
                arms.add(new ProfileComparison.Arm(a.label(), reps));
            }
            for (String suite : s.suites()) {
                out.add(new Entry(suite, arms, s.name()));
                covered.add(suite);
            }
        }
        Map<String, Map<String, List<ModelRecord>>> bySuite = new TreeMap<>();
        for (ProfileRecord p : new ProfileRepository(project).list()) {
            if (!p.status().equals("complete")
                    || p.suite().equals("judge")
                    || covered.contains(p.suite())) {
                continue;
            }
            ModelRecord m = models.get(p.modelId()).orElseThrow();
            String arm = m.name().replaceFirst("-r\\d+$", "");
            List<ModelRecord> reps =
                    bySuite.computeIfAbsent(p.suite(), k -> new TreeMap<>())
                            .computeIfAbsent(arm, k -> new ArrayList<>());
            if (reps.stream().noneMatch(r -> r.id() == m.id())) {
                reps.add(m);
            }
        }
        bySuite.forEach(
                (suite, arms) -> {
                    if (arms.size() < 2) {
                        return;
                    }
                    Map<String, List<ModelRecord>> ordered = new LinkedHashMap<>();
                    arms.keySet().stream()
                            .filter(a -> a.contains("baseline") || a.contains("random"))
                            .findFirst()
                            .ifPresent(a -> ordered.put(a, arms.get(a)));
                    arms.forEach(ordered::putIfAbsent);
                    List<ProfileComparison.Arm> list = new ArrayList<>();
                    ordered.forEach(
                            (label, reps) -> list.add(new ProfileComparison.Arm(label, reps)));
                    out.add(new Entry(suite, list));
                });
        return out;
    }
}
