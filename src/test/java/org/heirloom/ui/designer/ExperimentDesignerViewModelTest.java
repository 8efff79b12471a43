package org.heirloom.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;
import org.heirloom.model.ModelWriter;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.Project;
import org.heirloom.project.RecipeRepository;
import org.heirloom.project.RunRepository;
import org.heirloom.project.SelectionRepository;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeBase;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.ui.designer.RecipeRunModel.StageState;
import org.heirloom.ui.designer.RecipeRunModel.StageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The designer without a window: synchronous jobs and checks, so every call is finished. */
class ExperimentDesignerViewModelTest {

    static final Path EXAMPLE = Path.of("sample-projects/example").toAbsolutePath();

    @TempDir Path dir;
    private Project project;
    private ExperimentDesignerViewModel vm;

    @BeforeEach
    void open() {
        project = Project.create(dir.resolve("p.heirloom"), "p");
        vm = new ExperimentDesignerViewModel(new SynchronousJobExecutor(), project, Runnable::run);
    }

    @AfterEach
    void close() {
        vm.close();
        project.close();
    }

    /** The example experiment, typed into the form field by field. */
    private void fillExample(String teacherSpec) {
        vm.newRecipe();
        vm.field("name").set("designed");
        vm.field("prompts.set").set("example-prompts");
        vm.field("prompts.import").set(EXAMPLE.resolve("prompts.jsonl").toString());
        vm.field("prompts.field").set("prompt");
        vm.field("run.name").set("designed-run");
        vm.field("run.k").set("4");
        vm.field("run.seed").set("1");
        vm.field("run.sampling.temperature").set("0.7");
        vm.field("run.sampling.top_p").set("0.9");
        vm.field("run.sampling.top_k").set("5");
        vm.field("run.sampling.max_new_tokens").set("16");
        vm.addRow("teachers").value("spec").set(teacherSpec);
        vm.setScorer("words", true);
        vm.setScorer("mtld", true);
        FormRow longest = vm.addRow("selections");
        longest.value("name").set("longest");
        longest.value("strategy").set("max:words");
        FormRow random = vm.addRow("selections");
        random.value("name").set("random-baseline");
        random.value("strategy").set("random");
    }

