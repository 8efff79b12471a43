package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.heirloom.project.GenerationRow;
import org.heirloom.sample.SampleProjects;
import org.heirloom.settings.UserSettings;
import org.heirloom.ui.jobs.FxJobExecutor;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * On the bundled sample, a click on the {@code max-words} bar of the words chart opens that arm's
 * generations sorted by words; the generations view opens from {@code showView} with every arm.
 */
@ExtendWith(ApplicationExtension.class)
class GenerationsFlowTest {

    @TempDir static Path dir;
    private MainViewModel vm;
    private FxJobExecutor executor;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        view = new MainView(vm, stage);
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

    /** The words bar chart (one category, one bar per arm). */
    private static ChartViewer wordsBars(FxRobot robot) {
        return robot
                .lookup((Node n) -> n instanceof ChartViewer)
                .queryAllAs(ChartViewer.class)
                .stream()
                .filter(
                        c ->
                                c.getChart().getTitle() != null
                                        && c.getChart().getTitle().getText().equals("words")
                                        && c.getChart().getPlot()
                                                instanceof org.jfree.chart.plot.CategoryPlot)
                .findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static TableView<GenerationRow> rows(FxRobot robot) {
        return robot.lookup("#generation-rows").queryAs(TableView.class);
    }

    @Test
    void aClickOnTheMaxWordsBarShowsThatArmsGenerationsSortedByWords(FxRobot robot)
            throws Exception {
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#explorer").tryQuery().isPresent());
        robot.interact(() -> view.showView("dashboard"));
        // The pool-vs-selected panel arrives last and rebuilds the cards: wait for it.
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () ->
                        wordsBars(robot) != null
                                && robot
                                        .lookup((Node n) -> n instanceof ChartViewer)
                                        .queryAllAs(ChartViewer.class)
                                        .stream()
                                        .anyMatch(
                                                c ->
                                                        c.getChart().getTitle() != null
                                                                && c.getChart()
                                                                        .getTitle()
                                                                        .getText()
                                                                        .endsWith(
                                                                                "pool vs selected")));
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer chart = wordsBars(robot);
        // Bring it into view, then find the max-words bar among the chart's rendered entities.
        robot.interact(
                () -> {
                    javafx.scene.control.ScrollPane sp =
                            robot.lookup("#dashboard .scroll-pane")
                                    .queryAs(javafx.scene.control.ScrollPane.class);
                    javafx.geometry.Bounds b = chart.localToScene(chart.getBoundsInLocal());
                    javafx.geometry.Bounds content =
                            sp.getContent().localToScene(sp.getContent().getBoundsInLocal());
                    double h = content.getHeight() - sp.getViewportBounds().getHeight();
                    sp.setVvalue(h <= 0 ? 0 : (b.getMinY() - content.getMinY()) / h);
                });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> chart.getCanvas().getRenderingInfo() != null);
        Rectangle2D bar = null;
        for (Object o : chart.getCanvas().getRenderingInfo().getEntityCollection().getEntities()) {
            ChartEntity e = (ChartEntity) o;
            if (e instanceof CategoryItemEntity c && "max-words".equals(c.getRowKey())) {
                bar = e.getArea().getBounds2D();
            }
        }
        assertTrue(bar != null, "the words chart has a max-words bar");
        // A point inside the bar, below its whisker.
        Point2D at =
                chart.getCanvas()
                        .localToScreen(bar.getCenterX(), bar.getMaxY() - bar.getHeight() * 0.2);
        robot.clickOn(at);
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () ->
                        robot.lookup("#generation-rows").tryQuery().isPresent()
                                && rows(robot).getItems().size() > 0);
        TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);
        assertEquals(
                "Generations · max-words", tabs.getSelectionModel().getSelectedItem().getText());
        List<GenerationRow> shown = new ArrayList<>(rows(robot).getItems());
        assertTrue(shown.stream().allMatch(r -> r.arm().equals("max-words")));
        assertTrue(shown.stream().allMatch(r -> r.model().startsWith("long-student-r")));
        List<Double> words = shown.stream().map(r -> r.metric("words")).toList();
        List<Double> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, words, "sorted by words, largest first");
        Label status = robot.lookup("#generations-status").queryAs(Label.class);
        assertTrue(status.getText().startsWith("384 generations"), status.getText());
    }

    @Test
    void theViewShowsTeacherBaselineAndSteeredAnswersToOnePrompt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#explorer").tryQuery().isPresent());
        robot.interact(() -> view.showView("generations"));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#side-by-side .section-title").queryAll().size() >= 5);
        List<String> titles =
                robot.lookup("#side-by-side .section-title").queryAllAs(Label.class).stream()
                        .map(Label::getText)
                        .toList();
        assertTrue(titles.get(0).startsWith("random"), titles.toString());
        assertTrue(titles.contains("teacher"), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("max-words")), titles.toString());
    }
}
