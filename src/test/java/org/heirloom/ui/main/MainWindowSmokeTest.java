package org.heirloom.ui.main;

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
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        this.stage = stage;
        view = new MainView(vm, stage);
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
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> (SampleProjectBuilder.NAME + " — Heirloom").equals(stage.getTitle()));
        TreeView<?> tree = robot.lookup("#explorer").queryAs(TreeView.class);
        // Prompt sets, models, runs, experiments, generations.
        assertEquals(5, tree.getRoot().getChildren().size());
        // Open the prompt set like a user: double-click its row.
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("instructions  ·  96 prompts").tryQuery().isPresent());
        robot.doubleClickOn("instructions  ·  96 prompts");
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup(".table-view").tryQuery().isPresent());
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 96);
        assertTrue(
                robot.lookup("Tell a story about a boy who plants a tiny seed.")
                        .tryQuery()
                        .isPresent());
        // The dashboard shows the stored comparison's charts at once.
        robot.interact(() -> view.showView("dashboard"));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () ->
                        robot.lookup(
                                        (javafx.scene.Node n) ->
                                                n instanceof Label l
                                                        && l.getText()
                                                                .startsWith(
                                                                        "steering (suite: text)"))
                                .tryQuery()
                                .isPresent());
        assertTrue(
                robot.lookup((javafx.scene.Node n) -> n instanceof org.jfree.chart.fx.ChartViewer)
                                .queryAll()
                                .size()
                        >= 3,
                "bars of words, mtld and toxicity");
    }
}
