package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;
import org.heirloom.settings.UserSettings;
import org.heirloom.share.ImportFixtures;
import org.heirloom.ui.explorer.ExplorerGroup;
import org.heirloom.ui.jobs.FxJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless: open a project, import a run from another one through the import
 * dialog, and see the run appear in the explorer. Also checks the stall monitor notices a block.
 */
@ExtendWith(ApplicationExtension.class)
class ImportFlowTest {

    @TempDir Path dir;
    private MainViewModel vm;
    private FxJobExecutor executor;

    @Start
    void start(Stage stage) {
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        MainView view = new MainView(vm, stage);
        stage.setScene(view.createScene(1000, 700));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        WaitForAsyncUtils.waitForAsyncFx(
                10_000,
                () -> {
                    vm.close();
                    executor.close();
                });
    }

    @Test
    void aRunImportedThroughTheDialogAppearsInTheExplorer(FxRobot robot) throws Exception {
        try (Project b = ImportFixtures.create(dir, "colleague")) {
            long set = ImportFixtures.promptSet(b, "s", 3);
            RunRecord r = ImportFixtures.run(b, "their-run", set, 9, 2);
            ImportFixtures.scoreSelectTrain(b, r, set);
            ImportFixtures.run(b, "other-run", set, 10, 1);
        }
        Path mine = dir.resolve("mine.heirloom");
        Project.create(mine, "mine").close();
        robot.interact(() -> vm.openProject(mine));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.project().get() != null);

        robot.interact(() -> vm.offerImport(dir.resolve("colleague.heirloom")));
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup("#import-dialog").tryQuery().isPresent());
        robot.clickOn("their-run (s, 6 candidates, 1 selections, 1 trainings)");
        robot.clickOn("Import");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> vm.status().get().startsWith("Added"));

        TreeView<?> tree = robot.lookup("#explorer").queryAs(TreeView.class);
        TreeItem<?> runs =
                tree.getRoot().getChildren().stream()
                        .filter(
                                g ->
                                        g.getValue() instanceof ExplorerGroup eg
                                                && eg.title().equals("Runs"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(1, runs.getChildren().size(), "only the run that was ticked");
        // The explorer row is drawn on a later pulse.
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> robot.lookup("their-run  ·  k=2 · created").tryQuery().isPresent());
        assertEquals(6, vm.info().get().candidates());
    }

    @Test
    void theStallMonitorSeesABlockedUiThread(FxRobot robot) throws Exception {
        try (FxStallMonitor monitor = FxStallMonitor.start(Duration.ofMillis(10))) {
            Thread.sleep(100);
            // A ping posted within the 10 ms before the block waits for all of it (minus <10 ms).
            robot.interact(
                    () -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            Thread.sleep(50);
            FxStallMonitor.Stats s = monitor.stats();
            assertTrue(s.pings() >= 5, s.toString());
            assertTrue(s.maxStallMillis() >= 280, s.toString());
            monitor.reset();
            assertEquals(0, monitor.stats().pings());
        }
    }
}
