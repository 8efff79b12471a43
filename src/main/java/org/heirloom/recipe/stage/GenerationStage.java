package org.heirloom.recipe.stage;

import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.RunRepository;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.GenerationRunner;
import org.heirloom.run.RunResult;
import org.heirloom.run.RunSpec;

/** The generation run: every missing candidate, through {@link GenerationRunner}. */
public final class GenerationStage implements Stage {

    private final Project project;
    private final GenerationRunner runner;
    private final RunSpec spec;

    public GenerationStage(Project project, GenerationRunner runner, RunSpec spec) {
        this.project = project;
        this.runner = runner;
        this.spec = spec;
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.GENERATION;
    }

    @Override
    public List<String> plan() {
        var run = new RunRepository(project).find(spec.name());
        if (run.isPresent() && "complete".equals(run.get().status())) {
            return List.of();
        }
        // Before the prompts are imported there is nothing to count yet.
        long missing = runner.missing(spec);
        String what =
                missing > 0
                        ? "up to " + missing + " candidates to generate"
                        : run.isPresent() ? "to be completed" : "to be generated";
        return List.of("run '" + spec.name() + "': " + what);
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) throws Exception {
        ctx.checkCancelled();
        RunResult rr = runner.run(spec, StageProgress.of(ctx, "generation").context(ctx));
        report.accept(
                "run '"
                        + rr.name()
                        + "': "
                        + rr.expected()
                        + " candidates ("
                        + rr.alreadyStored()
                        + " already stored, "
                        + rr.generated()
                        + " generated)");
    }
}
