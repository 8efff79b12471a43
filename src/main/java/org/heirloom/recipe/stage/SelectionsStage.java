package org.heirloom.recipe.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.SelectionRepository;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.SelectionService;

/** The recipe's selections: each made once; a stored one of the same run and strategy is kept. */
public final class SelectionsStage implements Stage {

    private final Project project;
    private final String run;
    private final List<Recipe.Selection> selections;

    public SelectionsStage(Project project, String run, List<Recipe.Selection> selections) {
        this.project = project;
        this.run = run;
        this.selections = List.copyOf(selections);
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.SELECTIONS;
    }

    @Override
    public List<String> plan() {
        SelectionRepository stored = new SelectionRepository(project);
        List<String> out = new ArrayList<>();
        for (Recipe.Selection s : selections) {
            if (stored.find(s.name()).isEmpty()) {
                out.add("selection '" + s.name() + "' (" + s.strategy() + ")");
            }
        }
        return out;
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) {
        ctx.checkCancelled();
        SelectionService selector = new SelectionService(project);
        for (Recipe.Selection s : selections) {
            SelectionService.Result r = selector.select(run, s.strategy(), s.name(), true);
            report.accept(
                    "selection '"
                            + s.name()
                            + "' ("
                            + s.strategy()
                            + "): "
                            + (r.reused()
                                    ? "already made, " + r.selected() + " kept"
                                    : r.selected() + " of " + r.prompts() + " prompts kept"));
        }
    }
}
