package org.heirloom.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.project.RecipeRepository;
import org.heirloom.prompt.PromptImporter;
import org.heirloom.run.Exporter;
import org.heirloom.run.GenerationRunner;
import org.heirloom.run.MetricResolver;
import org.heirloom.run.RunResult;
import org.heirloom.run.RunSpec;
import org.heirloom.run.ScoringStage;
import org.heirloom.run.SelectionService;
import org.heirloom.score.Metric;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * Executes a recipe stage by stage: prompts → generation → scoring → selections → exports →
 * students → profiles → comparisons. Every stage is resumable or idempotent, so running the same
 * recipe again after an interruption (a cancel, a crash) continues where it stopped and, once
 * complete, changes nothing in the project (exported files are rewritten with the same content).
 */
public final class RecipeRunner {

    private final Project project;
    private final TeacherEnvironment env;
    private final MetricResolver metrics;
    private final GenerationRunner.TeacherOpener opener;

    /**
     * @param env teacher environment whose base directory is the recipe's folder
     * @param opener opens teachers; {@code null} for the registry
     */
    public RecipeRunner(
            Project project,
            TeacherEnvironment env,
            MetricResolver metrics,
            GenerationRunner.TeacherOpener opener) {
        this.project = project;
        this.env = env;
        this.metrics = metrics;
        this.opener = opener;
    }

    /** Runs the recipe; returns one human-readable line per stage. */
    public List<String> run(Recipe recipe, String yamlText, JobContext context) throws Exception {
        return run(recipe, yamlText, context, line -> {});
    }

    /** Runs the recipe, also handing each stage's line to {@code onStage} as it completes. */
    public List<String> run(
            Recipe recipe,
            String yamlText,
            JobContext context,
            java.util.function.Consumer<String> onStage)
            throws Exception {
        return run(recipe, yamlText, context, onStage, stage -> {});
    }

    /**
     * Runs the recipe, also telling {@code onStart} when each stage begins (every stage, in order,
     * also those the recipe leaves empty), so that a view can list the stages with their state.
     */
    public List<String> run(
            Recipe recipe,
            String yamlText,
            JobContext context,
            java.util.function.Consumer<String> onStage,
            java.util.function.Consumer<RecipeStage> onStart)
            throws Exception {
        List<String> report =
                new ArrayList<>() {
                    @Override
                    public boolean add(String line) {
                        onStage.accept(line);
                        return super.add(line);
                    }
                };
        Path base = env.baseDir();
        ExperimentStages experiment = new ExperimentStages(project, env, recipe, metrics);
        experiment.checkReferences();
        RecipeRepository recipes = new RecipeRepository(project);
        if (!yamlText.equals(recipes.find(recipe.name()).orElse(null))) {
            recipes.save(recipe.name(), yamlText);
        }

        // 1. Prompts
        onStart.accept(RecipeStage.PROMPTS);
        Recipe.Prompts pr = recipe.prompts();
        PromptSetRepository sets = new PromptSetRepository(project);
        var existing = sets.find(pr.set());
        if (pr.importFile() != null) {
            Path file = env.resolve(pr.importFile());
            String source = PromptImporter.describeSource(file, pr.options());
            if (existing.isPresent()) {
                if (!source.equals(existing.get().source())) {
                    throw new IllegalArgumentException(
                            "prompts.set: prompt set '"
                                    + pr.set()
                                    + "' exists but was made from other input ("
                                    + existing.get().source()
                                    + "); rename the set or restore the input");
                }
                report.add(
                        "prompts: set '"
                                + pr.set()
                                + "' already imported ("
                                + existing.get().prompts()
                                + " prompts)");
            } else {
                var r = new PromptImporter(project).importFile(file, pr.set(), pr.options());
                report.add(
                        "prompts: imported "
                                + r.stored()
                                + " prompts into '"
                                + pr.set()
                                + "' ("
                                + r.duplicates()
                                + " duplicates dropped, splits "
                                + r.splits()
                                + ")");
            }
        } else {
            PromptSetSummary s =
                    existing.orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            "prompts.set: no prompt set named '"
                                                    + pr.set()
                                                    + "' in "
                                                    + project.file()));
            report.add("prompts: using set '" + s.name() + "' (" + s.prompts() + " prompts)");
        }

        // 2. Generation
        onStart.accept(RecipeStage.GENERATION);
        Recipe.Generation g = recipe.generation();
        RunSpec spec =
                new RunSpec(
                        g.run(),
                        pr.set(),
                        g.split(),
                        recipe.teachers(),
                        g.k(),
                        g.sampling(),
                        g.seed(),
                        g.onOverlong());
        GenerationRunner gen =
                opener == null
                        ? new GenerationRunner(project, env)
                        : new GenerationRunner(project, env, opener);
        context.checkCancelled();
        RunResult rr = gen.run(spec, StageProgress.of(context, "generation").context(context));
        report.add(
                "run '"
                        + rr.name()
                        + "': "
                        + rr.expected()
                        + " candidates ("
                        + rr.alreadyStored()
                        + " already stored, "
                        + rr.generated()
                        + " generated)");

        // 3. Scoring
        onStart.accept(RecipeStage.SCORING);
        if (!recipe.scorers().isEmpty()) {
            List<Metric> ms = new ArrayList<>();
            try {
                for (String name : recipe.scorers()) {
                    ms.add(metrics.resolve(name));
                }
                Map<String, Long> done =
                        new ScoringStage(project)
                                .score(
                                        g.run(),
                                        ms,
                                        StageProgress.of(context, "scoring").context(context));
                report.add("scores: " + done + " newly computed");
            } finally {
                for (Metric m : ms) {
                    m.close();
                }
            }
        }

        // 4. Selections
        onStart.accept(RecipeStage.SELECTIONS);
        context.checkCancelled();
        SelectionService selector = new SelectionService(project);
        for (Recipe.Selection s : recipe.selections()) {
            SelectionService.Result r = selector.select(g.run(), s.strategy(), s.name(), true);
            report.add(
                    "selection '"
                            + s.name()
                            + "' ("
                            + s.strategy()
                            + "): "
                            + (r.reused()
                                    ? "already made, " + r.selected() + " kept"
                                    : r.selected() + " of " + r.prompts() + " prompts kept"));
        }

        // 5. Exports
        onStart.accept(RecipeStage.EXPORTS);
        Exporter exporter = new Exporter(project);
        for (Recipe.Export e : recipe.exports()) {
            Path out = base.resolve(e.out()).normalize();
            if (e.type() == Recipe.Export.Type.CANDIDATES) {
                long n = exporter.exportCandidates(g.run(), out);
                report.add("export: " + n + " candidates -> " + out);
            } else {
                Exporter.DatasetFormat fmt =
                        e.format().equals("chat")
                                ? Exporter.DatasetFormat.CHAT
                                : Exporter.DatasetFormat.JSONL;
                long n =
                        exporter.exportDataset(
                                e.selection(), fmt, e.split(), out, Exporter.defaultManifest(out));
                report.add("export: " + n + " examples of '" + e.selection() + "' -> " + out);
            }
        }

        // 6.-8. Students, profiles, comparisons
        onStart.accept(RecipeStage.STUDENTS);
        experiment.students(context, report::add);
        onStart.accept(RecipeStage.PROFILES);
        experiment.profiles(context, report::add);
        onStart.accept(RecipeStage.COMPARISONS);
        experiment.comparisons(context, report::add);
        return report;
    }
}
