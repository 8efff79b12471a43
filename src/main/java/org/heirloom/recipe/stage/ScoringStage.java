package org.heirloom.recipe.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.MetricResolver;
import org.heirloom.score.Metric;

/**
 * The recipe's scorers over its run: only scores not stored yet, through the run package's scoring
 * service ({@link org.heirloom.run.ScoringStage}).
 */
public final class ScoringStage implements Stage {

    private final Project project;
    private final MetricResolver metrics;
    private final String run;
    private final List<String> scorers;

    public ScoringStage(Project project, MetricResolver metrics, String run, List<String> scorers) {
        this.project = project;
        this.metrics = metrics;
        this.run = run;
        this.scorers = List.copyOf(scorers);
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.SCORING;
    }

    @Override
    public List<String> plan() {
        if (scorers.isEmpty()) {
            return List.of();
        }
        List<Metric> ms = resolve();
        try {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, Long> e :
                    new org.heirloom.run.ScoringStage(project).missing(run, ms).entrySet()) {
                if (e.getValue() != 0) {
                    out.add(
                            e.getKey()
                                    + ": "
                                    + (e.getValue() < 0
                                            ? "every candidate"
                                            : e.getValue()
                                                    + (e.getValue() == 1
                                                            ? " candidate"
                                                            : " candidates"))
                                    + " of run '"
                                    + run
                                    + "' to score");
                }
            }
            return out;
        } finally {
            ms.forEach(Metric::close);
        }
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) throws Exception {
        if (scorers.isEmpty()) {
            return;
        }
        List<Metric> ms = resolve();
        try {
            Map<String, Long> done =
                    new org.heirloom.run.ScoringStage(project)
                            .score(run, ms, StageProgress.of(ctx, "scoring").context(ctx));
            report.accept("scores: " + done + " newly computed");
        } finally {
            ms.forEach(Metric::close);
        }
    }

    /** The scorers as metrics; those made are closed if a later one fails. */
    private List<Metric> resolve() {
        List<Metric> ms = new ArrayList<>();
        try {
            for (String name : scorers) {
                ms.add(metrics.resolve(name));
            }
        } catch (RuntimeException e) {
            ms.forEach(Metric::close);
            throw e;
        }
        return ms;
    }
}
