package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.profile.ComparisonPlan;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.profile.SavedComparisons;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.train.LoraConfig;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.TrainingPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The students, profiles and comparisons sections: parsing, defaults and validation errors. */
class RecipeModelSectionsTest {

    @TempDir Path dir;

    static final String RECIPE =
            """
            version: 1
            name: t
            prompts: {set: s}
            run: {name: r, k: 2}
            teachers:
              - {spec: "openai:http://127.0.0.1:9#m", name: teacher}
            selections:
              - {name: random-baseline, strategy: random}
              - {name: best, strategy: "max:words"}
            student_defaults:
              base: local:models/base
              replicates: 2
              seed: 7
              max_steps: 4
              lr: 1e-3
              batch: 2
              heldout: 0
              checkpoint_every: 2
            students:
              - {name: baseline, data: random-baseline}
              - {name: steered, data: best}
            profiles:
              - suite: text
                models: [teacher, baseline, steered]
                samples: 1
                max_new_tokens: 16
                limit: 4
                metrics: [words, mtld]
            comparisons:
              - name: steering
                suites: [text]
                baseline: random
                arms:
                  teacher: teacher
                  random: [baseline]
                  steered: [steered]
            """;

    static final String WITHOUT_COMPARISONS = RECIPE.substring(0, RECIPE.indexOf("comparisons:"));

    @BeforeEach
    void baseFolder() throws IOException {
        Files.createDirectories(dir.resolve("models/base"));
        Files.writeString(dir.resolve("models/base/config.json"), "{}");
    }

    private Recipe parse(String yaml) {
        return RecipeAsserts.parse(yaml, dir);
    }

    private void assertError(String yaml, String expected) {
        RecipeAsserts.assertError(yaml, dir, expected);
    }

    @Test
    void studentsTakeDefaultsAndMapOntoTheTrainCommandsConfig() {
        Recipe r = parse(RECIPE);
        assertEquals(2, r.students().size());
        Recipe.Student b = r.students().get(0);
        Recipe.Student s = r.students().get(1);
        assertEquals("random-baseline", b.selection());
        assertEquals("best", s.selection());
        assertEquals(dir.resolve("models/base").toString(), b.base());
        assertEquals(7, b.seed());
        assertEquals(List.of("steered-r0", "steered-r1"), s.modelNames());
        // What `heirloom train --max-steps 4 --lr 1e-3 --batch 2 --heldout 0
        // --checkpoint-every 2` builds (TrainCommand's withers over the same defaults).
        TrainingConfig expected =
                TrainingConfig.defaults()
                        .withMaxSteps(4)
                        .withLearningRate(1e-3)
                        .withBatch(2, 1)
                        .withHeldout(0, 10)
                        .withCheckpointEvery(2);
        assertEquals(expected, b.config());
        assertEquals(expected, s.config());
        assertEquals(5e-5, TrainingConfig.defaults().learningRate()); // the override mattered
        assertTrue(b.trainedLike(s));

        // An arm's own value wins over the defaults; LoRA as in --lora-rank 4.
        // (Without the comparison, which would refuse arms trained differently.)
        Recipe one =
                parse(
                        WITHOUT_COMPARISONS.replace(
                                "{name: baseline, data: random-baseline}",
                                "{name: baseline, data: random-baseline, replicates: 1,"
                                        + " lora: {rank: 4}}"));
        Recipe.Student lb = one.students().get(0);
        assertEquals(List.of("baseline"), lb.modelNames());
        assertEquals(new LoraConfig(4, 8.0, List.of("q_proj", "v_proj")), lb.config().lora());
        assertNull(one.students().get(1).config().lora());
    }

    /** Aliases would read as their anchor's name, silently; they are refused instead. */
    @Test
    void yamlAliasesAreRefused() {
        assertError(
                WITHOUT_COMPARISONS
                        .replace(
                                "{name: baseline, data: random-baseline}",
                                "{name: baseline, data: random-baseline,"
                                        + " lora: &adapters {rank: 4, alpha: 4}}")
                        .replace(
                                "{name: steered, data: best}",
                                "{name: steered, data: best, lora: *adapters}"),
                "r.yaml:21: YAML aliases (*adapters) are not supported; share training settings"
                        + " through student_defaults");
    }

