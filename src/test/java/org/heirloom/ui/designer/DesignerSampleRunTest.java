package org.heirloom.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.Project;
import org.heirloom.ui.designer.RecipeRunModel.StageState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Open from Project → sample → Run" path, without a window: the sample's working copy
 * lives far from the bundled models, so the designer must resolve the stored recipe against the
 * installation, state that base, and the run must resume with nothing to redo.
 */
class DesignerSampleRunTest {

    static final Path CHECKOUT = Path.of("").toAbsolutePath();
    static final Path BUNDLED = CHECKOUT.resolve("sample-projects/sample.heirloom");

    @TempDir Path dir;

    @Test
    void theBundledSampleOpenedFromItsWorkingCopyRunsAndRedoesNothing() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        assumeTrue(
                Files.isRegularFile(CHECKOUT.resolve("assets/models/teacher/config.json")),
                "no bundled sample models (heirloom build-sample-models)");
        // A working copy in another folder, as the app keeps it in the user's data folder.
        Path copy = dir.resolve("data/projects/sample.heirloom");
        Files.createDirectories(copy.getParent());
        Files.copy(BUNDLED, copy);
        try (Project p = Project.open(copy)) {
            List<Long> before = counts(p);
            try (ExperimentDesignerViewModel vm =
                    new ExperimentDesignerViewModel(
                            new SynchronousJobExecutor(), p, Runnable::run)) {
                vm.setInstallDir(CHECKOUT);
                // Before: the project's folder, which holds no models.
                assertTrue(vm.base().get().startsWith(copy.getParent().toString()), vm.base()::get);
                vm.openFromProject("sample");
                assertEquals(
                        CHECKOUT.resolve("sample-projects")
                                + " (the installation's bundled recipes)",
                        vm.base().get());
                assertTrue(vm.valid().get(), () -> vm.problems().toString());
                assertTrue(vm.canRun().get(), "Run is enabled");

                vm.run();

                assertEquals("Finished 'sample'", vm.runState().get(), vm.log()::toString);
                assertTrue(
                        vm.stages().stream()
                                .allMatch(
                                        s ->
                                                s.state() == StageState.DONE
                                                        || s.state() == StageState.SKIPPED),
                        vm.stages()::toString);
                assertTrue(
                        vm.log().stream().anyMatch(l -> l.contains("already imported")),
                        vm.log()::toString);
            }
            // Resumed, nothing redone: the same candidates, scores, students and profile items.
            assertEquals(before, counts(p));
        }
    }

    @Test
    void aChangedCopyRunsOnlyItsNewStage() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        assumeTrue(
                Files.isRegularFile(CHECKOUT.resolve("assets/models/teacher/config.json")),
                "no bundled sample models (heirloom build-sample-models)");
        Path copy = dir.resolve("data/projects/sample.heirloom");
        Files.createDirectories(copy.getParent());
        Files.copy(BUNDLED, copy);
        try (Project p = Project.open(copy);
                ExperimentDesignerViewModel vm =
                        new ExperimentDesignerViewModel(
                                new SynchronousJobExecutor(), p, Runnable::run)) {
            vm.setInstallDir(CHECKOUT);
            vm.openFromProject("sample");
            List<Long> before = counts(p);
            // One more selection (cheap: no generation, no training).
            vm.yaml()
                    .set(
                            vm.yaml()
                                    .get()
                                    .replace(
                                            "  - name: longest\n",
                                            "  - name: shortest\n    strategy: min:words\n"
                                                    + "  - name: longest\n"));
            assertTrue(vm.valid().get(), () -> vm.problems().toString());
            assertEquals(5, vm.recipe().get().selections().size());
            vm.run();
            assertEquals("Finished 'sample'", vm.runState().get(), vm.log()::toString);
            assertTrue(
                    vm.log().stream()
                            .anyMatch(
                                    l ->
                                            l.startsWith("selection 'shortest' (min:words)")
                                                    && !l.contains("already made")),
                    vm.log()::toString);
            List<Long> after = counts(p);
            // Candidates, scores, models, trainings and profiles are as they were; the new
            // selection's rows are the only addition.
            assertEquals(before.subList(0, 2), after.subList(0, 2));
            assertEquals(before.subList(3, before.size()), after.subList(3, after.size()));
            assertTrue(after.get(2) > before.get(2), "the new selection's kept rows");
        }
    }

    @Test
    void whereNoBaseChecksOutTheProjectFolderStaysAndTheProblemIsShown() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        Path work = dir.resolve("sample.heirloom");
        Files.copy(BUNDLED, work);
        try (Project p = Project.open(work);
                ExperimentDesignerViewModel vm =
                        new ExperimentDesignerViewModel(
                                new SynchronousJobExecutor(), p, Runnable::run)) {
            // An installation without bundled recipes: nothing checks out, the project folder
            // stays the base and the problem names the missing model directory.
            vm.setInstallDir(dir.resolve("nowhere"));
            vm.openFromProject("sample");
            assertEquals(dir + " (the project file's folder)", vm.base().get());
            assertTrue(
                    vm.problems().stream()
                            .anyMatch(x -> x.toString().contains("no model directory")),
                    vm.problems()::toString);
            assertTrue(!vm.canRun().get());
        }
    }

    private static List<Long> counts(Project p) {
        return p.read(
                c -> {
                    List<Long> out = new java.util.ArrayList<>();
                    for (String t :
                            List.of(
                                    "candidate",
                                    "score",
                                    "selected",
                                    "model",
                                    "training",
                                    "training_log",
                                    "profile",
                                    "profile_item")) {
                        try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                            rs.next();
                            out.add(rs.getLong(1));
                        }
                    }
                    return out;
                });
    }
}
