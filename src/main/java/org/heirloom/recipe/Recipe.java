package org.heirloom.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.profile.ProfileOptions;
import org.heirloom.prompt.PromptImportOptions;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.TrainingPlan;

/**
 * A validated recipe (format version 1). Stages run in this order: prompts, generation, scoring,
 * selections, exports, students, profiles, comparisons; each is resumable or idempotent.
 *
 * @param namedTeachers teachers given a {@code name}, by name (profiles and comparisons refer to
 *     them), each with its spec
 */
public record Recipe(
        int version,
        String name,
        Prompts prompts,
        Generation generation,
        List<String> teachers,
        Map<String, String> namedTeachers,
        List<String> scorers,
        List<Selection> selections,
        List<Export> exports,
        List<Student> students,
        List<Profile> profiles,
        List<Comparison> comparisons) {

    public Recipe {
        teachers = List.copyOf(teachers);
        namedTeachers = Map.copyOf(namedTeachers);
        scorers = List.copyOf(scorers);
        selections = List.copyOf(selections);
        exports = List.copyOf(exports);
        students = List.copyOf(students);
        profiles = List.copyOf(profiles);
        comparisons = List.copyOf(comparisons);
    }

    /** The prompt set: an existing one ({@code importFile} null) or one imported from a file. */
    public record Prompts(String set, String importFile, PromptImportOptions options) {}

    /** The generation run. */
    public record Generation(
            String run,
            int k,
            long seed,
            String split,
            SamplingParams sampling,
            org.heirloom.teacher.OnOverlong onOverlong) {}

    /** One selection to make. */
    public record Selection(String name, String strategy) {}

    /** One file to write: a dataset from a selection, or the run's candidates. */
    public record Export(Type type, String selection, String format, String split, String out) {

        /** What is exported. */
        public enum Type {
            DATASET,
            CANDIDATES
        }
    }

    /**
     * One arm of students: {@code replicates} models fine-tuned from {@code base} on a selection,
     * exactly as {@code heirloom train --selection} would.
     *
     * @param base an absolute model folder, or the name of a model of the project
     * @param selection the selection (of this recipe) trained on
     * @param split only prompts of this split, or null
     * @param seed the arm's seed; replicate r trains with {@link TrainingPlan#seedFor}(seed, r)
     */
    public record Student(
            String name,
            String base,
            String selection,
            String split,
            TrainingConfig config,
            long seed,
            int replicates) {

        /** The models this student stands for: NAME, or NAME-r0 … NAME-r(R-1). */
        public List<String> modelNames() {
            List<String> out = new ArrayList<>();
            for (int r = 0; r < replicates; r++) {
                out.add(TrainingPlan.replicateName(name, replicates, r));
            }
            return out;
        }

        /** Same base, settings, seed and replicates: what arms compared with each other share. */
        public boolean trainedLike(Student other) {
            return base.equals(other.base)
                    && config.equals(other.config)
                    && seed == other.seed
                    && replicates == other.replicates;
        }
    }

    /**
     * One suite run on some models.
     *
     * @param models references: a student (all its replicates), a named teacher, or a model of the
     *     project
     * @param options as {@code heirloom profile} takes them (data paths absolute)
     */
    public record Profile(String suite, List<String> models, ProfileOptions options) {
        public Profile {
            models = List.copyOf(models);
        }
    }

    /**
     * A named comparison stored in the project for the dashboard and {@code export-charts}.
     *
     * @param arms baseline first
     */
    public record Comparison(String name, List<String> suites, List<Arm> arms) {
        public Comparison {
            suites = List.copyOf(suites);
            arms = List.copyOf(arms);
        }
    }

    /** An arm of a comparison: a label and model references. */
    public record Arm(String label, List<String> models) {
        public Arm {
            models = List.copyOf(models);
        }
    }
}
