package org.heirloom.ui;

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
import org.heirloom.settings.UserSettings;

/**
 * State and actions of the main window, with no reference to any window: unit-testable with a
 * {@link org.heirloom.job.SynchronousJobExecutor}. File and database work runs as jobs, never on
 * the JavaFX thread.
 */
public final class MainViewModel implements AutoCloseable {

    /** A project opened and summarised off the UI thread. */
    record LoadedProject(Project project, ProjectInfo info, List<ExplorerGroup> groups) {}

    private final JobExecutor executor;
    private UserSettings settings;

    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObjectProperty<ProjectInfo> info = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("Heirloom");
    private final StringProperty status = new SimpleStringProperty("No project open");
    private final ObjectProperty<ErrorReport> error = new SimpleObjectProperty<>();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final StringProperty theme = new SimpleStringProperty("light");
    private final ObservableList<ExplorerGroup> explorer = FXCollections.observableArrayList();
    private final ObservableList<String> recentProjects = FXCollections.observableArrayList();

    public MainViewModel(JobExecutor executor, UserSettings settings) {
        this.executor = executor;
        this.settings = settings;
        recentProjects.setAll(settings.recentProjects());
        theme.set(settings.theme());
    }

    public JobExecutor executor() {
        return executor;
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

    /** Re-reads the open project's contents (after a job changed it). */
    public void refresh() {
        Project p = project.get();
        if (p != null) {
            executor.submit(
                    JobSpec.of("Refresh", ctx -> load(p))
                            .onSuccess(this::show)
                            .onFailure(e -> fail("Cannot read project", e)));
        }
    }

    private static LoadedProject load(Project p) {
        try {
            ProjectCatalog catalog = new ProjectCatalog(p);
            List<ExplorerGroup> groups =
                    List.of(
                            group(catalog, CatalogEntry.Kind.PROMPT_SET, "Prompt sets"),
                            group(catalog, CatalogEntry.Kind.MODEL, "Models"),
                            group(catalog, CatalogEntry.Kind.RUN, "Runs"),
                            group(catalog, CatalogEntry.Kind.EXPERIMENT, "Experiments"));
            return new LoadedProject(p, p.info(), groups);
        } catch (RuntimeException e) {
            p.close();
            throw e;
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
        title.set(
                loaded.info().name()
                        + (loaded.project().isReadOnly() ? " [read-only]" : "")
                        + " — Heirloom");
        status.set(loaded.project().file().toAbsolutePath().toString());
        settings = settings.withRecent(loaded.project().file());
        recentProjects.setAll(settings.recentProjects());
    }

    private void fail(String what, Throwable e) {
        ErrorReport report = ErrorReport.of(what, e);
        status.set(what + ": " + report.message());
        // Set last: a view may show the report and clear it at once.
        error.set(report);
    }

    public void setTheme(String name) {
        theme.set(name);
        settings = settings.withTheme(name);
    }

    public void rememberWindow(UserSettings.WindowLayout layout) {
        settings = settings.withWindow(layout);
    }

    /** Persists recent projects, theme and window layout. */
    public void saveSettings() {
        settings.save();
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