    @Test
    void formToYamlParsesToTheRecipeWrittenByHand() {
        fillExample("import:" + EXAMPLE.resolve("candidates.jsonl"));
        vm.field("student_defaults.base").set("base-model");
        vm.field("student_defaults.replicates").set("2");
        vm.field("student_defaults.lr").set("0.001");
        vm.field("student_defaults.max_steps").set("3");
        vm.field("student_defaults.lora.rank").set("4");
        FormRow s1 = vm.addRow("students");
        s1.value("name").set("random-student");
        s1.value("data").set("random-baseline");
        FormRow s2 = vm.addRow("students");
        s2.value("name").set("long-student");
        s2.value("data").set("longest");
        FormRow prof = vm.addRow("profiles");
        prof.value("suite").set("text");
        prof.value("models").set("random-student, long-student");
        prof.value("limit").set("3");
        FormRow cmp = vm.addRow("comparisons");
        cmp.value("name").set("longer");
        cmp.value("suites").set("text");
        cmp.value("arms").set("random=random-student; steered=long-student");
        cmp.value("baseline").set("random");

        assertEquals(List.of(), vm.problems());
        assertTrue(vm.valid().get());
        assertTrue(vm.canRun().get());
        String byHand =
                """
                version: 1
                name: designed
                prompts:
                  set: example-prompts
                  import: %s
                  field: prompt
                run:
                  name: designed-run
                  k: 4
                  seed: 1
                  sampling: {temperature: 0.7, top_p: 0.9, top_k: 5, max_new_tokens: 16}
                teachers:
                  - spec: import:%s
                scorers: [words, mtld]
                selections:
                  - {name: longest, strategy: "max:words"}
                  - {name: random-baseline, strategy: random}
                student_defaults:
                  base: base-model
                  replicates: 2
                  lr: 0.001
                  max_steps: 3
                  lora: {rank: 4}
                students:
                  - {name: random-student, data: random-baseline}
                  - {name: long-student, data: longest}
                profiles:
                  - {suite: text, models: [random-student, long-student], limit: 3}
                comparisons:
                  - name: longer
                    suites: [text]
                    arms: {random: [random-student], steered: [long-student]}
                    baseline: random
                """
                        .formatted(
                                EXAMPLE.resolve("prompts.jsonl"),
                                EXAMPLE.resolve("candidates.jsonl"));
        Recipe expected =
                RecipeParser.parse(byHand, "hand", TeacherEnvironment.system().withBaseDir(dir));
        assertEquals(expected, vm.recipe().get());
        assertEquals(2, vm.recipe().get().students().get(1).replicates());
        assertEquals(4, vm.recipe().get().students().get(1).config().lora().rank());

        // The generated text, opened in a fresh designer, gives the same form back.
        try (ExperimentDesignerViewModel other =
                new ExperimentDesignerViewModel(
                        new SynchronousJobExecutor(), project, Runnable::run)) {
            other.load(vm.yaml().get(), RecipeBase.ofProject(dir.resolve("p.heirloom")));
            for (var f : org.heirloom.recipe.RecipeSchema.SCALARS) {
                assertEquals(vm.field(f.key()).get(), other.field(f.key()).get(), f.key());
            }
            for (String section : org.heirloom.recipe.RecipeSchema.SECTIONS.keySet()) {
                assertEquals(vm.rows(section).size(), other.rows(section).size(), section);
                for (int i = 0; i < vm.rows(section).size(); i++) {
                    for (var f : org.heirloom.recipe.RecipeSchema.SECTIONS.get(section)) {
                        assertEquals(
                                vm.rows(section).get(i).value(f.key()).get(),
                                other.rows(section).get(i).value(f.key()).get(),
                                section + "[" + i + "]." + f.key());
                    }
                }
            }
            assertEquals(expected, other.recipe().get());
        }
    }

    @Test
    void editingYamlRefreshesTheFormAndKeepsKeysTheFormDoesNotShow() throws Exception {
        Path file = Path.of("sample-projects/example-recipe.yaml").toAbsolutePath();
        vm.openFile(file);
        assertEquals("example", vm.field("name").get());
        assertEquals("4", vm.field("run.k").get());
        assertEquals("0.9", vm.field("run.sampling.top_p").get());
        assertEquals(3, vm.rows("selections").size());
        assertEquals(
                "filter:words>=20,max:mtld", vm.rows("selections").get(1).value("strategy").get());
        assertTrue(selected("words") && selected("mtld") && !selected("gunning_fog"));
        assertTrue(vm.valid().get(), () -> vm.problems().toString());
        Recipe before = vm.recipe().get();

        // A form edit changes exactly that value; exports (not in the form) survive.
        vm.field("run.k").set("2");
        Recipe after = vm.recipe().get();
        assertEquals(2, after.generation().k());
        assertEquals(before.exports(), after.exports());
        assertEquals(before.selections(), after.selections());
        assertTrue(vm.yaml().get().contains("k: 2"));

        // A text edit refreshes the form.
        vm.yaml().set(vm.yaml().get().replace("k: 2", "k: 3").replace("mtld", "gunning_fog"));
        assertEquals("3", vm.field("run.k").get());
        assertTrue(selected("gunning_fog"));
        assertFalse(selected("mtld"));
        assertEquals(List.of("words", "gunning_fog"), vm.recipe().get().scorers());

        // Unreadable YAML: the problem with its line, the form frozen, Run off.
        vm.yaml().set("version: 1\nrun: [unclosed\n");
        assertFalse(vm.formEditable().get());
        assertFalse(vm.canRun().get());
        assertTrue(vm.problems().get(0).line() > 0, () -> vm.problems().toString());
    }

    private boolean selected(String metric) {
        return vm.scorers().stream()
                .filter(s -> s.name().equals(metric))
                .findFirst()
                .orElseThrow()
                .selected()
                .get();
    }

