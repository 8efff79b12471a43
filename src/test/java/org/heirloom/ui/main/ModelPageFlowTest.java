package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
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

/** Double-clicking a model in the explorer opens its page (not a placeholder). */
@ExtendWith(ApplicationExtension.class)
class ModelPageFlowTest {

    @TempDir static Path dir;
    private MainViewModel vm;
    private FxJobExecutor executor;

    @Start
    void start(Stage stage) throws Exception {
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        MainView view = new MainView(vm, stage);
        Scene scene = view.createScene(1280, 800);
        stage.setScene(scene);
        stage.show();
        Path copy = dir.resolve("sample-" + System.nanoTime() + ".heirloom");
        Files.copy(SampleProjects.bundled(), copy);
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
    void aStudentOpensOnItsPageWithFactsProvenanceAndProfile(FxRobot robot) throws Exception {
        String row = "long-student-r0  ·  trained";
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup(row).tryQuery().isPresent());
        robot.doubleClickOn(row);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup("#model-page").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label(robot, "322.0 K (321,984)"));
        assertTrue(label(robot, "longest (max:words)"), "selection and strategy shown");
        TableView<?> profiles = robot.lookup("#model-profiles").queryAs(TableView.class);
        assertEquals(3, profiles.getItems().size(), "words, mtld, toxicity of the text suite");
        assertTrue(
                robot.lookup("#model-loss").tryQuery().isPresent()
                        && robot.lookup("#model-loss").query().isVisible(),
                "a student shows its training loss");
    }

    @Test
    void thePlaygroundStreamsAnAnswerAndCancelStopsARun(FxRobot robot) throws Exception {
        String row = "random-student-r0  ·  trained";
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup(row).tryQuery().isPresent());
        robot.doubleClickOn(row);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () ->
                        !robot.lookup("#model-playground-toggle")
                                .queryAs(ToggleButton.class)
                                .isDisabled());
        robot.clickOn("#model-playground-toggle");
        Button run = robot.lookup("#playground-run").queryButton();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !run.isDisabled());
        ComboBox<?> template = robot.lookup("#playground-template").queryComboBox();
        assertEquals("Trained template", template.getValue().toString());
        robot.clickOn("#playground-prompt").write("Name three colours.");
        robot.clickOn("#playground-run");
        TextArea output = robot.lookup("#playground-output").queryAs(TextArea.class);
        Label status = robot.lookup("#playground-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Done"));
        assertFalse(output.getText().isEmpty(), "the answer streamed into the output");
        assertTrue(status.getText().endsWith(" tok/s"), status.getText());

        // Run, then Cancel before the first token can arrive: the run stops, the text is cut.
        Button cancel = robot.lookup("#playground-cancel").queryButton();
        assertTrue(cancel.isDisabled(), "nothing to cancel between runs");
        robot.interact(
                () -> {
                    run.fire();
                    assertFalse(cancel.isDisabled(), "Cancel is live while a run goes");
                    cancel.fire();
                });
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> status.getText().startsWith("Cancelled"));
        assertFalse(run.isDisabled(), "Run is live again");
        assertEquals("", output.getText());

        // Back to the overview: the page's facts are still there.
        robot.clickOn("#model-playground-toggle");
        assertTrue(robot.lookup("#model-about").query().isVisible());
    }

    private static boolean label(FxRobot robot, String text) {
        return robot.lookup((Node n) -> n instanceof Label l && text.equals(l.getText()))
                .tryQuery()
                .isPresent();
    }
}
