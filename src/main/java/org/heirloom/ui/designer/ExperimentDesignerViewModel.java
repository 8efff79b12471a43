package org.heirloom.ui.designer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.Debouncer;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.project.ProjectCatalog;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.project.RecipeRepository;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeBase;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeSchema;
import org.heirloom.score.MetricRegistry;
import org.heirloom.settings.AppDirs;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.ui.designer.RecipeForm.Scorer;
import org.heirloom.ui.designer.RecipeRunModel.StageStatus;

/**
 * The experiment designer: a recipe as a form and as YAML text, kept in step. It composes three
 * parts: the {@link RecipeForm} (generated from {@link RecipeSchema}), the {@link RecipeCheck}
 * (every change checked by the real {@link RecipeParser}, debounced, through the job executor) and
 * the {@link RecipeRunModel} (one row per stage; running the same recipe again resumes it). This
 * class keeps the text, opens and saves recipes, and enables Run only for a recipe that passed its
 * check.
 */
public final class ExperimentDesignerViewModel implements AutoCloseable {

    private final JobExecutor jobs;
    private final Project project;
    private final RecipeForm form;
    private final RecipeCheck check;
    private final RecipeRunModel runs;
    private volatile Path baseDir;
    private final StringProperty base = new SimpleStringProperty("");
    private Path installDir = AppDirs.installDir();
    private Runnable onRunFinished = () -> {};
    private boolean writing;

    private final StringProperty yaml = new SimpleStringProperty("");
    private final ObservableList<RecipeProblem> problems = FXCollections.observableArrayList();
    private final BooleanProperty checked = new SimpleBooleanProperty();
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final BooleanProperty writable = new SimpleBooleanProperty();
    private final BooleanBinding canRun;
    private final ObjectProperty<Recipe> recipe = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<String> promptSets = FXCollections.observableArrayList();
    private final ObservableList<String> storedRecipes = FXCollections.observableArrayList();

    /**
     * @param jobs where checks, loads, saves and runs go (the main window's view executor)
     * @param fx the UI thread ({@code Platform::runLater}); {@code Runnable::run} in tests
     * @param timer what times the pause before a check ({@link Debouncer.Scheduler#system()})
     * @param debounce how long typing must pause before a check; zero checks at once
     */
    public ExperimentDesignerViewModel(
            JobExecutor jobs,
            Project project,
            Executor fx,
            Debouncer.Scheduler timer,
            Duration debounce) {
        this.jobs = jobs;
        this.project = project;
        MetricRegistry metrics = MetricRegistry.standard();
        this.form = new RecipeForm(metrics, this::formWrote, status::set);
        this.check = new RecipeCheck(new Debouncer(jobs, debounce, timer), metrics, this::show);
        this.runs =
                new RecipeRunModel(
                        jobs,
                        project,
                        fx,
                        state -> {
                            status.set(state);
                            onRunFinished.run();
                        });
        RecipeBase start = RecipeBase.ofProject(project.file());
        this.baseDir = start.dir();
        base.set(start.describe());
        writable.set(!project.isReadOnly());
        canRun = valid.and(runs.running().not()).and(writable).and(checked);
        yaml.addListener(
                (obs, old, now) -> {
                    if (!writing) {
                        scheduleCheck();
                    }
                });
    }

    /** A designer that checks each change at once (tests, or a synchronous executor). */
    public ExperimentDesignerViewModel(JobExecutor jobs, Project project, Executor fx) {
        this(jobs, project, fx, Debouncer.Scheduler.system(), Duration.ZERO);
    }

    /** The designer as the app uses it: checks debounced by 300 ms, as jobs. */
    static ExperimentDesignerViewModel forFx(JobExecutor jobs, Project project) {
        return new ExperimentDesignerViewModel(
                jobs,
                project,
                javafx.application.Platform::runLater,
                Debouncer.Scheduler.system(),
                Duration.ofMillis(300));
    }

    // ---- starting points

    /** A new recipe: the smallest sketch, on the project's first prompt set; then its check. */
    public void newRecipe() {
        String set = promptSets.isEmpty() ? "prompts" : promptSets.get(0);
        load(
                "version: 1\n"
                        + "name: experiment\n"
                        + "prompts:\n  set: "
                        + set
                        + "\nrun:\n  name: experiment-run\n  k: 4\n  seed: 0\n"
                        + "  sampling:\n    temperature: 1.0\n    top_p: 1.0\n"
                        + "    max_new_tokens: 256\n"
                        + "teachers: []\nscorers: [words]\n",
                null);
    }

