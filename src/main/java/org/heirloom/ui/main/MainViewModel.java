package org.heirloom.ui.main;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.project.ProjectCatalog;
import org.heirloom.project.ProjectInfo;
import org.heirloom.project.Schema;
import org.heirloom.settings.UserSettings;
import org.heirloom.share.ImportContents;
import org.heirloom.share.ImportReport;
import org.heirloom.share.ImportRequest;
import org.heirloom.share.ProjectImporter;
import org.heirloom.ui.common.ErrorReport;
import org.heirloom.ui.explorer.ExplorerGroup;
import org.heirloom.ui.jobs.ReportingJobExecutor;

/**
 * State and actions of the main window, with no reference to any window: unit-testable with a
 * {@link org.heirloom.job.SynchronousJobExecutor}. File and database work runs as jobs, never on
 * the JavaFX thread.
 */
public final class MainViewModel implements AutoCloseable {

    /** A project opened and summarised off the UI thread. */
    record LoadedProject(Project project, ProjectInfo info, List<ExplorerGroup> groups) {}

    /** Another project's runs and profiles, offered for import into the open one. */
    public record ImportOffer(Path source, ImportContents contents) {}

    private final JobExecutor executor;
    private final JobExecutor viewExecutor;
    private final Path settingsFile;
    private UserSettings settings;

    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObjectProperty<ProjectInfo> info = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("Heirloom");
    private final StringProperty status = new SimpleStringProperty("No project open");
    private final ObjectProperty<ErrorReport> error = new SimpleObjectProperty<>();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final StringProperty readOnlyNote = new SimpleStringProperty("");
    private final ObjectProperty<ImportOffer> importOffer = new SimpleObjectProperty<>();
    private final StringProperty theme = new SimpleStringProperty("light");
    private final ObservableList<ExplorerGroup> explorer = FXCollections.observableArrayList();
    private final ObservableList<String> recentProjects = FXCollections.observableArrayList();

    /** A view model whose settings live only in memory (tests, screenshots). */
    public MainViewModel(JobExecutor executor, UserSettings settings) {
        this(executor, settings, null);
    }

    /**
     * @param settingsFile where every change of recent projects, theme and layout is saved at once
     *     (a crash loses nothing); {@code null} keeps them in memory
     */
    public MainViewModel(JobExecutor executor, UserSettings settings, Path settingsFile) {
        this.executor = executor;
        this.settings = settings;
        this.settingsFile = settingsFile;
        this.viewExecutor = new ReportingJobExecutor(executor, this::fail);
        recentProjects.setAll(settings.recentProjects());
        theme.set(settings.theme());
    }

    public JobExecutor executor() {
        return executor;
    }

    /** The executor for the views' own jobs: their failures also reach {@link #error()}. */
    public JobExecutor viewExecutor() {
        return viewExecutor;
    }

    public UserSettings settings() {
        return settings;
    }

    /** Opens a project in the background; the current one stays open if this fails. */
    public void openProject(Path file) {
        openProject(file, Project.Mode.READ_WRITE);
    }

    public void openProject(Path file, Project.Mode mode) {
        status.set("Opening " + file + " …");
        executor.submit(
                JobSpec.of("Open " + file.getFileName(), ctx -> load(Project.open(file, mode)))
                        .onSuccess(this::show)
                        .onFailure(e -> fail("Cannot open project", e)));
    }

    /** Opens on the calling thread (headless screenshots); errors become {@link #error()}. */
    public void openProjectNow(Path file) {
        try {
            show(load(Project.open(file, Project.Mode.READ_ONLY)));
        } catch (RuntimeException e) {
            fail("Cannot open project", e);
        }
    }

    /** Creates a new, empty project and opens it. */
    public void newProject(Path file, String name) {
        executor.submit(
                JobSpec.of("Create " + file.getFileName(), ctx -> load(Project.create(file, name)))
                        .onSuccess(this::show)
                        .onFailure(e -> fail("Cannot create project", e)));
    }

