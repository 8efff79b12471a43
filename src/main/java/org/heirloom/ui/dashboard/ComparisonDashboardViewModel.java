package org.heirloom.ui.dashboard;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobSpec;
import org.heirloom.project.Project;
import org.heirloom.report.AttributeHelp;
import org.heirloom.report.Dashboard;
import org.heirloom.report.DashboardExport;
import org.heirloom.report.Figure;
import org.heirloom.report.FigureFormat;
import org.heirloom.report.FigurePreset;
import org.heirloom.score.MetricInfo;

/**
 * The comparison dashboard's state: the panels the project's data supports (suite comparisons, pool
 * vs selected, judge verdicts, loss curves), computed off the UI thread as figure specifications
 * and tables. Unit-testable with a synchronous executor.
 */
public final class ComparisonDashboardViewModel
        implements org.heirloom.ui.dashboard.ChartClicks.Drills {

    private final JobExecutor executor;
    private final Project project;
    private final ObservableList<Dashboard.Panel> panels = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("Comparing …");

    /** The last chart click's drill-down (ui/generations/DrillDown); the main window opens it. */
    private final javafx.beans.property.ObjectProperty<org.heirloom.ui.generations.DrillDown>
            drillDown = new javafx.beans.property.SimpleObjectProperty<>();

    /** Arm label → selection name (pool-vs-selected bars are labelled by arm). */
    private volatile java.util.Map<String, String> selectionOf = java.util.Map.of();

    public ComparisonDashboardViewModel(JobExecutor executor, Project project) {
        this.executor = executor;
        this.project = project;
        refresh();
    }

    public void refresh() {
        // Comparisons first; pool-vs-selected reads every score and follows when ready.
        executor.submit(
                JobSpec.of(
                                "Build dashboard",
                                ctx -> {
                                    java.util.Map<String, String> inverse =
                                            new java.util.HashMap<>();
                                    org.heirloom.profile.GenerationArms.selectionLabels(project)
                                            .forEach((sel, arm) -> inverse.putIfAbsent(arm, sel));
                                    selectionOf = inverse;
                                    strategies =
                                            org.heirloom.profile.GenerationArms.strategies(project);
                                    return Dashboard.build(project, ctx, false);
                                })
                        .onSuccess(
                                list -> {
                                    panels.setAll(list);
                                    status.set(statusText(list));
                                    executor.submit(
                                            JobSpec.of(
                                                            "Pool vs selected",
                                                            ctx -> Dashboard.selections(project))
                                                    .onSuccess(this::addSelections)
                                                    .onFailure(
                                                            e ->
                                                                    status.set(
                                                                            "Cannot compare"
                                                                                    + " selections: "
                                                                                    + e
                                                                                            .getMessage())));
                                })
                        .onFailure(e -> status.set("Cannot compare: " + e.getMessage())));
    }

    private void addSelections(Optional<Dashboard.Panel> panel) {
        if (panel.isEmpty()) {
            return;
        }
        panels.removeIf(p -> p.key().equals(Dashboard.SELECTIONS));
        int at = panels.size();
        for (int i = 0; i < panels.size(); i++) {
            String key = panels.get(i).key();
            if (key.equals("judge") || key.equals("training")) {
                at = i;
                break;
            }
        }
        panels.add(at, panel.get());
        status.set(statusText(panels));
    }

    private static String statusText(List<Dashboard.Panel> list) {
        if (list.isEmpty()) {
            return "No comparisons yet: profile two or more models on the same suite"
                    + " (heirloom profile), e.g. a baseline and a steered student.";
        }
        long suites = list.stream().filter(p -> p.suite() != null && !p.arms().isEmpty()).count();
        long figures = list.stream().mapToLong(p -> p.figures().size()).sum();
        return suites
                + (suites == 1 ? " suite compared" : " suites compared")
                + ", "
                + figures
                + " charts · 95% CIs (replicate arms NAME-r0, NAME-r1, …: hierarchical"
                + " bootstrap) · ? explains a metric";
    }

    /** Definition, source and caveats of what a figure shows, when it shows one attribute. */
    public Optional<MetricInfo> help(Figure f) {
        return AttributeHelp.lookup(f.suite(), f.attribute());
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

    /** Arm label → its selection strategy, for headings and tooltips. */
    private volatile java.util.Map<String, String> strategies = java.util.Map.of();

    /** "max-mtld (max:mtld)": the arm's label with its strategy, where it has one. */
    public String armWithStrategy(String label) {
        String s = strategies.get(label);
        return s == null || s.equals(label) ? label : label + " (" + s + ")";
    }

    /** What a click on item {@code item} of series {@code series} of a figure would open. */
    @Override
    public Optional<org.heirloom.ui.generations.DrillDown> drillFor(
            Figure f, int series, int item) {
        return org.heirloom.ui.generations.DrillDown.of(
                f, series, item, label -> selectionOf.getOrDefault(label, label));
    }

    /** A chart click: publishes its drill-down, if it has one. */
    @Override
    public void drill(Figure f, int series, int item) {
        drillFor(f, series, item)
                .ifPresent(
                        d -> {
                            drillDown.set(null); // the same click twice opens twice
                            drillDown.set(d);
                        });
    }

    public javafx.beans.property.ReadOnlyObjectProperty<org.heirloom.ui.generations.DrillDown>
            drillDown() {
        return drillDown;
    }

    public ObservableList<Dashboard.Panel> panels() {
        return panels;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }
}
