package org.heirloom.ui.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.heirloom.job.JobContext;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;
import org.heirloom.job.Progress;
import org.heirloom.job.ProgressSnapshot;
import org.heirloom.job.ProgressTracker;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.project.ProjectCatalog;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.project.RecipeRepository;
import org.heirloom.project.SelectionRepository;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeBase;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeRunner;
import org.heirloom.recipe.RecipeStage;
import org.heirloom.recipe.RecipeYaml;
import org.heirloom.run.MetricResolver;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.MetricSpec;
import org.heirloom.select.Strategy;
import org.heirloom.settings.AppDirs;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.ui.designer.ExperimentDesignerForm.Field;
import org.heirloom.ui.designer.ExperimentDesignerForm.Kind;
import org.heirloom.ui.designer.ExperimentDesignerForm.Row;

/**
 * The experiment designer: a recipe as a form and as YAML text, kept in step. The YAML tree is the
 * single state: form edits write into it and regenerate the text; text edits re-read it and refresh
 * the form. Every change is checked by the real {@link RecipeParser} (debounced, off the UI thread
 * in the app); Run is enabled only for a recipe that passed. Runs go through the job executor with
 * one row per stage; running the same recipe again resumes it.
 */
public final class ExperimentDesignerViewModel implements AutoCloseable {

    /** The source name given to the parser; messages are shown without it. */
    static final String SOURCE = "recipe";

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

    /** A metric offered as a scorer, with its help text. */
    public record Scorer(String name, String summary, String help, BooleanProperty selected) {}

    /** Single values of the form, by YAML path. */
    static final List<Field> SCALARS =
            List.of(
                    new Field("name", "Name", Kind.TEXT),
                    new Field("description", "Description", Kind.TEXT),
                    new Field("prompts.set", "Prompt set", Kind.TEXT),
                    new Field("prompts.import", "Import from file", Kind.TEXT),
                    new Field("prompts.field", "Prompt field", Kind.TEXT),
                    new Field("prompts.limit", "Limit", Kind.INT),
                    new Field("run.name", "Run name", Kind.TEXT),
                    new Field("run.k", "k (candidates per prompt)", Kind.INT),
                    new Field("run.seed", "Seed", Kind.INT),
                    new Field("run.split", "Split", Kind.TEXT),
                    new Field("run.sampling.temperature", "Temperature", Kind.NUMBER),
                    new Field("run.sampling.top_p", "top_p", Kind.NUMBER),
                    new Field("run.sampling.top_k", "top_k", Kind.INT),
                    new Field("run.sampling.max_new_tokens", "max_new_tokens", Kind.INT),
                    new Field("student_defaults.base", "Base model", Kind.TEXT),
                    new Field("student_defaults.replicates", "Replicates", Kind.INT),
                    new Field("student_defaults.lr", "Learning rate", Kind.NUMBER),
                    new Field("student_defaults.epochs", "Epochs", Kind.INT),
                    new Field("student_defaults.max_steps", "Max steps", Kind.INT),
                    new Field("student_defaults.batch", "Batch", Kind.INT),
                    new Field("student_defaults.lora.rank", "LoRA rank", Kind.INT));

    /** List sections of the form: YAML key → the fields of one entry. */
    static final Map<String, List<Field>> LISTS = new LinkedHashMap<>();

    static {
        LISTS.put(
                "teachers",
                List.of(
                        new Field(
                                "spec",
                                "spec (import:FILE, local:DIR, openai:URL#model)",
                                Kind.TEXT),
                        new Field("name", "name (optional)", Kind.TEXT)));
        LISTS.put(
                "selections",
                List.of(
                        new Field("name", "name", Kind.TEXT),
                        new Field("strategy", "strategy (max:words, random …)", Kind.TEXT)));
        LISTS.put(
                "students",
                List.of(
                        new Field("name", "name", Kind.TEXT),
                        new Field("data", "data (selection)", Kind.TEXT),
                        new Field("base", "base", Kind.TEXT),
                        new Field("replicates", "replicates", Kind.INT),
                        new Field("lr", "lr", Kind.NUMBER),
                        new Field("epochs", "epochs", Kind.INT),
                        new Field("max_steps", "steps", Kind.INT),
                        new Field("batch", "batch", Kind.INT),
                        new Field("lora.rank", "LoRA rank", Kind.INT)));
        LISTS.put(
                "profiles",
                List.of(
                        new Field("suite", "suite (text, toxicity …)", Kind.TEXT),
                        new Field("models", "models (a, b)", Kind.LIST),
                        new Field("limit", "limit", Kind.INT)));
        LISTS.put(
                "comparisons",
                List.of(
                        new Field("name", "name", Kind.TEXT),
                        new Field("suites", "suites (text)", Kind.LIST),
                        new Field("arms", "arms (label=m1+m2; label2=m3)", Kind.ARMS),
                        new Field("baseline", "baseline", Kind.TEXT)));
    }

