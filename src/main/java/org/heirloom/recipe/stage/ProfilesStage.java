package org.heirloom.recipe.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.profile.ProfileService;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.MetricResolver;

/**
 * The profiles: each (model, suite) runs unless a complete profile with the same configuration
 * exists; an interrupted one resumes with the items it stored.
 */
public final class ProfilesStage implements Stage {

    private final Project project;
    private final ModelRefs refs;
    private final List<Recipe.Profile> profiles;
    private final ProfileService service;

    public ProfilesStage(
            Project project,
            ModelRefs refs,
            List<Recipe.Profile> profiles,
            MetricResolver metrics) {
        this.project = project;
        this.refs = refs;
        this.profiles = List.copyOf(profiles);
        this.service = new ProfileService(project, metrics);
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.PROFILES;
    }

    @Override
    public List<String> plan() {
        List<String> out = new ArrayList<>();
        for (Recipe.Profile pr : profiles) {
            for (String ref : pr.models()) {
                List<ModelRecord> known = refs.existing(ref);
                for (String name : refs.modelNames(ref)) {
                    ModelRecord m =
                            known.stream()
                                    .filter(k -> k.name().equals(name))
                                    .findFirst()
                                    .orElse(null);
                    if (m == null || !complete(m, pr)) {
                        out.add("profile " + pr.suite() + " of '" + name + "'");
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) throws Exception {
        int total = 0;
        for (Recipe.Profile pr : profiles) {
            for (String ref : pr.models()) {
                total += refs.modelNames(ref).size();
            }
        }
        StageProgress progress = StageProgress.of(ctx, "profiles");
        JobContext stageCtx = progress.context(ctx);
        ProfileRepository stored = new ProfileRepository(project);
        int done = 0;
        for (int i = 0; i < profiles.size(); i++) {
            Recipe.Profile pr = profiles.get(i);
            for (int j = 0; j < pr.models().size(); j++) {
                String p = "profiles[" + i + "].models[" + j + "]";
                for (ModelRecord m : refs.resolve(pr.models().get(j), p, service)) {
                    ctx.checkCancelled();
                    progress.unit(done, total, pr.suite() + " " + m.name());
                    if (complete(m, pr)) {
                        report.accept(
                                "profile "
                                        + pr.suite()
                                        + " of '"
                                        + m.name()
                                        + "': already complete");
                    } else {
                        try {
                            service.run(m, pr.suite(), pr.options(), stageCtx);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(
                                    "profiles[" + i + "]: " + e.getMessage(), e);
                        }
                        ProfileRecord r = stored.latestComplete(m.id(), pr.suite()).orElseThrow();
                        report.accept(
                                "profile "
                                        + pr.suite()
                                        + " of '"
                                        + m.name()
                                        + "': complete, "
                                        + stored.items(r.id()).size()
                                        + " items");
                    }
                    done++;
                }
            }
        }
    }

    /**
     * Whether the model has a complete profile of the suite with this configuration. Per model: a
     * student without a recipe template keeps its training's; the decoding is resolved from its
     * generation config.
     */
    private boolean complete(ModelRecord m, Recipe.Profile pr) {
        String config =
                ProfileService.configJson(
                        pr.suite(),
                        service.resolved(m, service.effective(m, pr.suite(), pr.options())));
        return new ProfileRepository(project)
                .list().stream()
                        .anyMatch(
                                r ->
                                        r.modelId() == m.id()
                                                && r.suite().equals(pr.suite())
                                                && r.config().equals(config)
                                                && r.status().equals("complete"));
    }
}