    /** Writes a single self-contained copy of the open project. */
    public void exportForSharing(Path target, boolean includeModelFiles) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        executor.submit(
                JobSpec.of(
                                "Export " + target.getFileName(),
                                ctx -> {
                                    p.exportForSharing(target, includeModelFiles);
                                    return target;
                                })
                        .onSuccess(t -> status.set("Exported for sharing: " + t))
                        .onFailure(e -> fail("Cannot export project", e)));
    }

    /**
     * Lists what {@code source} offers for import; the view shows it via {@link #importOffer()}.
     */
    public void offerImport(Path source) {
        Project p = project.get();
        if (p == null || p.isReadOnly()) {
            fail(
                    "Cannot import",
                    new IllegalStateException(
                            p == null
                                    ? "open the project to import into first"
                                    : "the open project is read-only; open it normally to import into it"));
            return;
        }
        executor.submit(
                JobSpec.of(
                                "Read " + source.getFileName(),
                                ctx -> {
                                    try (Project src =
                                            Project.open(source, Project.Mode.READ_ONLY)) {
                                        return new ImportOffer(source, ImportContents.of(src));
                                    }
                                })
                        .onSuccess(importOffer::set)
                        .onFailure(e -> fail("Cannot read project to import from", e)));
    }

    /** Imports the chosen runs and profiles of {@code source} into the open project. */
    public void importFrom(Path source, ImportRequest request) {
        importOffer.set(null);
        Project p = project.get();
        if (p == null || request.isEmpty()) {
            return;
        }
        status.set("Importing from " + source.getFileName() + " …");
        executor.submit(
                JobSpec.of(
                                "Import from " + source.getFileName(),
                                ctx -> {
                                    ImportReport report;
                                    try (Project src =
                                            Project.open(source, Project.Mode.READ_ONLY)) {
                                        report = new ProjectImporter(p, src).run(request, ctx);
                                    }
                                    // Re-read here, off the UI thread, and show both together.
                                    return new Imported(report, summarise(p));
                                })
                        .onSuccess(
                                done -> {
                                    show(done.loaded());
                                    status.set(String.join(" ", done.report().summary()));
                                })
                        .onFailure(e -> fail("Cannot import from " + source.getFileName(), e)));
    }

    private record Imported(ImportReport report, LoadedProject loaded) {}

    public void cancelImport() {
        importOffer.set(null);
    }

    /** Re-reads the open project's contents (after a job changed it). */
    public void refresh() {
        Project p = project.get();
        if (p != null) {
            executor.submit(
                    JobSpec.of("Refresh", ctx -> summarise(p))
                            .onSuccess(this::show)
                            .onFailure(e -> fail("Cannot read project", e)));
        }
    }

    /** Summarises a project just opened; closes it if that fails (nobody else holds it). */
    private static LoadedProject load(Project p) {
        try {
            return summarise(p);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static LoadedProject summarise(Project p) {
        {
            ProjectCatalog catalog = new ProjectCatalog(p);
            List<ExplorerGroup> groups =
                    List.of(
                            group(catalog, CatalogEntry.Kind.PROMPT_SET, "Prompt sets"),
                            group(catalog, CatalogEntry.Kind.MODEL, "Models"),
                            group(catalog, CatalogEntry.Kind.RUN, "Runs"),
                            group(catalog, CatalogEntry.Kind.EXPERIMENT, "Experiments"),
                            group(catalog, CatalogEntry.Kind.GENERATIONS, "Generations"));
            return new LoadedProject(p, p.info(), groups);
        }
    }

    private static ExplorerGroup group(ProjectCatalog c, CatalogEntry.Kind kind, String title) {
        return new ExplorerGroup(kind, title, c.entries(kind));
    }

    private void show(LoadedProject loaded) {
        Project old = project.get();
        if (old != null && old != loaded.project()) {
            old.close();
        }
        project.set(loaded.project());
        info.set(loaded.info());
        explorer.setAll(loaded.groups());
        readOnly.set(loaded.project().isReadOnly());
        readOnlyNote.set(readOnlyNote(loaded.project()));
        title.set(
                loaded.info().name()
                        + (loaded.project().isReadOnly() ? " [read-only]" : "")
                        + " — Heirloom");
        status.set(loaded.project().file().toAbsolutePath().toString());
        settings = settings.withRecent(loaded.project().file());
        recentProjects.setAll(settings.recentProjects());
        persist();
    }

    /** What a read-only project allows, and why, in one sentence; empty when writable. */
    static String readOnlyNote(Project p) {
        if (!p.isReadOnly()) {
            return "";
        }
        int file = p.fileSchemaVersion();
        int known = Schema.latestVersion();
        if (file > known) {
            return "Read-only: made by a newer Heirloom (schema "
                    + file
                    + ", this one knows "
                    + known
                    + "). What this version knows is shown; what the newer one added is not, and"
                    + " nothing can be changed. Update Heirloom to work on it.";
        }
        if (file < known) {
            return "Read-only: made by an older Heirloom (schema "
                    + file
                    + "). Shown through an upgraded temporary copy; the file itself is not"
                    + " changed. Open it normally to upgrade it and work on it.";
        }
        return "Read-only: browse, compare and export; importing and other changes are disabled."
                + " Open it normally to work on it.";
    }

    void fail(String what, Throwable e) {
        ErrorReport report = ErrorReport.of(what, e);
        status.set(what + ": " + report.message());
        // Set last: a view may show the report and clear it at once.
        error.set(report);
    }

    public void setTheme(String name) {
        if (!name.equals("light") && !name.equals("dark")) {
            throw new IllegalArgumentException("unknown theme '" + name + "' (known: light, dark)");
        }
        theme.set(name);
        settings = settings.withTheme(name);
        persist();
    }

    public void rememberWindow(UserSettings.WindowLayout layout) {
        settings = settings.withWindow(layout);
    }

    /** Persists recent projects, theme and window layout. */
    public void saveSettings() {
        persist();
    }

    private void persist() {
        if (settingsFile != null) {
            settings.save(settingsFile);
        }
    }

    public void clearError() {
        error.set(null);
    }

    public ReadOnlyObjectProperty<Project> project() {
        return project;
    }

    public ReadOnlyObjectProperty<ProjectInfo> info() {
        return info;
    }

    public ReadOnlyStringProperty title() {
        return title;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }

    public ReadOnlyObjectProperty<ErrorReport> error() {
        return error;
    }

    public BooleanProperty readOnly() {
        return readOnly;
    }

    /** Why the open project is read-only and what that allows; empty when it is writable. */
    public ReadOnlyStringProperty readOnlyNote() {
        return readOnlyNote;
    }

    public ReadOnlyObjectProperty<ImportOffer> importOffer() {
        return importOffer;
    }

    public ReadOnlyStringProperty theme() {
        return theme;
    }

    public ObservableList<ExplorerGroup> explorer() {
        return explorer;
    }

    public ObservableList<String> recentProjects() {
        return recentProjects;
    }

    @Override
    public void close() {
        Project p = project.get();
        if (p != null) {
            p.close();
            project.set(null);
        }
    }
}