    private static final MetricRegistry METRICS = MetricRegistry.standard();

    private final JobExecutor jobs;
    private final Project project;
    private final Executor fx;
    private final Executor background;
    private final Duration debounce;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pendingCheck;
    private volatile Path baseDir;
    private final StringProperty base = new SimpleStringProperty("");
    private Path installDir = AppDirs.installDir();
    private Runnable onRunFinished = () -> {};

    private ObjectNode tree = JsonNodeFactory.instance.objectNode();
    private String lastWritten = "";
    private boolean writing;
    private boolean refreshing;
    private long checkGeneration;

    private final StringProperty yaml = new SimpleStringProperty("");
    private final Map<String, StringProperty> scalars = new LinkedHashMap<>();
    private final Map<String, StringProperty> fieldErrors = new LinkedHashMap<>();
    private final Map<String, ObservableList<Row>> lists = new LinkedHashMap<>();
    private final Map<String, StringProperty> sectionErrors = new LinkedHashMap<>();
    private final ObservableList<Scorer> scorers = FXCollections.observableArrayList();
    private final List<String> scorerOrder = new ArrayList<>();
    private final ObservableList<RecipeProblem> problems = FXCollections.observableArrayList();
    private final BooleanProperty checked = new SimpleBooleanProperty();
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final BooleanProperty formEditable = new SimpleBooleanProperty(true);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty writable = new SimpleBooleanProperty();
    private final BooleanBinding canRun;
    private final ObjectProperty<Recipe> recipe = new SimpleObjectProperty<>();
    private final ObservableList<StageStatus> stages = FXCollections.observableArrayList();
    private final DoubleProperty stageProgress = new SimpleDoubleProperty(0);
    private final StringProperty stageDetail = new SimpleStringProperty("");
    private final StringProperty runState = new SimpleStringProperty("Not run yet");
    private final StringProperty runLabel = new SimpleStringProperty("Run");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> results = FXCollections.observableArrayList();
    private final ObservableList<String> promptSets = FXCollections.observableArrayList();
    private final ObservableList<String> storedRecipes = FXCollections.observableArrayList();
    private JobHandle<?> handle;
    private RecipeStage current;

    /**
     * @param jobs where loads, saves and runs go (the main window's view executor)
     * @param fx the UI thread ({@code Platform::runLater}); {@code Runnable::run} in tests
     * @param background where recipes are checked; {@code Runnable::run} in tests
     * @param debounce how long typing must pause before a check; zero checks at once
     */
    public ExperimentDesignerViewModel(
            JobExecutor jobs,
            Project project,
            Executor fx,
            Executor background,
            Duration debounce) {
        this.jobs = jobs;
        this.project = project;
        this.fx = fx;
        this.background = background;
        this.debounce = debounce;
        this.scheduler =
                debounce.isZero()
                        ? null
                        : Executors.newSingleThreadScheduledExecutor(
                                r -> {
                                    Thread t = new Thread(r, "heirloom-recipe-check");
                                    t.setDaemon(true);
                                    return t;
                                });
        RecipeBase start = RecipeBase.ofProject(project.file());
        this.baseDir = start.dir();
        base.set(start.describe());
        writable.set(!project.isReadOnly());
        if (project.isReadOnly()) {
            runState.set("Read-only project: open it normally to run or save recipes");
        }
        canRun = valid.and(running.not()).and(writable).and(checked);
        for (Field f : SCALARS) {
            StringProperty p = new SimpleStringProperty("");
            p.addListener((obs, old, now) -> formEdited(() -> set(tree, f, now)));
            scalars.put(f.key(), p);
            fieldErrors.put(f.key(), new SimpleStringProperty(""));
        }
        for (String section : LISTS.keySet()) {
            ObservableList<Row> rows = FXCollections.observableArrayList();
            rows.addListener(
                    (ListChangeListener<Row>)
                            c -> {
                                while (c.next()) {
                                    for (Row r : c.getAddedSubList()) {
                                        watch(section, r);
                                    }
                                }
                                formEdited(() -> writeList(section));
                            });
            lists.put(section, rows);
            sectionErrors.put(section, new SimpleStringProperty(""));
        }
        for (MetricInfo m : METRICS.list()) {
            BooleanProperty sel = new SimpleBooleanProperty();
            sel.addListener((obs, old, now) -> formEdited(() -> toggleScorer(m.name(), now)));
            scorers.add(new Scorer(m.name(), m.summary(), m.details(), sel));
        }
        yaml.addListener(
                (obs, old, now) -> {
                    if (!writing) {
                        scheduleCheck();
                    }
                });
        for (RecipeStage s : RecipeStage.values()) {
            stages.add(new StageStatus(s, StageState.PENDING, ""));
        }
    }

