package org.heirloom.recipe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.profile.ProfileService;
import org.heirloom.profile.SavedComparisons;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.run.MetricResolver;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.train.SelectionTrainingData;
import org.heirloom.train.Trainer;
import org.heirloom.train.TrainingPlan;
import org.heirloom.train.TrainingService;

/**
 * The experiment stages of a recipe: students are trained (replicate by replicate; a finished one
 * is found, an interrupted one resumes at its checkpoint), each profile is run unless a complete
 * one with the same configuration exists, and comparisons are stored for the dashboard. Errors name
 * the recipe's YAML path.
 */
final class ExperimentStages {

    private final Project project;
    private final TeacherEnvironment env;
    private final Recipe recipe;
    private final MetricResolver metrics;
    private final ModelRepository models;
    private final Map<String, Recipe.Student> students = new LinkedHashMap<>();

    ExperimentStages(
            Project project, TeacherEnvironment env, Recipe recipe, MetricResolver metrics) {
        this.project = project;
        this.env = env;
        this.recipe = recipe;
        this.metrics = metrics;
        this.models = new ModelRepository(project);
        recipe.students().forEach(s -> students.put(s.name(), s));
    }

    /**
     * Checks, before anything runs, that every reference that is neither a student nor a named
     * teacher of the recipe is a model of the project.
     */
    void checkReferences() {
        Set<String> trainedHere = new HashSet<>();
        for (int i = 0; i < recipe.students().size(); i++) {
            Recipe.Student s = recipe.students().get(i);
            boolean folder = java.nio.file.Path.of(s.base()).isAbsolute();
            if (!folder && !trainedHere.contains(s.base()) && models.find(s.base()).isEmpty()) {
                throw new IllegalArgumentException(
                        "students["
                                + i
                                + "].base: no model folder and no model named '"
                                + s.base()
                                + "' in "
                                + project.file());
            }
            trainedHere.addAll(s.modelNames());
        }
        for (int i = 0; i < recipe.profiles().size(); i++) {
            List<String> refs = recipe.profiles().get(i).models();
            for (int j = 0; j < refs.size(); j++) {
                checkReference(refs.get(j), "profiles[" + i + "].models[" + j + "]");
            }
        }
        for (int i = 0; i < recipe.comparisons().size(); i++) {
            for (Recipe.Arm a : recipe.comparisons().get(i).arms()) {
                for (int j = 0; j < a.models().size(); j++) {
                    checkReference(
                            a.models().get(j),
                            "comparisons[" + i + "].arms." + a.label() + "[" + j + "]");
                }
            }
        }
    }

    private void checkReference(String ref, String path) {
        if (!students.containsKey(ref)
                && !recipe.namedTeachers().containsKey(ref)
                && models.find(ref).isEmpty()) {
            throw new IllegalArgumentException(
                    path
                            + ": no student or named teacher '"
                            + ref
                            + "' in this recipe, and no model of that name in "
                            + project.file());
        }
    }

    // ---- students