    @Test
    void profilesAndComparisons() {
        Recipe r = parse(RECIPE);
        Recipe.Profile p = r.profiles().get(0);
        assertEquals("text", p.suite());
        assertEquals("s", p.options().promptSet()); // the recipe's own prompts by default
        assertEquals(1, p.options().samples());
        assertEquals(16, p.options().maxNewTokens());
        assertEquals(1.0, p.options().topP()); // text default
        assertEquals(List.of("words", "mtld"), p.options().metrics());
        Recipe.Comparison c = r.comparisons().get(0);
        assertEquals(
                List.of("random", "teacher", "steered"),
                c.arms().stream().map(Recipe.Arm::label).toList(),
                "baseline first, then the arms in recipe order");
        assertEquals("openai:http://127.0.0.1:9#m", r.namedTeachers().get("teacher"));
        assertTrue(p.options().templateOptions().isEmpty());
        Recipe chat =
                parse(
                        RECIPE.replace(
                                "    metrics: [words, mtld]",
                                "    metrics: [words, mtld]\n    template: chat\n"
                                        + "    system: Be brief.\n"
                                        + "    template_kwargs: {enable_thinking: false}"));
        assertEquals(
                "{\"system\":\"Be brief.\",\"kwargs\":{\"enable_thinking\":false}}",
                chat.profiles().get(0).options().templateOptions().describe());
        assertError(
                RECIPE.replace(
                        "    metrics: [words, mtld]",
                        "    metrics: [words, mtld]\n    template_kwargs: {a: [1]}"),
                "r.yaml: profiles[0].template_kwargs.a: must be a string, number, boolean or null");
    }

    @Test
    void errorsNameTheYamlPath() {
        assertError(
                RECIPE.replace(
                        "{name: steered, data: best}", "{<<: {lr: 1}, name: steered, data: best}"),
                "r.yaml: students[1].<<: YAML merge keys are not supported");
        assertError(
                RECIPE.replace("data: best}", "data: bets}"),
                "r.yaml: students[1].data: no selection named 'bets' in this recipe");
        assertError(
                RECIPE.replace("data: best}", "data: best, learning_rate: 1}"),
                "r.yaml: students[1].learning_rate: unknown key");
        assertError(
                RECIPE.replace("  batch: 2", "  batch: 0"),
                "r.yaml: student_defaults.batch: must be >= 1, got 0");
        assertError(
                RECIPE.replace("  lr: 1e-3", "  lr: -1"),
                "r.yaml: student_defaults.lr: lr must be positive");
        assertError(
                RECIPE.replace("  lr: 1e-3", "  lr: fast"),
                "r.yaml: student_defaults.lr: expected a number, got 'fast'");
        assertError(
                RECIPE.replace("local:models/base", "local:models/none"),
                "r.yaml: student_defaults.base: no model folder (with config.json) at");
        assertError(
                RECIPE.replace("  base: local:models/base\n", ""),
                "r.yaml: students[0].base: missing (here or in student_defaults)");
        assertError(
                RECIPE.replace("name: steered, data", "name: baseline, data"),
                "r.yaml: students[1].name: student 'baseline' appears twice");
        assertError(
                RECIPE.replace("data: best}", "data: best, lora: {rank: 0}}"),
                "r.yaml: students[1].lora.rank: must be >= 1, got 0");
        assertError(
                RECIPE.replace("data: best}", "data: best, lora: {rank: 2, targets: [x_proj]}}"),
                "r.yaml: students[1].lora: LoRA target 'x_proj' is not one of");
        assertError(
                RECIPE.replace("  - suite: text", "  - suite: txt"),
                "r.yaml: profiles[0].suite: unknown suite 'txt'");
        assertError(
                RECIPE.replace("  - suite: text", "  - suite: judge"),
                "r.yaml: profiles[0].suite: the judge suite pairs two models");
        assertError(
                RECIPE.replace(
                        "comparisons:",
                        "  - {suite: text, models: [steered], samples: 2}\ncomparisons:"),
                "r.yaml: profiles[1].models[0]: 'steered' already has a text profile in profiles[0]");
        assertError(
                RECIPE.replace(
                        "comparisons:",
                        "  - {suite: calibration, models: [steered], temperature: 1}\ncomparisons:"),
                "r.yaml: profiles[1].temperature: only used by text and toxicity profiles");
        assertError(
                RECIPE.replace(
                        "comparisons:",
                        "  - {suite: calibration, models: [steered]}\ncomparisons:"),
                "r.yaml: profiles[1].data: missing (the calibration suite reads its items");
        assertError(
                RECIPE.replace("    samples: 1", "    top_p: 0"),
                "r.yaml: profiles[0]: top-p must be in (0, 1]");
        assertError(
                RECIPE.replace("baseline: random", "baseline: randm"),
                "r.yaml: comparisons[0].baseline: no arm labelled 'randm'");
        assertError(
                RECIPE.replace("suites: [text]", "suites: [toxicity]"),
                "r.yaml: comparisons[0].arms.random[0]: 'baseline' has no toxicity profile in this"
                        + " recipe (add it to profiles)");
        assertError(
                RECIPE.replace("      teacher: teacher\n      random: [baseline]\n", "")
                        .replace("    baseline: random\n", ""),
                "r.yaml: comparisons[0].arms: needs at least two arms");
        assertError(
                RECIPE.replace("data: best}", "data: best, seed: 8}"),
                "r.yaml: comparisons[0].arms.steered[0]: student 'steered' is trained differently"
                        + " from 'baseline'");
        assertError(
                RECIPE.replace(
                        "{spec: \"openai:http://127.0.0.1:9#m\", name: teacher}",
                        "{spec: \"import:c.jsonl\", name: teacher}"),
                "r.yaml: teachers[0].name: only local: and openai: teachers can be named");
        assertError(
                RECIPE.replace("  seed: 7\n", "  seed: 7\n  name: x\n"),
                "r.yaml: student_defaults.name: unknown key");
        assertError(
                RECIPE.replace("{name: baseline, data: random-baseline}", "3"),
                "r.yaml: students[0]: expected a mapping");
    }

