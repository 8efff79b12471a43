package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.recipe.RecipeProblem;
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

/**
 * The real window, headless: open a project, open the designer, fill a tiny experiment (the
 * example's prompts and imported candidates), see a bad strategy refused, run it, and see the run
 * in the explorer and the selections in the designer.
 */
@ExtendWith(ApplicationExtension.class)
class ExperimentDesignerFlowTest {

    @TempDir static Path dir;
    private MainViewModel vm;
    private FxJobExecutor executor;

    @Start
    void start(Stage stage) {
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        Scene scene = new MainView(vm, stage).createScene(1280, 800);
        stage.setScene(scene);
        stage.show();
        Path file = dir.resolve("flow-" + System.nanoTime() + ".heirloom");
        Project.create(file, "flow").close();
        vm.openProject(file);
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
    void designAndRunATinyExperiment(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> "flow".equals(robot.lookup("#project-name").queryAs(Label.class).getText()));
        // The View menu's shortcut for the third view is the designer.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup("#designer-yaml").tryQuery().isPresent());
        TextArea yaml = robot.lookup("#designer-yaml").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !yaml.getText().isBlank());
        Button run = robot.lookup("#designer-run").queryAs(Button.class);
        // The sketch has no teacher yet: checked and refused.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !problems(robot).isEmpty());
        assertEquals("teachers", problems(robot).get(0).path());
        assertTrue(run.isDisabled());

        // Typed like a user where it is short; long paths are pasted.
        TextField name = robot.lookup("#field-name").queryAs(TextField.class);
        robot.doubleClickOn(name).write("tiny");
        Path example = Path.of("sample-projects/example").toAbsolutePath();
        robot.interact(
                () -> {
                    setText(robot, "#field-prompts-import", example.resolve("prompts.jsonl"));
                    setText(robot, "#field-prompts-field", "prompt");
                    setText(robot, "#field-run-name", "tiny-run");
                });
        robot.interact(
                () ->
                        robot.lookup("#field-prompts-set .text-field")
                                .queryAs(TextField.class)
                                .setText("tiny-prompts"));
        robot.interact(() -> robot.lookup("#add-teachers").queryAs(Button.class).fire());
        robot.interact(
                () -> {
                    setText(
                            robot,
                            "#teachers-0-spec",
                            "import:" + example.resolve("candidates.jsonl"));
                    robot.lookup("#scorer-mtld")
                            .queryAs(javafx.scene.control.CheckBox.class)
                            .setSelected(true);
                    robot.lookup("#add-selections").queryAs(Button.class).fire();
                });
        robot.interact(
                () -> {
                    setText(robot, "#selections-0-name", "longest");
                    setText(robot, "#selections-0-strategy", "maxx:words");
                });
        // Validation as you type (debounced): the strategy's error at its path; Run stays off.
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () ->
                        !problems(robot).isEmpty()
                                && problems(robot).get(0).path().equals("selections[0].strategy"));
        assertTrue(run.isDisabled());
        assertTrue(yaml.getText().contains("name: tiny\n"), yaml.getText());
        robot.interact(() -> setText(robot, "#selections-0-strategy", "max:words"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !run.isDisabled());
        assertTrue(problems(robot).isEmpty());

        robot.clickOn(run);
        Label state = robot.lookup("#designer-run-state").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> state.getText().equals("Finished 'tiny'"));
        ListView<?> results = robot.lookup("#designer-results").queryAs(ListView.class);
        assertEquals(1, results.getItems().size());
        assertTrue(results.getItems().get(0).toString().startsWith("longest (max:words)"));
        // The main window re-read the project: the run and the stored recipe are listed.
        TreeView<?> tree = robot.lookup("#explorer").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> entries(tree, CatalogEntry.Kind.RUN).contains("tiny-run"));
        assertTrue(entries(tree, CatalogEntry.Kind.EXPERIMENT).contains("tiny"));
        assertTrue(entries(tree, CatalogEntry.Kind.PROMPT_SET).contains("tiny-prompts"));
    }

    private static void setText(FxRobot robot, String id, Object text) {
        robot.lookup(id).queryAs(TextField.class).setText(text.toString());
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<RecipeProblem> problems(FxRobot robot) {
        return java.util.List.copyOf(
                robot.lookup("#designer-problems").queryAs(ListView.class).getItems());
    }

    private static java.util.List<String> entries(TreeView<?> tree, CatalogEntry.Kind kind) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (TreeItem<?> group : tree.getRoot().getChildren()) {
            for (TreeItem<?> e : group.getChildren()) {
                if (e.getValue() instanceof CatalogEntry c && c.kind() == kind) {
                    out.add(c.name());
                }
            }
        }
        return out;
    }
}
