package org.heirloom.ui.designer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobContext;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;
import org.heirloom.job.Progress;
import org.heirloom.job.ProgressSnapshot;
import org.heirloom.job.ProgressTracker;
import org.heirloom.project.Project;
import org.heirloom.project.SelectionRepository;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeRunner;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.run.MetricResolver;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * Runs a checked recipe through the job executor and shows it as one row per stage, with the
 * current stage's progress; running the same recipe again after a cancel or a failure resumes it
 * (committed work stays).
 */
final class RecipeRunModel {

    /** What a stage is doing in the current (or last) run. */
    public enum StageState {
        PENDING,
        RUNNING,
        DONE,
        SKIPPED,
        FAILED,
        CANCELLED
    }

    /** One row of the stage list. */
    public record StageStatus(RecipeStage stage, StageState state, String detail) {}

    private final JobExecutor jobs;
    private final Project project;
    private final Executor fx;
    private final Consumer<String> onFinished;

    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObservableList<StageStatus> stages = FXCollections.observableArrayList();
    private final DoubleProperty stageProgress = new SimpleDoubleProperty(0);
    private final StringProperty stageDetail = new SimpleStringProperty("");
    private final StringProperty runState = new SimpleStringProperty("Not run yet");
    private final StringProperty runLabel = new SimpleStringProperty("Run");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> results = FXCollections.observableArrayList();
    private JobHandle<?> handle;
    private RecipeStage current;

    /**
     * @param fx the UI thread, where progress and log lines are shown
     * @param onFinished gets the final state line after every run, on the UI thread
     */
    RecipeRunModel(JobExecutor jobs, Project project, Executor fx, Consumer<String> onFinished) {
        this.jobs = jobs;
        this.project = project;
        this.fx = fx;
        this.onFinished = onFinished;
        if (project.isReadOnly()) {
            runState.set("Read-only project: open it normally to run or save recipes");
        }
        for (RecipeStage s : RecipeStage.values()) {
            stages.add(new StageStatus(s, StageState.PENDING, ""));
        }
    }

    /**
     * Runs {@code r}, parsed from {@code text}, with relative paths from {@code baseDir}.
     *
     * @return whether a run started (not while one is running)
     */
    boolean run(Recipe r, String text, Path baseDir) {
        if (running.get()) {
            return false;
        }
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(baseDir);
        ProgressTracker stageTracker = new ProgressTracker();
        AtomicReference<RecipeStage> reporting = new AtomicReference<>();
        AtomicBoolean posted = new AtomicBoolean();
        stageTracker.addListener(
                s -> {
                    // Coalesce: at most one pending update on the UI thread.
                    if (posted.compareAndSet(false, true)) {
                        fx.execute(
                                () -> {
                                    posted.set(false);
                                    // Only the stage the tracker now reports on shows it.
                                    if (reporting.get() == current) {
                                        showProgress(stageTracker.snapshot());
                                    }
                                });
                    }
                });
        running.set(true);
        log.clear();
        results.clear();
        for (int i = 0; i < stages.size(); i++) {
            RecipeStage s = stages.get(i).stage();
            stages.set(
                    i,
                    new StageStatus(
                            s,
                            s.usedBy(r) ? StageState.PENDING : StageState.SKIPPED,
                            s.usedBy(r) ? "" : "not in recipe"));
        }
        current = null;
        stageProgress.set(0);
        stageDetail.set("");
        runState.set("Running '" + r.name() + "' …");
        handle =
                jobs.submit(
                        JobSpec.of(
                                        "Recipe " + r.name(),
                                        ctx -> {
                                            Progress tee = tee(ctx.progress(), stageTracker);
                                            JobContext c = new JobContext(tee, ctx.cancellation());
                                            new RecipeRunner(
                                                            project,
                                                            env,
                                                            MetricResolver.standard(),
                                                            null)
                                                    .run(
                                                            r,
                                                            text,
                                                            c,
                                                            line -> fx.execute(() -> log.add(line)),
                                                            stage -> {
                                                                fx.execute(
                                                                        () -> stageStarted(stage));
                                                                reporting.set(stage);
                                                                // A fresh count; the stage's own
                                                                // messages follow.
                                                                stageTracker.start(-1, "");
                                                            });
                                            return selectionsOf(r);
                                        })
                                .onSuccess(
                                        made -> {
                                            // Results first: "Finished" means they are shown.
                                            results.setAll(made);
                                            runLabel.set("Run");
                                            finish(StageState.DONE, "Finished '" + r.name() + "'");
                                        })
                                .onCancelled(
                                        () -> {
                                            runLabel.set("Resume");
                                            finish(
                                                    StageState.CANCELLED,
                                                    "Cancelled: Resume continues where it stopped");
                                        })
                                .onFailure(
                                        e -> {
                                            RecipeProblem p =
                                                    RecipeProblem.of(
                                                            RecipeCheck.SOURCE, e.getMessage());
                                            runLabel.set("Resume");
                                            finish(StageState.FAILED, "Failed: " + p);
                                        }));
        return true;
    }

