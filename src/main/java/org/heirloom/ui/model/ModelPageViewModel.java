package org.heirloom.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.profile.ProfileOptions;
import org.heirloom.profile.ProfileService;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelPage;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.PromptSetSummary;
import org.heirloom.run.MetricResolver;

/**
 * The model page without a window: what a model is, where a student came from, its profiles, and
 * the export action. Everything is read by {@link ModelPage} off the UI thread; this class only
 * turns it into rows.
 */
public final class ModelPageViewModel {

    /** One labelled value of the page. */
    public record Fact(String label, String value) {}

    /** One number of one profile: suite (with its state when not complete), metric, value. */
    public record ProfileRow(String suite, String metric, String value) {}

    private final JobExecutor jobs;
    private final Project project;
    private final long modelId;
    private final String name;
    private final ObservableList<Fact> about = FXCollections.observableArrayList();
    private final ObservableList<Fact> provenance = FXCollections.observableArrayList();
    private final ObservableList<Fact> settings = FXCollections.observableArrayList();
    private final ObservableList<ModelPage.FileEntry> files = FXCollections.observableArrayList();
    private final ObservableList<ModelPage.LossPoint> loss = FXCollections.observableArrayList();
    private final ObservableList<ModelPage.Checkpoint> checkpoints =
            FXCollections.observableArrayList();
    private final ObservableList<ProfileRow> profiles = FXCollections.observableArrayList();
    private final BooleanProperty student = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("Loading …");
    private final BooleanProperty profiling = new SimpleBooleanProperty();
    private final BooleanProperty local = new SimpleBooleanProperty();
    private final ObservableList<String> promptSets = FXCollections.observableArrayList();

    /** Suites "Profile it" offers; the judge needs a second model and a judge (CLI, recipes). */
    public static final List<String> SUITES =
            ProfileService.SUITES.stream().filter(s -> !s.equals("judge")).toList();

    /** Starts reading the page of model {@code modelId} on {@code jobs}. */
    public ModelPageViewModel(JobExecutor jobs, Project project, long modelId, String name) {
        this.jobs = jobs;
        this.project = project;
        this.modelId = modelId;
        this.name = name;
        reload();
    }

    /** Reads the page again (after a profile or a training changed it). */
    public void reload() {
        jobs.submit(
                JobSpec.of(
                                "Read model " + name,
                                ctx -> {
                                    // One naming: the arm a comparison puts this model in.
                                    arm =
                                            org.heirloom.profile.GenerationArms.modelLabels(project)
                                                    .get(name);
                                    sets =
                                            new PromptSetRepository(project)
                                                    .list().stream()
                                                            .map(PromptSetSummary::name)
                                                            .toList();
                                    return ModelPage.load(project, modelId);
                                })
                        .onSuccess(this::show)
                        .onFailure(
                                e ->
                                        status.set(
                                                "Cannot read model '"
                                                        + name
                                                        + "': "
                                                        + e.getMessage())));
    }

    /** The model's arm label in the project's comparisons, or null. */
    private volatile String arm;

    /** The project's prompt sets, read with the page. */
    private volatile List<String> sets = List.of();

    private void show(ModelPage.Facts f) {
        List<Fact> a = new ArrayList<>();
        a.add(new Fact("Name", f.model().name()));
        a.add(new Fact("Kind", f.model().kind()));
        a.add(new Fact("Family", blank(f.family())));
        a.add(
                new Fact(
                        "Parameters",
                        f.parameters() == 0 ? "unknown" : formatCount(f.parameters())));
        a.add(new Fact("Dtype", blank(f.dtype())));
        a.add(new Fact("Weights hash", blank(f.model().contentHash())));
        a.add(
                new Fact(
                        "Location",
                        f.location().isEmpty()
                                ? "stored in the project"
                                : f.location()
                                        + (f.folderPresent()
                                                ? ""
                                                : " (not on this machine; the project holds a copy)")));
        if (f.model().role() != null) {
            a.add(new Fact("Role", f.model().role()));
        }
        about.setAll(a);
        files.setAll(f.files());
        promptSets.setAll(sets);
        // Endpoints have no weights here: no playground (profiling still works through the API).
        local.set(!f.model().kind().equals("endpoint"));
        student.set(f.isStudent());
        List<Fact> p = new ArrayList<>();
        if (f.isStudent()) {
            ModelPage.Provenance pr = f.provenance();
            if (arm != null) {
                p.add(new Fact("Arm", arm));
            }
            p.add(new Fact("Base", pr.base()));
            p.add(new Fact("Data", pr.data()));
            if (!pr.selection().isEmpty()) {
                p.add(new Fact("Selection", pr.selection() + " (" + pr.strategy() + ")"));
            }
            p.add(new Fact("Replicate", "r" + pr.replicate() + ", seed " + pr.seed()));
            p.add(
                    new Fact(
                            "Training",
                            pr.training()
                                    + ": "
                                    + pr.status()
                                    + ", "
                                    + pr.totalSteps()
                                    + " steps"));
            settings.setAll(
                    pr.hyperParameters().entrySet().stream()
                            .map(e -> new Fact(e.getKey(), e.getValue()))
                            .toList());
            loss.setAll(pr.loss());
            checkpoints.setAll(pr.checkpoints());
        } else {
            settings.clear();
            loss.clear();
            checkpoints.clear();
        }
        provenance.setAll(p);
        List<ProfileRow> rows = new ArrayList<>();
        for (ModelPage.Profile x : f.profiles()) {
            String suite =
                    x.status().equals("complete") ? x.suite() : x.suite() + " (" + x.status() + ")";
            if (x.numbers().isEmpty()) {
                rows.add(new ProfileRow(suite, "", "no summary yet"));
            }
            for (ModelPage.SummaryNumber n : x.numbers()) {
                rows.add(new ProfileRow(suite, n.name(), n.describe()));
            }
        }
        profiles.setAll(rows);
        loaded.set(true);
        status.set(
                f.model().name()
                        + ": "
                        + (f.isStudent() ? "trained student" : f.model().kind() + " model")
                        + ", "
                        + f.profiles().size()
                        + (f.profiles().size() == 1 ? " profile" : " profiles"));
    }