    /** The designer as the app uses it: checks debounced by 300 ms on a background thread. */
    static ExperimentDesignerViewModel forFx(JobExecutor jobs, Project project) {
        return new ExperimentDesignerViewModel(
                jobs, project, javafx.application.Platform::runLater, null, Duration.ofMillis(300));
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
        String name = scalars.get("name").get().strip();
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
        writing = true;
        try {
            yaml.set(text);
        } finally {
            writing = false;
        }
        cancelPendingCheck();
        checked.set(false);
        // The form follows at once (reading the tree is cheap); the check may take longer.
        try {
            tree = RecipeYaml.read(text);
            lastWritten = text;
            formEditable.set(true);
            refreshForm();
        } catch (IllegalArgumentException e) {
            formEditable.set(false);
        }
        check(text);
    }

    // ---- form → tree → text

    private void watch(String section, Row r) {
        for (Field f : r.fields()) {
            r.value(f.key()).addListener((obs, old, now) -> formEdited(() -> writeList(section)));
        }
    }

    private static void set(ObjectNode node, Field f, String text) {
        ExperimentDesignerForm.set(node, f.key(), f.kind(), text);
    }

    private void writeList(String section) {
        ObservableList<Row> rows = lists.get(section);
        if (rows.isEmpty() && !section.equals("teachers")) {
            tree.remove(section);
            return;
        }
        ArrayNode a = tree.arrayNode();
        for (Row r : rows) {
            a.add(r.toNode());
        }
        tree.set(section, a);
    }

    private void toggleScorer(String name, boolean on) {
        if (on && !scorerOrder.contains(name)) {
            scorerOrder.add(name);
        } else if (!on) {
            scorerOrder.remove(name);
        }
        if (scorerOrder.isEmpty()) {
            tree.remove("scorers");
        } else {
            ArrayNode a = tree.putArray("scorers");
            scorerOrder.forEach(a::add);
        }
    }

    /** A form edit: applied to the tree, the text regenerated, a check scheduled. */
    private void formEdited(Runnable edit) {
        if (refreshing) {
            return;
        }
        if (!formEditable.get()) {
            // The text does not parse: the form shows an older state and must not overwrite it.
            status.set("Fix the YAML text first: the form cannot apply edits to unreadable YAML");
            return;
        }
        edit.run();
        String text = RecipeYaml.write(tree);
        lastWritten = text;
        writing = true;
        try {
            yaml.set(text);
        } finally {
            writing = false;
        }
        scheduleCheck();
    }

    /** Adds an empty entry to a list section; the check then says what it lacks. */
    public Row addRow(String section) {
        Row r = new Row(null, LISTS.get(section));
        lists.get(section).add(r);
        return r;
    }

    public void removeRow(String section, Row row) {
        lists.get(section).remove(row);
    }

    // ---- text → tree → form, and the check