    void students(JobContext ctx, Consumer<String> report) throws Exception {
        int total = recipe.students().stream().mapToInt(Recipe.Student::replicates).sum();
        StageProgress progress = StageProgress.of(ctx, "students");
        JobContext stageCtx = progress.context(ctx);
        TrainingService service = new TrainingService(project);
        int done = 0;
        for (int i = 0; i < recipe.students().size(); i++) {
            Recipe.Student s = recipe.students().get(i);
            String p = "students[" + i + "]";
            ctx.checkCancelled();
            TrainingPlan plan;
            try {
                plan =
                        new TrainingPlan(
                                s.name(),
                                s.base(),
                                SelectionTrainingData.load(project, s.selection(), s.split()),
                                s.config(),
                                s.seed(),
                                s.replicates());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + ".data: " + e.getMessage(), e);
            }
            for (TrainingPlan.Replicate r : plan.replicatesList()) {
                ctx.checkCancelled();
                progress.unit(done, total, r.name());
                TrainingService.TrainedModel m;
                try {
                    m = service.train(plan, r, stageCtx);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
                }
                done++;
                report.accept(describe(s, m));
            }
        }
    }

    private static String describe(Recipe.Student s, TrainingService.TrainedModel m) {
        String head = "student '" + m.name() + "' (data '" + s.selection() + "', seed " + m.seed();
        Trainer.Outcome o = m.outcome();
        if (o == null) {
            return head + "): already trained";
        }
        return String.format(
                java.util.Locale.ROOT,
                "%s): %d steps%s, %d train / %d held-out examples, train loss %.4f%s",
                head,
                o.totalSteps(),
                o.resumedFrom() > 0 ? " (resumed at " + o.resumedFrom() + ")" : "",
                o.trainExamples(),
                o.heldoutExamples(),
                o.lastTrainLoss(),
                Double.isNaN(o.lastHeldoutLoss())
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT,
                                ", held-out loss %.4f",
                                o.lastHeldoutLoss()));
    }

    // ---- profiles

    void profiles(JobContext ctx, Consumer<String> report) throws Exception {
        int total = 0;
        for (Recipe.Profile pr : recipe.profiles()) {
            for (String ref : pr.models()) {
                total += modelNames(ref).size();
            }
        }
        StageProgress progress = StageProgress.of(ctx, "profiles");
        JobContext stageCtx = progress.context(ctx);
        ProfileService service = new ProfileService(project, metrics);
        ProfileRepository profiles = new ProfileRepository(project);
        int done = 0;
        for (int i = 0; i < recipe.profiles().size(); i++) {
            Recipe.Profile pr = recipe.profiles().get(i);
            for (int j = 0; j < pr.models().size(); j++) {
                String p = "profiles[" + i + "].models[" + j + "]";
                for (ModelRecord m : resolve(pr.models().get(j), p, service)) {
                    ctx.checkCancelled();
                    // Per model: a student without a recipe template keeps its training's; the
                    // decoding is resolved from its generation config.
                    String config =
                            ProfileService.configJson(
                                    pr.suite(),
                                    ProfileService.resolve(
                                            m, service.effective(m, pr.suite(), pr.options())));
                    progress.unit(done, total, pr.suite() + " " + m.name());
                    boolean complete =
                            profiles.list().stream()
                                    .anyMatch(
                                            r ->
                                                    r.modelId() == m.id()
                                                            && r.suite().equals(pr.suite())
                                                            && r.config().equals(config)
                                                            && r.status().equals("complete"));
                    if (complete) {
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
                        ProfileRecord r = profiles.latestComplete(m.id(), pr.suite()).orElseThrow();
                        report.accept(
                                "profile "
                                        + pr.suite()
                                        + " of '"
                                        + m.name()
                                        + "': complete, "
                                        + profiles.items(r.id()).size()
                                        + " items");
                    }
                    done++;
                }
            }
        }
    }

    /** The model names a reference stands for: a student's replicates, else the name itself. */
    private List<String> modelNames(String ref) {
        Recipe.Student s = students.get(ref);
        return s != null ? s.modelNames() : List.of(ref);
    }

    /** The models of a reference, registering a named teacher on first use. */
    private List<ModelRecord> resolve(String ref, String path, ProfileService service) {
        String spec = recipe.namedTeachers().get(ref);
        if (spec != null) {
            String arg = spec;
            if (spec.startsWith("local:")) {
                String dir = spec.substring("local:".length()).split(";")[0].strip();
                arg = "local:" + env.resolve(dir);
            }
            try {
                return List.of(service.resolveModel(arg, ref));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        List<ModelRecord> out = new ArrayList<>();
        for (String name : modelNames(ref)) {
            out.add(
                    models.find(name)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    path
                                                            + ": model '"
                                                            + name
                                                            + "' is not in the project")));
        }
        return out;
    }

    // ---- comparisons

    void comparisons(JobContext ctx, Consumer<String> report) {
        StageProgress progress = StageProgress.of(ctx, "comparisons");
        ProfileService service = new ProfileService(project, metrics);
        List<Recipe.Comparison> all = recipe.comparisons();
        for (int i = 0; i < all.size(); i++) {
            Recipe.Comparison c = all.get(i);
            String p = "comparisons[" + i + "]";
            ctx.checkCancelled();
            progress.unit(i, all.size(), c.name());
            List<SavedComparisons.Arm> arms = new ArrayList<>();
            List<ProfileComparison.Arm> resolved = new ArrayList<>();
            for (Recipe.Arm a : c.arms()) {
                List<ModelRecord> reps = new ArrayList<>();
                for (int j = 0; j < a.models().size(); j++) {
                    reps.addAll(
                            resolve(
                                    a.models().get(j),
                                    p + ".arms." + a.label() + "[" + j + "]",
                                    service));
                }
                arms.add(
                        new SavedComparisons.Arm(
                                a.label(), reps.stream().map(ModelRecord::name).toList()));
                resolved.add(new ProfileComparison.Arm(a.label(), reps));
            }
            // Compared first: a comparison is stored only once its profiles are all there.
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
}
