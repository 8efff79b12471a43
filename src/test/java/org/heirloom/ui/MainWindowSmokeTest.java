package org.heirloom.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.heirloom.sample.SampleProjectBuilder;
import org.heirloom.sample.SampleProjects;
import org.heirloom.settings.UserSettings;
import org.heirloom.ui.jobs.FxJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window, headless (Monocle): opens the bundled sample project and shows it. */
@ExtendWith(ApplicationExtension.class)
class MainWindowSmokeTest {

    @TempDir static Path dir;
    private MainViewModel vm;
    private FxJobExecutor executor;

    @Start
    void start(Stage stage) {
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        MainView view = new MainView(vm, stage);
        Scene scene = view.createScene(1100, 700);
        stage.setScene(scene);
        stage.show();
        // A copy: opening read-write may migrate the file, and the checked-in sample must stay.
        Path copy = dir.resolve("sample-" + System.nanoTime() + ".heirloom");
        try {
            java.nio.file.Files.copy(SampleProjects.bundled(), copy);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        vm.openProject(copy);
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
    void showsTheSampleProjectAndItsPrompts(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () ->
                        SampleProjectBuilder.NAME.equals(
                                robot.lookup("#project-name").queryAs(Label.class).getText()));
        assertEquals(
                SampleProjectBuilder.NAME + " — Heirloom",
                robot.window(0).getScene().getWindow() instanceof Stage s ? s.getTitle() : "");
        TreeView<?> tree = robot.lookup("#explorer").queryAs(TreeView.class);
        assertEquals(4, tree.getRoot().getChildren().size());
        // Open the prompt set like a user: double-click its row.
        robot.doubleClickOn("instructions  ·  40 prompts");
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup(".table-view").tryQuery().isPresent());
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 40);
        assertTrue(
                robot.lookup("Tell a short story about a fox who finds a lost key.")
                        .tryQuery()
                        .isPresent());
    }
}
