package org.heirloom.ui;

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
import org.heirloom.report.FigurePreset;
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
            assertEquals(0, vm.sections().size());
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
            assertEquals(1, vm.sections().size());
            ComparisonDashboardViewModel.Section s = vm.sections().get(0);
            assertEquals("text", s.suite());
            assertEquals(
                    List.of("random", "steered", "teacher"), s.arms(), "the random baseline leads");
            assertEquals(2, s.figures().size(), "one chart per attribute");
            var bars = (org.heirloom.report.ChartSpec.Bars) s.figures().get(0).spec();
            // Replicate arms carry one point per replicate; the single teacher none.
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    new double[] {48.5, 50.5}, bars.series().get(0).points()[0], 1e-9);
            assertEquals(null, bars.series().get(2).points());
            assertEquals(6, s.table().rows().size(), "2 attributes × 3 arms");
            assertTrue(
                    s.table().rows().get(1).get(3).startsWith("+5.00"),
                    s.table().rows().get(1).toString());
            Path out = dir.resolve("figs");
            vm.export(out, FigurePreset.SINGLE);
            assertTrue(Files.exists(out.resolve("index.json")));
            assertTrue(vm.status().get().startsWith("Exported 10 files"), vm.status().get());
        }
    }
}