    private void scheduleCheck() {
        checked.set(false);
        if (scheduler == null) {
            check(yaml.get());
            return;
        }
        cancelPendingCheck();
        if (scheduler.isShutdown()) {
            return; // closed with the window: nothing left to check for
        }
        pendingCheck =
                scheduler.schedule(
                        () -> fx.execute(() -> check(yaml.get())),
                        debounce.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private void cancelPendingCheck() {
        if (pendingCheck != null) {
            pendingCheck.cancel(false);
            pendingCheck = null;
        }
    }

    /** What a check found for one text. */
    private record Check(
            String text, ObjectNode tree, Recipe recipe, List<RecipeProblem> problems) {}

    /** Checks {@code text} (on the background thread when there is one) and shows the result. */
    private void check(String text) {
        long generation = ++checkGeneration;
        Path dir = baseDir;
        Runnable work =
                () -> {
                    Check c;
                    try {
                        c = examine(text, dir);
                    } catch (RuntimeException e) {
                        // Never leave the designer "checking" forever: show what broke.
                        c =
                                new Check(
                                        text,
                                        null,
                                        null,
                                        List.of(
                                                new RecipeProblem(
                                                        "", 0, "cannot check the recipe: " + e)));
                    }
                    Check result = c;
                    fx.execute(
                            () -> {
                                if (generation == checkGeneration) {
                                    show(result);
                                }
                            });
                };
        if (background == null && scheduler != null) {
            if (!scheduler.isShutdown()) {
                scheduler.execute(work);
            }
        } else if (background != null) {
            background.execute(work);
        } else {
            work.run();
        }
    }

    /** Parses and validates; no UI state touched (runs off the UI thread). */
    static Check examine(String text, Path dir) {
        ObjectNode parsed = null;
        List<RecipeProblem> found = new ArrayList<>();
        try {
            parsed = RecipeYaml.read(text);
        } catch (IllegalArgumentException e) {
            found.add(RecipeProblem.of(SOURCE, SOURCE + ":" + e.getMessage()));
            return new Check(text, null, null, found);
        }
        Recipe r = null;
        try {
            r = RecipeParser.parse(text, SOURCE, TeacherEnvironment.system().withBaseDir(dir));
        } catch (IllegalArgumentException e) {
            found.add(RecipeProblem.of(SOURCE, e.getMessage()));
        }
        // The parser stops at the first problem; strategies and scorers are checked one by one
        // so that every bad entry is marked at once.
        JsonNode sel = parsed.get("selections");
        if (sel != null && sel.isArray()) {
            for (int i = 0; i < sel.size(); i++) {
                JsonNode st = sel.get(i).get("strategy");
                if (st != null && st.isTextual() && !st.asText().isBlank()) {
                    try {
                        Strategy.parse(st.asText().strip());
                    } catch (IllegalArgumentException e) {
                        add(
                                found,
                                new RecipeProblem(
                                        "selections[" + i + "].strategy", 0, e.getMessage()));
                    }
                }
            }
        }
        List<String> names = ExperimentDesignerForm.texts(parsed.get("scorers"));
        for (int i = 0; i < names.size(); i++) {
            String problem = scorerProblem(names.get(i));
            if (problem != null) {
                add(found, new RecipeProblem("scorers[" + i + "]", 0, problem));
            }
        }
        return new Check(text, parsed, found.isEmpty() ? r : null, found);
    }

    private static void add(List<RecipeProblem> found, RecipeProblem p) {
        if (found.stream().noneMatch(q -> q.path().equals(p.path()))) {
            found.add(p);
        }
    }

    /** Scorer names are resolved only when the recipe runs; the designer checks them early. */
    private static String scorerProblem(String spec) {
        String name;
        try {
            name = MetricSpec.parse(spec).name();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (METRICS.info(name).isPresent()) {
            return null;
        }
        return "unknown metric '"
                + name
                + "' (known: "
                + String.join(", ", METRICS.list().stream().map(MetricInfo::name).toList())
                + ")";
    }

    private void show(Check c) {
        if (!c.text().equals(yaml.get())) {
            return; // a newer text is on its way
        }
        formEditable.set(c.tree() != null);
        if (c.tree() != null && !c.text().equals(lastWritten)) {
            tree = c.tree();
            lastWritten = c.text();
            refreshForm();
        }
        problems.setAll(c.problems());
        recipe.set(c.recipe());
        valid.set(c.recipe() != null);
        checked.set(true);
        for (Map.Entry<String, StringProperty> e : fieldErrors.entrySet()) {
            e.getValue().set(problemAt(e.getKey()));
        }
        lists.forEach(
                (section, rows) -> {
                    sectionErrors
                            .get(section)
                            .set(
                                    problems.stream()
                                            .filter(p -> p.path().equals(section))
                                            .map(RecipeProblem::message)
                                            .findFirst()
                                            .orElse(""));
                    for (int i = 0; i < rows.size(); i++) {
                        rows.get(i).error().set(problemAt(section + "[" + i + "]"));
                    }
                });
        if (!running.get() && c.recipe() != null) {
            markUnused(c.recipe());
        }
    }

    private String problemAt(String path) {
        return problems.stream()
                .filter(p -> p.isAt(path))
                .map(RecipeProblem::toString)
                .findFirst()
                .orElse("");
    }

    private void refreshForm() {
        refreshing = true;
        try {
            for (Field f : SCALARS) {
                scalars.get(f.key()).set(ExperimentDesignerForm.get(tree, f.key(), f.kind()));
            }
            lists.forEach(
                    (section, rows) -> {
                        List<Row> fresh = new ArrayList<>();
                        JsonNode a = tree.get(section);
                        if (a != null && a.isArray()) {
                            a.forEach(n -> fresh.add(new Row(n, LISTS.get(section))));
                        }
                        rows.setAll(fresh);
                    });
            scorerOrder.clear();
            scorerOrder.addAll(ExperimentDesignerForm.texts(tree.get("scorers")));
            for (Scorer s : scorers) {
                s.selected().set(scorerOrder.contains(s.name()));
            }
        } finally {
            refreshing = false;
        }
    }

    // ---- running

    /** Runs the checked recipe; after a cancel or a failure the same call resumes it. */
    public void run() {
        Recipe r = recipe.get();
        if (!canRun.get() || r == null) {
            return;
        }
        String text = yaml.get();
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(baseDir);
        ProgressTracker stageTracker = new ProgressTracker();
        java.util.concurrent.atomic.AtomicReference<RecipeStage> reporting =
                new java.util.concurrent.atomic.AtomicReference<>();
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
                                                            MetricResolver.current(),
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
                                            finish(StageState.DONE, "Finished '" + r.name() + "'");
                                            results.setAll(made);
                                            runLabel.set("Run");
                                        })
                                .onCancelled(
                                        () -> {
                                            finish(
                                                    StageState.CANCELLED,
                                                    "Cancelled: Resume continues where it stopped");
                                            runLabel.set("Resume");
                                        })
                                .onFailure(
                                        e -> {
                                            RecipeProblem p =
                                                    RecipeProblem.of(SOURCE, e.getMessage());
                                            finish(StageState.FAILED, "Failed: " + p);
                                            runLabel.set("Resume");
                                        }));
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
    public void cancel() {
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
        status.set(state);
        onRunFinished.run();
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

    private void markUnused(Recipe r) {
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

    /** Called on the UI thread after every run (the main window re-reads the project). */
    public void setOnRunFinished(Runnable r) {
        onRunFinished = r == null ? () -> {} : r;
    }

    // ---- properties

    public StringProperty yaml() {
        return yaml;
    }

    /** The form value at a YAML path of {@link #SCALARS}. */
    public StringProperty field(String path) {
        StringProperty p = scalars.get(path);
        if (p == null) {
            throw new IllegalArgumentException("no form field for '" + path + "'");
        }
        return p;
    }

    /** The problem at a field's path; "" when none. */
    public ReadOnlyStringProperty fieldError(String path) {
        return fieldErrors.get(path);
    }

    public ObservableList<Row> rows(String section) {
        ObservableList<Row> r = lists.get(section);
        if (r == null) {
            throw new IllegalArgumentException("no list section '" + section + "'");
        }
        return r;
    }

    /** A problem with a list section as a whole ({@code teachers: needs at least one}). */
    public ReadOnlyStringProperty sectionError(String section) {
        return sectionErrors.get(section);
    }

    public ObservableList<Scorer> scorers() {
        return scorers;
    }

    /** Sets whether a metric is a scorer of the recipe. */
    public void setScorer(String name, boolean on) {
        scorers.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'"))
                .selected()
                .set(on);
    }

    public ObservableList<RecipeProblem> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty valid() {
        return valid;
    }

    public ReadOnlyBooleanProperty formEditable() {
        return formEditable;
    }

    public ReadOnlyBooleanProperty running() {
        return running;
    }

    /** Checked, valid, the project writable and nothing running. */
    public BooleanBinding canRun() {
        return canRun;
    }

    public ReadOnlyObjectProperty<Recipe> recipe() {
        return recipe;
    }

    public ObservableList<StageStatus> stages() {
        return stages;
    }

    /** The current stage's fraction done; -1 while unknown. */
    public ReadOnlyDoubleProperty stageProgress() {
        return stageProgress;
    }

    /** The current stage's counts, ETA and message. */
    public ReadOnlyStringProperty stageDetail() {
        return stageDetail;
    }

    public ReadOnlyStringProperty runState() {
        return runState;
    }

    /** "Run", or "Resume" after a cancelled or failed run. */
    public ReadOnlyStringProperty runLabel() {
        return runLabel;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }

    /** Each finished stage's line, as {@code heirloom run} prints them. */
    public ObservableList<String> log() {
        return log;
    }

    /** The recipe's selections as stored after the last run. */
    public ObservableList<String> results() {
        return results;
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
        cancel();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
