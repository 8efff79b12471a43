package org.heirloom.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.profile.ComparisonPlan;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.project.Project;
import org.heirloom.report.ComparisonFigures;
import org.heirloom.report.DashboardExport;
import org.heirloom.report.FigureFormat;
import org.heirloom.report.FigurePreset;
import org.heirloom.report.Table;

/**
 * The comparison dashboard's state: every suite's arms compared (off the UI thread), as figure
 * specifications and a table per suite. Unit-testable with a synchronous executor.
 */
public final class ComparisonDashboardViewModel {

    /** One suite's comparison, ready to draw. */
    public record Section(
            String suite,
            List<String> arms,
            List<ComparisonFigures.Figure> figures,
            Table table,
            List<String> warnings) {}

    private final JobExecutor executor;
    private final Project project;
    private final ObservableList<Section> sections = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("Comparing …");

    public ComparisonDashboardViewModel(JobExecutor executor, Project project) {
        this.executor = executor;
        this.project = project;
        refresh();
    }

    public void refresh() {
        executor.submit(
                JobSpec.of("Compare profiles", ctx -> load(project))
                        .onSuccess(
                                list -> {
                                    sections.setAll(list);
                                    status.set(
                                            list.isEmpty()
                                                    ? "No comparisons yet: profile two or more models on the same suite"
                                                            + " (heirloom profile), e.g. a baseline and a steered student."
                                                    : list.size()
                                                            + (list.size() == 1
                                                                    ? " suite compared"
                                                                    : " suites compared")
                                                            + " · 95% CIs; arms of replicates (NAME-r0, NAME-r1, …) use a hierarchical bootstrap");
                                })
                        .onFailure(e -> status.set("Cannot compare: " + e.getMessage())));
    }

    static List<Section> load(Project project) {
        List<Section> out = new ArrayList<>();
        for (ComparisonPlan.Entry e : ComparisonPlan.discover(project)) {
            ProfileComparison.Report r =
                    ProfileComparison.compareArms(project, e.arms(), e.suite());
            out.add(
                    new Section(
                            e.suite(),
                            r.arms(),
                            ComparisonFigures.figures(r),
                            ComparisonFigures.table(r),
                            r.warnings()));
        }
        return out;
    }

    /** Writes every figure and table (what {@code heirloom export-charts} writes). */
    public void export(Path dir, FigurePreset preset) {
        executor.submit(
                JobSpec.of(
                                "Export charts",
                                ctx ->
                                        DashboardExport.export(
                                                project,
                                                dir,
                                                List.of(FigureFormat.values()),
                                                preset,
                                                ctx))
                        .onSuccess(n -> status.set("Exported " + n + " files to " + dir))
                        .onFailure(e -> status.set("Cannot export: " + e.getMessage())));
    }

    public ObservableList<Section> sections() {
        return sections;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }
}
