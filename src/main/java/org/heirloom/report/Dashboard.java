package org.heirloom.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.heirloom.job.JobContext;
import org.heirloom.profile.ComparisonPlan;
import org.heirloom.profile.JudgeSummaries;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.profile.ProfileItems;
import org.heirloom.project.Project;
import org.heirloom.select.SelectionSummaries;
import org.heirloom.train.TrainingSummaries;

/**
 * The comparison dashboard as data: the panels a project's data supports, each with its figures and
 * tables. The workbench draws them and {@code export-charts} writes them, so both show the same
 * figures. A panel appears only when the project has its data.
 *
 * <p>This class is where the report meets the project: it asks core services for data (comparisons
 * carrying their items, judge, training and selection summaries) and hands that to figure classes,
 * which never see the project. It queries nothing itself (no repository, no SQL).
 */
public final class Dashboard {

    private Dashboard() {}

    /**
     * One panel.
     *
     * @param key stable identifier ({@code text}, {@code selections}, {@code training}, …)
     * @param title heading
     * @param suite the profile suite, or null
     * @param arms arm labels, baseline first (empty where the panel has no arms)
     * @param figures charts
     * @param tables tables
     * @param warnings caveats
     */
    public record Panel(
            String key,
            String title,
            String suite,
            List<String> arms,
            List<Figure> figures,
            List<NamedTable> tables,
            List<String> warnings) {}

    /** Suites in reading order: what the students write first, then what they prefer. */
    private static final List<String> SUITE_ORDER =
            List.of("text", "toxicity", "calibration", "crows", "bbq", "stereoset");

    private static int suiteRank(String suite) {
        int i = SUITE_ORDER.indexOf(suite);
        return i < 0 ? SUITE_ORDER.size() : i;
    }

    public static List<Panel> build(Project project) {
        return build(project, JobContext.none());
    }

    public static List<Panel> build(Project project, JobContext ctx) {
        return build(project, ctx, true);
    }