    @Test
    void invalidStrategyAndUnknownSelectionShowTheParsersErrorAtTheirPath() {
        fillExample("import:" + EXAMPLE.resolve("candidates.jsonl"));
        assertTrue(vm.canRun().get());
        FormRow longest = vm.rows("selections").get(0);
        longest.value("strategy").set("maxx:words");
        assertFalse(vm.valid().get());
        assertFalse(vm.canRun().get());
        RecipeProblem p = vm.problems().get(0);
        assertEquals("selections[0].strategy", p.path());
        String parserSays = parserMessage(vm.yaml().get());
        assertEquals(RecipeCheck.SOURCE + ": " + p, parserSays);
        assertEquals(p.toString(), longest.error().get());
        assertEquals("", vm.rows("selections").get(1).error().get());

        // Two bad strategies: both marked, though the parser stops at the first.
        vm.rows("selections").get(1).value("strategy").set("max:");
        assertEquals(
                List.of("selections[0].strategy", "selections[1].strategy"),
                vm.problems().stream().map(RecipeProblem::path).toList());

        longest.value("strategy").set("max:words");
        vm.rows("selections").get(1).value("strategy").set("random");
        assertTrue(vm.canRun().get());

        vm.field("student_defaults.base").set("base-model");
        FormRow st = vm.addRow("students");
        st.value("name").set("s");
        st.value("data").set("nope");
        assertFalse(vm.canRun().get());
        assertEquals("students[0].data", vm.problems().get(0).path());
        assertEquals("no selection named 'nope' in this recipe", vm.problems().get(0).message());
        assertEquals(
                RecipeCheck.SOURCE + ": " + vm.problems().get(0), parserMessage(vm.yaml().get()));

        // A non-number where a number belongs: at its field.
        st.value("data").set("longest");
        vm.field("run.k").set("four");
        assertEquals("run.k: expected a whole number", vm.fieldError("run.k").get());
        assertFalse(vm.canRun().get());
    }

