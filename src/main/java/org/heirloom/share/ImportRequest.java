package org.heirloom.share;

import java.util.List;
import java.util.Set;

/**
 * What to import from another project.
 *
 * @param runs run names; each comes with its prompt set, teachers' models, candidates, scores,
 *     selections and the trainings made from those selections
 * @param profiles profile ids; each comes with its model and items
 * @param all everything: every run, every profile, every training
 */
public record ImportRequest(Set<String> runs, Set<Long> profiles, boolean all) {

    public ImportRequest {
        runs = Set.copyOf(runs);
        profiles = Set.copyOf(profiles);
    }

    public static ImportRequest everything() {
        return new ImportRequest(Set.of(), Set.of(), true);
    }

    public static ImportRequest of(List<String> runs, List<Long> profiles) {
        return new ImportRequest(Set.copyOf(runs), Set.copyOf(profiles), false);
    }

    public boolean isEmpty() {
        return !all && runs.isEmpty() && profiles.isEmpty();
    }
}
