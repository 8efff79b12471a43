package org.heirloom.recipe.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.train.SelectionTrainingData;
import org.heirloom.train.Trainer;
import org.heirloom.train.TrainingPlan;
import org.heirloom.train.TrainingRepository;
import org.heirloom.train.TrainingService;

/**
 * The students, replicate by replicate: a finished one is found, an interrupted one resumes at its
 * checkpoint. Errors name the recipe's YAML path.
 */
public final class StudentsStage implements Stage {

    private final Project project;
    private final List<Recipe.Student> students;

    public StudentsStage(Project project, List<Recipe.Student> students) {
        this.project = project;
        this.students = List.copyOf(students);
    }

    @Override
    public RecipeStage kind() {
        return RecipeStage.STUDENTS;
    }

    @Override
    public List<String> plan() {
        if (students.isEmpty()) {
            return List.of();
        }
        TrainingRepository trainings = new TrainingRepository(project);
        List<String> out = new ArrayList<>();
        for (Recipe.Student s : students) {
            for (String name : s.modelNames()) {
                var t = trainings.find(name);
                if (t.isEmpty() || !t.get().status().equals("done")) {
                    out.add(
                            "student '"
                                    + name
                                    + "' (data '"
                                    + s.selection()
                                    + "'"
                                    + (t.isPresent() ? ", resumes" : "")
                                    + ")");
                }
            }
        }
        return out;
    }

    @Override
    public void run(JobContext ctx, Consumer<String> report) throws Exception {
        int total = students.stream().mapToInt(Recipe.Student::replicates).sum();
        StageProgress progress = StageProgress.of(ctx, "students");
        JobContext stageCtx = progress.context(ctx);
        TrainingService service = new TrainingService(project);
        int done = 0;
        for (int i = 0; i < students.size(); i++) {
            Recipe.Student s = students.get(i);
            String p = "students[" + i + "]";
            ctx.checkCancelled();
            TrainingPlan plan = plan(s, p);
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

    private TrainingPlan plan(Recipe.Student s, String p) {
        try {
            return new TrainingPlan(
                    s.name(),
                    s.base(),
                    SelectionTrainingData.load(project, s.selection(), s.split()),
                    s.config(),
                    s.seed(),
                    s.replicates());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + ".data: " + e.getMessage(), e);
        }
    }

    private static String describe(Recipe.Student s, TrainingService.TrainedModel m) {
        String head = "student '" + m.name() + "' (data '" + s.selection() + "', seed " + m.seed();
        Trainer.Outcome o = m.outcome();
        if (o == null) {
            return head + "): already trained";
        }
        return String.format(
                Locale.ROOT,
                "%s): %d steps%s, %d train / %d held-out examples, train loss %.4f%s",
                head,
                o.totalSteps(),
                o.resumedFrom() > 0 ? " (resumed at " + o.resumedFrom() + ")" : "",
                o.trainExamples(),
                o.heldoutExamples(),
                o.lastTrainLoss(),
                Double.isNaN(o.lastHeldoutLoss())
                        ? ""
                        : String.format(Locale.ROOT, ", held-out loss %.4f", o.lastHeldoutLoss()));
    }
}
