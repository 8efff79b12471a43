package org.heirloom.recipe.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.profile.ProfileService;
import org.heirloom.profile.SavedComparisons;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.MetricResolver;

/**
 * The comparisons: each is computed (so a missing profile is an error naming it) and then stored
 * for the dashboard; one stored with the same arms and suites is kept.
 */
public final class ComparisonsStage implements Stage {

    private final Project project;
    private final ModelRefs refs;
    private final List<Recipe.Comparison> comparisons;
    private final ProfileService service;

    public ComparisonsStage(
            Project project,
            ModelRefs refs,
            List<Recipe.Comparison> comparisons,
            MetricResolver metrics) {
        this.project = project;
        this.refs = refs;
        this.comparisons = List.copyOf(comparisons);
        this.service = new ProfileService(project, metrics);
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.COMPARISONS;
    }

    @Override
    public List<String> plan() {
        List<String> out = new ArrayList<>();
        for (Recipe.Comparison c : comparisons) {
            if (SavedComparisons.find(project, c.name()).isEmpty()) {
                out.add("comparison '" + c.name() + "'");
            }
        }
        return out;
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) {
        StageProgress progress = StageProgress.of(ctx, "comparisons");
        for (int i = 0; i < comparisons.size(); i++) {
            Recipe.Comparison c = comparisons.get(i);
            String p = "comparisons[" + i + "]";
            ctx.checkCancelled();
            progress.unit(i, comparisons.size(), c.name());
            List<SavedComparisons.Arm> arms = new ArrayList<>();
            List<ProfileComparison.Arm> resolved = new ArrayList<>();
            for (Recipe.Arm a : c.arms()) {
                List<ModelRecord> reps = new ArrayList<>();
                for (int j = 0; j < a.models().size(); j++) {
                    reps.addAll(
                            refs.resolve(
                                    a.models().get(j),
                                    p + ".arms." + a.label() + "[" + j + "]",
                                    service));
                }
                arms.add(
                        new SavedComparisons.Arm(
                                a.label(), reps.stream().map(ModelRecord::name).toList()));
                resolved.add(new ProfileComparison.Arm(a.label(), reps));
            }
            List<String> summaries = compare(c, resolved, p);
            SavedComparisons.Outcome outcome;
            try {
                outcome =
                        SavedComparisons.save(
                                project, new SavedComparisons.Saved(c.name(), c.suites(), arms));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + ".name: " + e.getMessage(), e);
            }
            report.accept(
                    "comparison '"
                            + c.name()
                            + "' (baseline '"
                            + c.arms().get(0).label()
                            + "', "
                            + c.arms().size()
                            + " arms; "
                            + String.join("; ", summaries)
                            + "): "
                            + (outcome == SavedComparisons.Outcome.STORED
                                    ? "stored for the dashboard"
                                    : "already stored"));
        }
    }

    /**
     * One summary per suite ("text 9 attributes, 1 warnings"). Compared first: a comparison is
     * stored only once its profiles are all there.
     */
    private List<String> compare(
            Recipe.Comparison c, List<ProfileComparison.Arm> resolved, String p) {
        List<String> summaries = new ArrayList<>();
        for (String suite : c.suites()) {
            ProfileComparison.Report r;
            try {
                r = ProfileComparison.compareArms(project, resolved, suite);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
            }
            summaries.add(
                    suite
                            + " "
                            + r.attributes().size()
                            + " attributes"
                            + (r.warnings().isEmpty()
                                    ? ""
                                    : ", " + r.warnings().size() + " warnings"));
        }
        return summaries;
    }
}