    private List<String> selectionsOf(Recipe r) {
        SelectionRepository repo = new SelectionRepository(project);
        List<String> out = new ArrayList<>();
        for (Recipe.Selection s : r.selections()) {
            repo.find(s.name())
                    .ifPresent(
                            rec ->
                                    out.add(
                                            s.name()
                                                    + " ("
                                                    + s.strategy()
                                                    + "): "
                                                    + repo.rows(rec.id()).size()
                                                    + " candidates kept"));
        }
        return out;
    }

    private static Progress tee(Progress job, ProgressTracker stage) {
        return new Progress() {
            @Override
            public void start(long total, String message) {
                job.start(total, message);
                stage.start(total, message);
            }

            @Override
            public void advance(long units) {
                job.advance(units);
                stage.advance(units);
            }

            @Override
            public void message(String message) {
                job.message(message);
                stage.message(message);
            }
        };
    }

    /** Cancels the run; committed work stays and Resume continues from it. */
    void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    private void stageStarted(RecipeStage stage) {
        if (current != null) {
            setState(current, StageState.DONE, null);
        }
        current = stage;
        if (stageState(stage) != StageState.SKIPPED) {
            setState(stage, StageState.RUNNING, "");
        }
        stageProgress.set(-1);
        stageDetail.set(stage.label());
    }

    private void showProgress(ProgressSnapshot s) {
        stageProgress.set(s.fraction());
        stageDetail.set(s.describe());
        if (current != null && stageState(current) == StageState.RUNNING) {
            setState(current, StageState.RUNNING, s.describe());
        }
    }

    private void finish(StageState last, String state) {
        running.set(false);
        if (current != null) {
            setState(current, last, null);
        }
        if (last == StageState.DONE) {
            stageProgress.set(1);
        }
        runState.set(state);
        onFinished.accept(state);
    }

    private StageState stageState(RecipeStage s) {
        return stages.get(s.ordinal()).state();
    }

    private void setState(RecipeStage s, StageState state, String detail) {
        StageStatus old = stages.get(s.ordinal());
        if (old.state() == StageState.SKIPPED && state != StageState.FAILED) {
            return;
        }
        stages.set(s.ordinal(), new StageStatus(s, state, detail == null ? old.detail() : detail));
    }

    /** Between runs: marks the stages a newly checked recipe does not use as skipped. */
    void markUnused(Recipe r) {
        if (running.get()) {
            return;
        }
        for (int i = 0; i < stages.size(); i++) {
            StageStatus s = stages.get(i);
            if (s.state() == StageState.PENDING || s.state() == StageState.SKIPPED) {
                boolean used = s.stage().usedBy(r);
                stages.set(
                        i,
                        new StageStatus(
                                s.stage(),
                                used ? StageState.PENDING : StageState.SKIPPED,
                                used ? "" : "not in recipe"));
            }
        }
    }

    ReadOnlyBooleanProperty running() {
        return running;
    }

    ObservableList<StageStatus> stages() {
        return stages;
    }

    ReadOnlyDoubleProperty stageProgress() {
        return stageProgress;
    }

    ReadOnlyStringProperty stageDetail() {
        return stageDetail;
    }

    ReadOnlyStringProperty runState() {
        return runState;
    }

    ReadOnlyStringProperty runLabel() {
        return runLabel;
    }

    ObservableList<String> log() {
        return log;
    }

    ObservableList<String> results() {
        return results;
    }
}