    private String parserMessage(String yaml) {
        try {
            RecipeParser.parse(
                    yaml, RecipeCheck.SOURCE, TeacherEnvironment.system().withBaseDir(dir));
            return "(valid)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void runsToCompletionAndResumesWithoutDuplicates() {
        fillExample("import:" + EXAMPLE.resolve("candidates.jsonl"));
        int[] finished = {0};
        vm.setOnRunFinished(() -> finished[0]++);
        vm.run();
        assertEquals(1, finished[0]);
        assertEquals("Finished 'designed'", vm.runState().get(), () -> vm.log().toString());
        for (StageStatus s : vm.stages()) {
            StageState want =
                    switch (s.stage()) {
                        case PROMPTS, GENERATION, SCORING, SELECTIONS -> StageState.DONE;
                        default -> StageState.SKIPPED;
                    };
            assertEquals(want, s.state(), s.stage().label());
        }
        // 6 prompts x 4 imported candidates; selection keeps one per prompt.
        long runId = new RunRepository(project).require("designed-run").id();
        assertEquals(24, new CandidateRepository(project).count(runId));
        assertEquals(2, vm.results().size());
        assertEquals(
                List.of(
                        "longest (max:words): 6 candidates kept",
                        "random-baseline (random): 6 candidates kept"),
                vm.results());
        // Stage rows keep their own last progress: generation counted its 24 candidates.
        assertTrue(vm.stages().get(1).detail().startsWith("24/24"), vm.stages().get(1).detail());
        assertEquals("", vm.stages().get(0).detail());
        var sel = new SelectionRepository(project).find("longest").orElseThrow();
        assertEquals(6, new SelectionRepository(project).rows(sel.id()).size());
        assertEquals(vm.yaml().get(), new RecipeRepository(project).find("designed").orElseThrow());
        assertEquals("Run", vm.runLabel().get());

        // Running again resumes: nothing new is generated.
        vm.run();
        assertTrue(
                vm.log().stream().anyMatch(l -> l.contains("(24 already stored, 0 generated)")),
                vm.log().toString());
        assertEquals(24, new CandidateRepository(project).count(runId));
    }

    @Test
    void aCancelledRunStopsBetweenStagesAndResumes() {
        boolean[] cancelNext = {true};
        org.heirloom.job.JobExecutor sync = new SynchronousJobExecutor();
        // Cancels the first run as if the user pressed Cancel once the prompts were in.
        org.heirloom.job.JobExecutor jobs =
                new org.heirloom.job.JobExecutor() {
                    @Override
                    public <T> org.heirloom.job.JobHandle<T> submit(
                            org.heirloom.job.JobSpec<T> spec) {
                        boolean cancel = cancelNext[0] && spec.title().startsWith("Recipe ");
                        return sync.submit(
                                org.heirloom.job.JobSpec.<T>of(
                                                spec.title(),
                                                ctx -> {
                                                    if (cancel) {
                                                        ctx.cancellation().cancel();
                                                    }
                                                    return spec.job().run(ctx);
                                                })
                                        .onSuccess(spec.successCallback())
                                        .onFailure(spec.failureCallback())
                                        .onCancelled(spec.cancelledCallback()));
                    }
                };
        vm.close();
        vm = new ExperimentDesignerViewModel(jobs, project, Runnable::run);
        fillExample("import:" + EXAMPLE.resolve("candidates.jsonl"));
        vm.run();
        assertEquals("Resume", vm.runLabel().get());
        assertFalse(vm.running().get());
        assertEquals(StageState.DONE, vm.stages().get(0).state());
        assertEquals(StageState.CANCELLED, vm.stages().get(1).state());
        assertEquals(StageState.PENDING, vm.stages().get(2).state());
        assertTrue(new RunRepository(project).find("designed-run").isEmpty());

        cancelNext[0] = false;
        vm.run();
        assertEquals("Finished 'designed'", vm.runState().get(), () -> vm.log().toString());
        assertTrue(
                vm.log().get(0).startsWith("prompts: set 'example-prompts' already imported"),
                vm.log().toString());
        long runId = new RunRepository(project).require("designed-run").id();
        assertEquals(24, new CandidateRepository(project).count(runId));
    }

    @Test
    void runIsRefusedOnAReadOnlyProject() throws Exception {
        Path file = project.file();
        project.close();
        project = Project.open(file, Project.Mode.READ_ONLY);
        vm.close();
        vm = new ExperimentDesignerViewModel(new SynchronousJobExecutor(), project, Runnable::run);
        fillExample("import:" + EXAMPLE.resolve("candidates.jsonl"));
        assertTrue(vm.valid().get());
        assertFalse(vm.canRun().get());
    }

    @Test
    void runsALocalModelTheTestMakes() throws Exception {
        Path shared = Path.of(System.getProperty("heirloom.shared", "../shared"));
        Path tok = shared.resolve("models/stories260k");
        assumeTrue(
                Files.isRegularFile(tok.resolve("tokenizer.json")),
                "shared stories260k tokenizer not found (system property heirloom.shared)");
        Path model = dir.resolve("tiny");
        try (LocalModel m =
                LocalModel.builder()
                        .optRandomInit(ModelConfig.llama(512, 32, 64, 2, 4, 2, true), 7)
                        .optTokenizerDir(tok)
                        .build()) {
            ModelWriter.save(m, model);
        }
        fillExample("local:" + model);
        vm.field("run.k").set("2");
        vm.field("run.sampling.max_new_tokens").set("6");
        assertTrue(vm.canRun().get(), () -> vm.problems().toString());
        vm.run();
        assertEquals("Finished 'designed'", vm.runState().get(), () -> vm.log().toString());
        long runId = new RunRepository(project).require("designed-run").id();
        assertEquals(12, new CandidateRepository(project).count(runId));
        assertEquals(StageState.DONE, vm.stages().get(1).state());
        assertTrue(
                vm.log().stream().anyMatch(l -> l.contains("12 generated")), vm.log().toString());
    }
}
