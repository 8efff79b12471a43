package org.heirloom.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;

/**
 * The comparisons a project implies: for every suite, the models with a complete profile, grouped
 * into arms (replicates named {@code NAME-r0}, {@code NAME-r1}, … form arm {@code NAME}). The
 * baseline arm comes first: one whose name contains "baseline" or "random", else the first by name.
 * Judge profiles are pairwise already and are left out.
 */
public final class ComparisonPlan {

    private ComparisonPlan() {}

    /** One suite's arms, baseline first. */
    public record Entry(String suite, List<ProfileComparison.Arm> arms) {}

    public static List<Entry> discover(Project project) {
        ModelRepository models = new ModelRepository(project);
        Map<String, Map<String, List<ModelRecord>>> bySuite = new TreeMap<>();
        for (ProfileRecord p : new ProfileRepository(project).list()) {
            if (!p.status().equals("complete") || p.suite().equals("judge")) {
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
        List<Entry> out = new ArrayList<>();
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
