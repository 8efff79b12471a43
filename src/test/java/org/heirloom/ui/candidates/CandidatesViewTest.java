package org.heirloom.ui.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.heirloom.project.CandidateFixture;
import org.heirloom.project.CandidatePage;
import org.heirloom.project.Project;
import org.heirloom.ui.jobs.FxJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The candidates view in a real (headless) window: rows arrive from pages, kept ones marked. */
@ExtendWith(ApplicationExtension.class)
class CandidatesViewTest {

    @TempDir static Path dir;
    private Project project;
    private FxJobExecutor executor;
    private CandidatesViewModel vm;

    @Start
    void start(Stage stage) {
        Path file = CandidateFixture.create(dir.resolve("v-" + System.nanoTime() + ".heirloom"), 0);
        project = Project.open(file);
        // A reasoning model's candidate: its reasoning shows apart from the scored answer.
        project.write(
                c -> {
                    try (var st = c.createStatement()) {
                        return st.executeUpdate(
                                "UPDATE candidate SET reasoning = 'barns are red'"
                                        + " WHERE text = 'a red barn in the field'");
                    }
                });
        executor = new FxJobExecutor();
        vm = new CandidatesViewModel(executor, project);
        Scene scene = new Scene(new CandidatesView(vm), 1200, 700);
        scene.getStylesheets()
                .setAll(
                        getClass()
                                .getResource("/org/heirloom/ui/main/heirloom.css")
                                .toExternalForm(),
                        getClass().getResource("/org/heirloom/ui/main/light.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        WaitForAsyncUtils.waitForAsyncFx(
                10_000,
                () -> {
                    vm.close();
                    executor.close();
                    project.close();
                });
    }

    /** Visible rows by candidate id: whether each carries the :kept pseudo-class. */
    private static Map<Long, Boolean> keptByRow(FxRobot robot) {
        return robot.lookup(".candidate-row").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null)
                .collect(
                        Collectors.toMap(
                                r -> ((CandidatePage.Row) r.getItem()).id(),
                                r -> r.getPseudoClassStates().contains(CandidatesView.KEPT),
                                (a, b) -> a));
    }

    @Test
    void showsRowsWithKeptCandidatesHighlightedAndTheChosenOneInFull(FxRobot robot)
            throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> keptByRow(robot).size() == 12);
        TableView<?> table = robot.lookup("#candidate-table").queryAs(TableView.class);
        assertEquals(12, table.getItems().size());
        Map<Long, Boolean> kept = keptByRow(robot);
        assertTrue(kept.get(4L) && kept.get(6L) && kept.get(11L), kept.toString());
        assertFalse(kept.get(1L) || kept.get(5L) || kept.get(12L), kept.toString());
        // Metric columns follow the run's metrics, then the kept mark.
        assertEquals(
                "tox words Kept",
                table.getColumns().stream()
                        .skip(7)
                        .map(c -> c.getText())
                        .collect(Collectors.joining(" ")));
        robot.clickOn("a red barn in the field");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () ->
                        "a red barn in the field"
                                .equals(
                                        robot.lookup("#candidate-detail-text")
                                                .queryAs(TextArea.class)
                                                .getText()));
        assertTrue(
                robot.lookup("#candidate-detail-head")
                        .queryAs(Label.class)
                        .getText()
                        .contains("kept by best-words"));
        TextArea reasoning = robot.lookup("#candidate-detail-reasoning").queryAs(TextArea.class);
        assertTrue(reasoning.isVisible());
        assertEquals("barns are red", reasoning.getText());
        robot.clickOn("quiet river");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () ->
                        "quiet river"
                                .equals(
                                        robot.lookup("#candidate-detail-text")
                                                .queryAs(TextArea.class)
                                                .getText()));
        assertFalse(reasoning.isVisible(), "no reasoning, no reasoning pane");
        // Clearing the selection to highlight: no row is marked any more.
        robot.interact(() -> vm.selection().set(null));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> keptByRow(robot).size() == 12 && !keptByRow(robot).containsValue(true));
    }
}