    /**
     * Profiles the model with {@code suite} (the suite's defaults otherwise: the trained template,
     * or the toolkit's) as a job; the page's profiles reload when it is done.
     *
     * @param promptSet the project's prompt set for the generation suites (null: the suite's data)
     * @param split a split of that set, or null for every prompt
     * @param limit at most this many prompts (0 = all)
     */
    public void profile(String suite, String promptSet, String split, int limit) {
        if (project.isReadOnly()) {
            status.set("Cannot profile: the project is open read-only (open it normally)");
            return;
        }
        ProfileOptions d = ProfileOptions.defaults(suite);
        ProfileOptions o;
        try {
            o =
                    new ProfileOptions(
                            null,
                            promptSet,
                            split,
                            null,
                            limit,
                            d.samples(),
                            d.temperature(),
                            d.topP(),
                            d.maxNewTokens(),
                            d.seed(),
                            null,
                            d.metrics(),
                            null,
                            null,
                            d.likelihood(),
                            d.templateOptions(),
                            d.onOverlong());
        } catch (IllegalArgumentException e) {
            status.set("Cannot profile: " + e.getMessage());
            return;
        }
        profiling.set(true);
        status.set("Profiling " + name + " (" + suite + ") …");
        jobs.submit(
                JobSpec.of(
                                "Profile " + name + " (" + suite + ")",
                                ctx -> {
                                    ProfileService service =
                                            new ProfileService(project, MetricResolver.standard());
                                    ModelRecord m =
                                            new ModelRepository(project)
                                                    .get(modelId)
                                                    .orElseThrow(
                                                            () ->
                                                                    new IllegalStateException(
                                                                            "model "
                                                                                    + name
                                                                                    + " is gone"));
                                    return service.run(m, suite, o, ctx);
                                })
                        .onSuccess(
                                summary -> {
                                    profiling.set(false);
                                    reload();
                                })
                        .onCancelled(
                                () -> {
                                    profiling.set(false);
                                    status.set("Profiling cancelled (resumable: run it again)");
                                })
                        .onFailure(
                                e -> {
                                    profiling.set(false);
                                    status.set("Profiling failed: " + e.getMessage());
                                }));
    }

    /** Writes the model as a Hugging Face folder at {@code folder} (which must not exist). */
    public void exportTo(Path folder) {
        jobs.submit(
                JobSpec.of(
                                "Export " + name,
                                ctx -> ModelPage.exportFolder(project, modelId, folder))
                        .onSuccess(n -> status.set("Exported " + n + " files to " + folder))
                        .onFailure(e -> status.set("Export failed: " + e.getMessage())));
    }

    /** 321984 → "322.0 K (321,984)": the scale a reader expects for parameter counts. */
    static String formatCount(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f B (%,d)", n / 1e9, n);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f M (%,d)", n / 1e6, n);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f K (%,d)", n / 1e3, n);
        }
        return Long.toString(n);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? "unknown" : s;
    }

    public String name() {
        return name;
    }

    public ObservableList<Fact> about() {
        return about;
    }

    public ObservableList<Fact> provenance() {
        return provenance;
    }

    /** A student's training settings (learning rate, batch, …). */
    public ObservableList<Fact> settings() {
        return settings;
    }

    public ObservableList<ModelPage.FileEntry> files() {
        return files;
    }

    public ObservableList<ModelPage.LossPoint> loss() {
        return loss;
    }

    public ObservableList<ModelPage.Checkpoint> checkpoints() {
        return checkpoints;
    }

    public ObservableList<ProfileRow> profiles() {
        return profiles;
    }

    public ReadOnlyBooleanProperty student() {
        return student;
    }

    public ReadOnlyBooleanProperty loaded() {
        return loaded;
    }

    /** Whether the project can take a new profile (not opened read-only). */
    public boolean writable() {
        return !project.isReadOnly();
    }

    /** Whether a "Profile it" job is running. */
    public ReadOnlyBooleanProperty profiling() {
        return profiling;
    }

    /** Whether the model's weights can run here (local or trained): the playground's condition. */
    public ReadOnlyBooleanProperty local() {
        return local;
    }

    public ObservableList<String> promptSets() {
        return promptSets;
    }

    /** A playground over this model; the caller closes it. */
    public PlaygroundViewModel playground(java.util.function.Consumer<Runnable> fx) {
        return new PlaygroundViewModel(jobs, project, name, fx);
    }

    public ReadOnlyStringProperty status() {
        return status;
    }
}