    /**
     * Reads the project's prompt sets and stored recipes (for the pickers); then, if nothing is
     * open yet, starts a new recipe on the first prompt set.
     */
    public void loadProjectLists() {
        jobs.submit(
                JobSpec.of(
                                "Read recipes of " + project.file().getFileName(),
                                ctx ->
                                        List.of(
                                                new PromptSetRepository(project)
                                                        .list().stream()
                                                                .map(PromptSetSummary::name)
                                                                .toList(),
                                                new ProjectCatalog(project)
                                                                .entries(
                                                                        CatalogEntry.Kind
                                                                                .EXPERIMENT)
                                                                .stream()
                                                                .map(CatalogEntry::name)
                                                                .toList()))
                        .onSuccess(
                                l -> {
                                    promptSets.setAll(l.get(0));
                                    storedRecipes.setAll(l.get(1));
                                    if (yaml.get().isBlank()) {
                                        newRecipe();
                                    }
                                }));
    }

    /**
     * Opens a recipe stored in the project. Its relative paths resolve against the first of the
     * project file's folder and the installation's bundled recipes under which it checks out (the
     * bundled sample opens as a working copy in the data folder, away from its models).
     */
    public void openFromProject(String name) {
        jobs.submit(
                JobSpec.of(
                                "Open recipe " + name,
                                ctx -> {
                                    String text =
                                            new RecipeRepository(project)
                                                    .find(name)
                                                    .orElseThrow(
                                                            () ->
                                                                    new IllegalArgumentException(
                                                                            "no recipe named '"
                                                                                    + name
                                                                                    + "' in the project"));
                                    RecipeBase b =
                                            RecipeBase.choose(
                                                    text,
                                                    TeacherEnvironment.system(),
                                                    List.of(
                                                            RecipeBase.ofProject(project.file()),
                                                            RecipeBase.installation(installDir)));
                                    return Map.entry(text, b);
                                })
                        .onSuccess(
                                opened -> {
                                    load(opened.getKey(), opened.getValue());
                                    status.set("Opened recipe '" + name + "' from the project");
                                }));
    }

    /** Opens a recipe file; its relative paths are from the file's folder, as for the CLI. */
    public void openFile(Path file) {
        jobs.submit(
                JobSpec.of(
                                "Open " + file.getFileName(),
                                ctx ->
                                        org.heirloom.io.TextInput.read(
                                                file, org.heirloom.io.TextInput.CONFIG_LIMIT))
                        .onSuccess(
                                text -> {
                                    load(text, RecipeBase.ofRecipeFile(file));
                                    status.set("Opened " + file);
                                }));
    }

    /** Stores the YAML text in the project under the recipe's name. */
    public void saveToProject() {
        String name = form.field("name").get().strip();
        if (name.isEmpty()) {
            status.set("Give the recipe a name before saving it to the project");
            return;
        }
        String text = yaml.get();
        jobs.submit(
                JobSpec.of(
                                "Save recipe " + name,
                                ctx -> {
                                    new RecipeRepository(project).save(name, text);
                                    return name;
                                })
                        .onSuccess(
                                n -> {
                                    if (!storedRecipes.contains(n)) {
                                        storedRecipes.add(n);
                                    }
                                    status.set("Saved recipe '" + n + "' to the project");
                                }));
    }

    /** Writes the YAML text to a file. */
    public void saveToFile(Path file) {
        String text = yaml.get();
        jobs.submit(
                JobSpec.of(
                                "Save " + file.getFileName(),
                                ctx -> {
                                    Files.writeString(file, text, StandardCharsets.UTF_8);
                                    return file;
                                })
                        .onSuccess(f -> status.set("Saved " + f)));
    }

    /** Replaces the recipe (text and form) at once and checks it. */
    void load(String text, RecipeBase base) {
        if (base != null) {
            baseDir = base.dir();
            this.base.set(base.describe());
        }
        setText(text);
        checked.set(false);
        // The form follows at once (reading the tree is cheap); the check may take longer.
        form.load(text);
        check.requestNow(text, baseDir);
    }

    private void setText(String text) {
        writing = true;
        try {
            yaml.set(text);
        } finally {
            writing = false;
        }
    }

    /** The form wrote new text: show it and check it. */
    private void formWrote(String text) {
        setText(text);
        scheduleCheck();
    }