    /**
     * @param withSelections false leaves out the pool-vs-selected panel, which reads every score of
     *     every run (seconds at 10^6 candidates): the workbench shows the rest first and adds it
     *     from {@link #selections} when ready
     */
    public static List<Panel> build(Project project, JobContext ctx, boolean withSelections) {
        List<ComparisonPlan.Entry> plan = new ArrayList<>(ComparisonPlan.discover(project));
        plan.sort(Comparator.comparingInt(e -> suiteRank(e.suite())));
        // Every profile's items are read once, by the comparison or judge summary that needs them;
        // the figures are drawn from what those hand over.
        ProfileItems loaded = new ProfileItems(project);
        List<TrainingSummaries.Curve> curves = new ArrayList<>(TrainingSummaries.curves(project));
        // One naming: a trained replicate's curve goes under its comparison arm's label.
        java.util.Map<String, String> armOf =
                org.heirloom.profile.GenerationArms.modelLabels(project);
        curves.replaceAll(
                c ->
                        new TrainingSummaries.Curve(
                                c.training(),
                                armOf.getOrDefault(c.training(), c.arm()),
                                c.status(),
                                c.trainSteps(),
                                c.trainLoss(),
                                c.heldoutSteps(),
                                c.heldoutLoss()));
        List<JudgeSummaries.Matchup> judged = JudgeSummaries.load(project, loaded);
        // One colour per arm across panels: arms in comparison order, then training arms.
        Set<String> labels = new LinkedHashSet<>();
        plan.forEach(e -> e.arms().forEach(a -> labels.add(a.label())));
        curves.forEach(c -> labels.add(c.arm()));
        judged.forEach(m -> labels.add(TrainingCurves.arm(m.model())));
        ArmRoles roles = ArmRoles.of(labels);

        List<Panel> out = new ArrayList<>();
        List<InheritanceMatrix.Source> matrix = new ArrayList<>();
        ctx.progress().start(plan.size() + 3L, "dashboard panels");
        for (ComparisonPlan.Entry e : plan) {
            ctx.checkCancelled();
            ProfileComparison.Report r =
                    ProfileComparison.compareArms(project, e.arms(), e.suite(), loaded);
            matrix.add(new InheritanceMatrix.Source(e.name(), r));
            List<ProfileFigures.ArmItems> items = ProfileFigures.arms(r, roles);
            List<Figure> figures = new ArrayList<>(ComparisonFigures.figures(r, roles));
            figures.addAll(ProfileFigures.figures(e.suite(), items));
            List<NamedTable> tables = new ArrayList<>();
            tables.add(
                    new NamedTable(
                            ComparisonFigures.safe(e.suite() + "-comparison"),
                            ComparisonFigures.table(r)));
            ProfileFigures.categoryTable(e.suite(), items).ifPresent(tables::add);
            boolean named = !e.name().equals(e.suite());
            if (named) {
                // Two stored comparisons may share a suite: their files must not collide.
                String prefix = ComparisonFigures.safe(e.name()) + "-";
                figures.replaceAll(
                        f ->
                                new Figure(
                                        prefix + f.name(),
                                        f.description(),
                                        f.suite(),
                                        f.attribute(),
                                        f.spec()));
                tables.replaceAll(t -> new NamedTable(prefix + t.name(), t.table()));
            }
            out.add(
                    new Panel(
                            named ? e.name() + ":" + e.suite() : e.suite(),
                            named
                                    ? e.name() + " (suite: " + e.suite() + ")"
                                    : "Suite: " + e.suite(),
                            e.suite(),
                            r.arms(),
                            figures,
                            tables,
                            r.warnings()));
            ctx.progress().advance(1);
        }
        ctx.checkCancelled();
        if (withSelections) {
            selections(project).ifPresent(out::add);
        }
        ctx.progress().advance(1);
        if (!judged.isEmpty()) {
            out.add(
                    new Panel(
                            "judge",
                            "Judge win rates",
                            "judge",
                            List.of(),
                            List.of(JudgeFigures.figure(judged, roles)),
                            List.of(new NamedTable("judge-win-rates", JudgeFigures.table(judged))),
                            List.of()));
        }
        ctx.progress().advance(1);
        TrainingCurves.figure(curves, roles)
                .ifPresent(
                        f -> {
                            List<String> warnings = new ArrayList<>();
                            curves.stream()
                                    .filter(c -> !c.status().equals("done"))
                                    .forEach(
                                            c ->
                                                    warnings.add(
                                                            c.training()
                                                                    + " is "
                                                                    + c.status()
                                                                    + ": its curve stops early"));
                            out.add(
                                    new Panel(
                                            "training",
                                            "Training loss curves",
                                            null,
                                            List.of(),
                                            List.of(f),
                                            List.of(),
                                            warnings));
                        });
        ctx.progress().advance(1);
        ChartSpec.Matrix m = InheritanceMatrix.build(matrix);
        if (m != null) {
            // The summary leads: the paper's one-look answer, then the panels behind it.
            out.add(
                    0,
                    new Panel(
                            MATRIX,
                            "Inheritance matrix",
                            null,
                            List.of(),
                            List.of(InheritanceMatrix.figure(m)),
                            List.of(
                                    new NamedTable(
                                            "inheritance-matrix", InheritanceMatrix.table(m))),
                            List.of()));
        }
        return out;
    }

    /** Key of the inheritance-matrix panel (every stored comparison in one summary; first). */
    public static final String MATRIX = "matrix";

    /** The pool-vs-selected panel, empty when no selection has scores. */
    public static java.util.Optional<Panel> selections(Project project) {
        List<SelectionSummaries.Shift> shifts = new ArrayList<>(SelectionSummaries.shifts(project));
        // One naming: a selection that trained an arm's students is shown under the arm's label
        // (its strategy stays in the descriptions and tooltips).
        java.util.Map<String, String> labels =
                org.heirloom.profile.GenerationArms.selectionLabels(project);
        shifts.replaceAll(
                s ->
                        new SelectionSummaries.Shift(
                                labels.getOrDefault(s.selection(), s.selection()),
                                s.strategy(),
                                s.metric(),
                                s.pool(),
                                s.selected(),
                                s.shift(),
                                s.poolValues(),
                                s.selectedValues()));
        if (shifts.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                new Panel(
                        SELECTIONS,
                        "Selections: pool vs selected",
                        null,
                        List.of(),
                        SelectionShift.figures(shifts),
                        List.of(new NamedTable("selection-shift", SelectionShift.table(shifts))),
                        List.of()));
    }

    /** Key of the pool-vs-selected panel; it comes after the suites and before judge/training. */
    public static final String SELECTIONS = "selections";
}
