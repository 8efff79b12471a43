package org.heirloom.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.report.ChartSpec;
import org.heirloom.report.Dashboard;
import org.heirloom.report.DashboardFixture;
import org.heirloom.report.Figure;
import org.heirloom.report.FigurePreset;
import org.heirloom.report.ModelRole;
import org.heirloom.report.Table;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's logic without a window. */
class ComparisonDashboardViewModelTest {

    @TempDir Path dir;

    private static void profile(Project p, String name, double words) {
        ModelRecord m =
                new ModelRepository(p).register(name, "trained", "/m/" + name, name, null, null);
        ProfileRepository repo = new ProfileRepository(p);
        ProfileRecord prof = repo.open(m.id(), "text", "{}");
        List<ProfileItem> items = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            items.add(
                    new ProfileItem(
                            "u" + u,
                            0,
                            "t",
                            words,
                            "{\"metrics\":{\"words\":"
                                    + (words + u)
                                    + ",\"mtld\":"
                                    + (50 + u)
                                    + "}}"));
        }
        repo.addItems(prof.id(), items);
        repo.complete(prof.id(), "{}");
    }

    @Test
    void emptyProjectExplainsWhatToDo() {
        try (Project p = Project.create(dir.resolve("e.heirloom"), "e")) {
            ComparisonDashboardViewModel vm =
                    new ComparisonDashboardViewModel(new SynchronousJobExecutor(), p);
            assertEquals(0, vm.panels().size());
            assertTrue(vm.status().get().startsWith("No comparisons yet"), vm.status().get());
        }
    }

    @Test
    void comparesArmsWithBaselineFirstAndExports() throws Exception {
        try (Project p = Project.create(dir.resolve("c.heirloom"), "c")) {
            profile(p, "steered-r0", 50);
            profile(p, "steered-r1", 52);
            profile(p, "random-r0", 45);
            profile(p, "random-r1", 47);
            profile(p, "teacher", 60);
            ComparisonDashboardViewModel vm =
                    new ComparisonDashboardViewModel(new SynchronousJobExecutor(), p);
            // The inheritance matrix summing it up, then the suite's panel.
            assertEquals(
                    List.of(Dashboard.MATRIX, "text"),
                    vm.panels().stream().map(Dashboard.Panel::key).toList());
            Dashboard.Panel s = vm.panels().get(1);
            assertEquals("text", s.suite());
            assertEquals(
                    List.of("random", "steered", "teacher"), s.arms(), "the random baseline leads");
            assertEquals(
                    List.of(
                            "text-words",
                            "text-mtld",
                            "text-percent-change",
                            "text-words-histogram",
                            "text-words-ecdf",
                            "text-mtld-histogram",
                            "text-mtld-ecdf"),
                    s.figures().stream().map(Figure::name).toList());
            var bars = (ChartSpec.Bars) s.figures().get(0).spec();
            // Replicate arms carry one point per replicate; the single teacher none.
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    new double[] {48.5, 50.5}, bars.series().get(0).points()[0], 1e-9);
            assertEquals(null, bars.series().get(2).points());
            assertEquals(ModelRole.TEACHER, bars.series().get(2).role());
            Table table = s.tables().get(0).table();
            assertEquals(6, table.rows().size(), "2 attributes × 3 arms");
            assertTrue(
                    table.rows().get(1).get(3).startsWith("+5.00"), table.rows().get(1).toString());
            // Per-generation values of all replicates: 2 × 8 for random.
            var ecdf = (ChartSpec.Distribution) s.figures().get(4).spec();
            assertEquals(16, ecdf.series().get(0).values().length);
            Path out = dir.resolve("figs");
            vm.export(out, FigurePreset.SINGLE);
            assertTrue(Files.exists(out.resolve("index.json")));
            // 25 for the suite, 6 for the matrix (PNG, SVG, PDF; CSV, LaTeX, Markdown).
            assertTrue(vm.status().get().startsWith("Exported 31 files"), vm.status().get());
        }
    }

    @Test
    void exposesEveryPanelAndTheHelpOfEachMetric() {
        try (Project p = Project.create(dir.resolve("f.heirloom"), "f")) {
            DashboardFixture.build(p);
            ComparisonDashboardViewModel vm =
                    new ComparisonDashboardViewModel(new SynchronousJobExecutor(), p);
            assertEquals(
                    org.heirloom.report.DashboardFixture.PANELS,
                    vm.panels().stream().map(Dashboard.Panel::key).toList());
            Figure words =
                    vm.panels().get(1).figures().stream()
                            .filter(f -> f.name().equals("text-words-ecdf"))
                            .findFirst()
                            .orElseThrow();
            MetricInfo info = vm.help(words).orElseThrow();
            assertEquals(MetricRegistry.standard().info("words").orElseThrow(), info);
            Figure reliability =
                    vm.panels().get(3).figures().get(vm.panels().get(3).figures().size() - 1);
            assertEquals("calibration-reliability", reliability.name());
            assertTrue(vm.help(reliability).orElseThrow().definition().contains("ECE"));
            Figure loss = vm.panels().get(8).figures().get(0);
            assertTrue(vm.help(loss).isEmpty(), "a loss curve shows no single metric");
            assertTrue(vm.status().get().startsWith("5 suites compared"), vm.status().get());
        }
    }
}