    private void scheduleCheck() {
        checked.set(false);
        check.request(yaml.get(), baseDir);
    }

    private void show(RecipeCheck.Result c) {
        if (!c.text().equals(yaml.get())) {
            return; // a newer text is on its way
        }
        form.adopt(c.tree(), c.text());
        problems.setAll(c.problems());
        recipe.set(c.recipe());
        valid.set(c.recipe() != null);
        checked.set(true);
        form.showProblems(c.problems());
        if (c.recipe() != null) {
            runs.markUnused(c.recipe());
        }
    }

    /** Adds an empty entry to a list section; the check then says what it lacks. */
    public FormRow addRow(String section) {
        return form.addRow(section);
    }

    public void removeRow(String section, FormRow row) {
        form.removeRow(section, row);
    }

    // ---- running

    /** Runs the checked recipe; after a cancel or a failure the same call resumes it. */
    public void run() {
        Recipe r = recipe.get();
        if (canRun.get() && r != null) {
            runs.run(r, yaml.get(), baseDir);
        }
    }

    /** Cancels the run; committed work stays and Resume continues from it. */
    public void cancel() {
        runs.cancel();
    }

    /** Called on the UI thread after every run (the main window re-reads the project). */
    public void setOnRunFinished(Runnable r) {
        onRunFinished = r == null ? () -> {} : r;
    }

    // ---- properties

    public StringProperty yaml() {
        return yaml;
    }

    /** The form value at a YAML path of {@link RecipeSchema#SCALARS}. */
    public StringProperty field(String path) {
        return form.field(path);
    }

    /** The problem at a field's path; "" when none. */
    public ReadOnlyStringProperty fieldError(String path) {
        return form.fieldError(path);
    }

    public ObservableList<FormRow> rows(String section) {
        return form.rows(section);
    }

    /** A problem with a list section as a whole ({@code teachers: needs at least one}). */
    public ReadOnlyStringProperty sectionError(String section) {
        return form.sectionError(section);
    }

    public ObservableList<Scorer> scorers() {
        return form.scorers();
    }

    /** Sets whether a metric is a scorer of the recipe. */
    public void setScorer(String name, boolean on) {
        form.setScorer(name, on);
    }

    public ObservableList<RecipeProblem> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty valid() {
        return valid;
    }

    public ReadOnlyBooleanProperty formEditable() {
        return form.editable();
    }

    public ReadOnlyBooleanProperty running() {
        return runs.running();
    }

    /** Checked, valid, the project writable and nothing running. */
    public BooleanBinding canRun() {
        return canRun;
    }

    public ReadOnlyObjectProperty<Recipe> recipe() {
        return recipe;
    }

    public ObservableList<StageStatus> stages() {
        return runs.stages();
    }

    /** The current stage's fraction done; -1 while unknown. */
    public ReadOnlyDoubleProperty stageProgress() {
        return runs.stageProgress();
    }

    /** The current stage's counts, ETA and message. */
    public ReadOnlyStringProperty stageDetail() {
        return runs.stageDetail();
    }

    public ReadOnlyStringProperty runState() {
        return runs.runState();
    }

    /** "Run", or "Resume" after a cancelled or failed run. */
    public ReadOnlyStringProperty runLabel() {
        return runs.runLabel();
    }

    public ReadOnlyStringProperty status() {
        return status;
    }

    /** Each finished stage's line, as {@code heirloom run} prints them. */
    public ObservableList<String> log() {
        return runs.log();
    }

    /** The recipe's selections as stored after the last run. */
    public ObservableList<String> results() {
        return runs.results();
    }

    public ObservableList<String> promptSets() {
        return promptSets;
    }

    public ObservableList<String> storedRecipes() {
        return storedRecipes;
    }

    public ReadOnlyBooleanProperty writable() {
        return writable;
    }

    /** Where relative paths of the recipe are resolved. */
    public Path baseDir() {
        return baseDir;
    }

    /** The base folder and why it is the base, as the designer shows it. */
    public ReadOnlyStringProperty base() {
        return base;
    }

    /** Where the bundled recipes are looked for (tests point it at the checkout). */
    void setInstallDir(Path dir) {
        installDir = dir;
    }

    /** A path as the recipe should hold it: relative to {@link #baseDir()} when inside it. */
    public String recipePath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(baseDir) ? baseDir.relativize(abs).toString() : abs.toString();
    }

    @Override
    public void close() {
        runs.cancel();
        check.close();
    }
}
