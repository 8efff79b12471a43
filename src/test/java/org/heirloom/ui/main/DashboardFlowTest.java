package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.heirloom.sample.SampleProjects;
import org.heirloom.settings.UserSettings;
import org.heirloom.ui.jobs.FxJobExecutor;
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
 * The dashboard fills the window at two widths (900 and 1,280 px: Monocle's headless screen is
 * 1,280 wide), and a chart opens large on double-click.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardFlowTest {

    @TempDir static Path dir;
    private MainViewModel vm;
    private FxJobExecutor executor;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        executor = new FxJobExecutor();
        vm = new MainViewModel(executor, UserSettings.defaults());
        view = new MainView(vm, stage);
        Scene scene = view.createScene(900, 700);
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

    private List<ChartViewer> charts(FxRobot robot) {
        return robot
                .lookup((Node n) -> n instanceof ChartViewer)
                .queryAllAs(ChartViewer.class)
                .stream()
                .filter(c -> c.getScene() != null && c.getScene().getWindow() == stage)
                .toList();
    }

    /** The flow the charts have now; checks every chart has its width (the row is filled). */
    private org.heirloom.ui.dashboard.PanelFlow flowNow(FxRobot robot) {
        javafx.scene.control.ScrollPane sp =
                robot.lookup("#dashboard .scroll-pane")
                        .queryAs(javafx.scene.control.ScrollPane.class);
        org.heirloom.ui.dashboard.PanelFlow flow =
                org.heirloom.ui.dashboard.PanelFlow.fit(sp.getViewportBounds().getWidth() - 24, 12);
        for (ChartViewer c : charts(robot)) {
            assertEquals(flow.cardWidth(), c.getPrefWidth(), 0, "every chart fills its column");
        }
        return flow;
    }

    @Test
    void chartsWidenWithTheWindowAndOpenLarge(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#explorer").tryQuery().isPresent());
        robot.interact(() -> view.showView("dashboard"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> charts(robot).size() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
        org.heirloom.ui.dashboard.PanelFlow narrow = flowNow(robot);
        robot.interact(() -> stage.setWidth(1280));
        WaitForAsyncUtils.waitForFxEvents();
        org.heirloom.ui.dashboard.PanelFlow wide = flowNow(robot);
        assertTrue(
                wide.columns() > narrow.columns(),
                "more columns in a wider window: " + narrow + " → " + wide);

        ChartViewer first = charts(robot).get(0);
        robot.doubleClickOn(first);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        Window large =
                Window.getWindows().stream().filter(w -> w != stage).findFirst().orElseThrow();
        assertTrue(large.getScene().getRoot().lookup("#large-chart") instanceof ChartViewer);
        assertTrue(large.getWidth() > first.getWidth());
        robot.interact(() -> ((Stage) large).close());
    }
}
