package org.heirloom.recipe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.RecipeRepository;
import org.heirloom.recipe.stage.ComparisonsStage;
import org.heirloom.recipe.stage.ExportsStage;
import org.heirloom.recipe.stage.GenerationStage;
import org.heirloom.recipe.stage.ModelRefs;
import org.heirloom.recipe.stage.ProfilesStage;
import org.heirloom.recipe.stage.PromptsStage;
import org.heirloom.recipe.stage.ScoringStage;
import org.heirloom.recipe.stage.SelectionsStage;
import org.heirloom.recipe.stage.Stage;
import org.heirloom.recipe.stage.StudentsStage;
import org.heirloom.run.GenerationRunner;
import org.heirloom.run.MetricResolver;
import org.heirloom.run.RunSpec;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * Executes a recipe stage by stage: prompts → generation → scoring → selections → exports →
 * students → profiles → comparisons, each a {@link Stage} (plan what is missing, run it, report
 * progress, resume) that this runner only walks. Every stage is resumable or idempotent, so running
 * the same recipe again after an interruption (a cancel, a crash) continues where it stopped and,
 * once complete, changes nothing in the project (exported files are rewritten with the same
 * content); {@link #plan} then lists nothing.
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
        List<String> report = new ArrayList<>();
        ModelRefs refs = new ModelRefs(project, env, recipe);
        refs.check();
        RecipeRepository recipes = new RecipeRepository(project);
        if (!yamlText.equals(recipes.find(recipe.name()).orElse(null))) {
            recipes.save(recipe.name(), yamlText);
        }
        for (Stage stage : stages(recipe, refs)) {
            onStart.accept(stage.kind());
            stage.run(
                    context,
                    line -> {
                        onStage.accept(line);
                        report.add(line);
                    });
        }
        return report;
    }

    /**
     * What each stage still has to do, in order (see {@link Stage#plan}); every list is empty once
     * the recipe has run to the end. Reads the project only.
     */
    public Map<RecipeStage, List<String>> plan(Recipe recipe) {
        Map<RecipeStage, List<String>> out = new EnumMap<>(RecipeStage.class);
        for (Stage stage : stages(recipe, new ModelRefs(project, env, recipe))) {
            out.put(stage.kind(), stage.plan());
        }
        return out;
    }

    /** The recipe's stages in the order they run, one per {@link RecipeStage}. */
    private List<Stage> stages(Recipe recipe, ModelRefs refs) {
        Recipe.Generation g = recipe.generation();
        RunSpec spec =
                new RunSpec(
                        g.run(),
                        recipe.prompts().set(),
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
        return List.of(
                new PromptsStage(project, env, recipe.prompts()),
                new GenerationStage(project, gen, spec),
                new ScoringStage(project, metrics, g.run(), recipe.scorers()),
                new SelectionsStage(project, g.run(), recipe.selections()),
                new ExportsStage(project, env.baseDir(), g.run(), recipe.exports()),
                new StudentsStage(project, recipe.students()),
                new ProfilesStage(project, refs, recipe.profiles(), metrics),
                new ComparisonsStage(project, refs, recipe.comparisons(), metrics));
    }
}