    @Test
    void unknownModelReferencesAreRefusedBeforeAnythingRuns() throws Exception {
        String yaml =
                WITHOUT_COMPARISONS
                        .replace("models: [teacher, baseline, steered]", "models: [teacher, ghost]")
                        .replace("prompts: {set: s}", "prompts: {set: s, import: p.txt}");
        Files.writeString(dir.resolve("p.txt"), "one\ntwo\n");
        Recipe recipe = parse(yaml);
        try (Project p = Project.create(dir.resolve("x.heirloom"), "x")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new RecipeRunner(
                                                    p,
                                                    TeacherEnvironment.system().withBaseDir(dir),
                                                    TestMetrics.RESOLVER,
                                                    null)
                                            .run(recipe, yaml, JobContext.none()));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "profiles[0].models[1]: no student or named teacher 'ghost' in"
                                            + " this recipe, and no model of that name in"),
                    e.getMessage());
            assertTrue(new PromptSetRepository(p).find("s").isEmpty(), "nothing ran");
        }
    }

    /** Stored comparisons replace the inferred one of their suite, baseline first. */
    @Test
    void savedComparisonsAreWhatTheDashboardDiscovers() {
        try (Project p = Project.create(dir.resolve("c.heirloom"), "c")) {
            ModelRepository models = new ModelRepository(p);
            ProfileRepository profiles = new ProfileRepository(p);
            for (String name : List.of("zeta-r0", "zeta-r1", "alpha-r0", "alpha-r1", "extra")) {
                ModelRecord m = models.register(name, "local", "/m/" + name, null, null, null);
                var pr = profiles.open(m.id(), "text", "{}");
                profiles.addItems(
                        pr.id(), List.of(new ProfileItem("a", 0, "x", 1.0, "{\"words\": 1}")));
                profiles.complete(pr.id(), "{}");
            }
            // Inferred: arms by name, "alpha" first by name (neither is called baseline/random).
            List<ComparisonPlan.Entry> inferred = ComparisonPlan.discover(p);
            assertEquals(1, inferred.size());
            assertEquals("text", inferred.get(0).name());
            assertEquals(
                    List.of("alpha", "extra", "zeta"),
                    inferred.get(0).arms().stream().map(ProfileComparison.Arm::label).toList());

            SavedComparisons.Saved saved =
                    new SavedComparisons.Saved(
                            "mine",
                            List.of("text"),
                            List.of(
                                    new SavedComparisons.Arm("zeta", List.of("zeta-r0", "zeta-r1")),
                                    new SavedComparisons.Arm(
                                            "alpha", List.of("alpha-r0", "alpha-r1"))));
            assertEquals(SavedComparisons.Outcome.STORED, SavedComparisons.save(p, saved));
            assertEquals(SavedComparisons.Outcome.UNCHANGED, SavedComparisons.save(p, saved));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    SavedComparisons.save(
                                            p,
                                            new SavedComparisons.Saved(
                                                    "mine",
                                                    List.of("text"),
                                                    List.of(
                                                            saved.arms().get(1),
                                                            saved.arms().get(0)))));
            assertTrue(e.getMessage().startsWith("comparison 'mine' is already stored"));

            List<ComparisonPlan.Entry> plan = ComparisonPlan.discover(p);
            assertEquals(1, plan.size(), "the suite is not inferred again");
            ComparisonPlan.Entry entry = plan.get(0);
            assertEquals("mine", entry.name());
            assertEquals(
                    List.of("zeta", "alpha"),
                    entry.arms().stream().map(ProfileComparison.Arm::label).toList());
            assertEquals(
                    List.of("zeta-r0", "zeta-r1"),
                    entry.arms().get(0).replicates().stream().map(ModelRecord::name).toList());
            assertFalse(
                    entry.arms().stream().anyMatch(a -> a.label().equals("extra")),
                    "only the declared arms");
        }
    }

    @Test
    void replicateNamesFollowTheTrainingPlan() {
        assertEquals("a", TrainingPlan.replicateName("a", 1, 0));
        assertEquals("a-r2", TrainingPlan.replicateName("a", 3, 2));
    }
}
