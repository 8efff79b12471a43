package org.heirloom.ui.dashboard;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.heirloom.report.chart.ChartRenderer;
import org.heirloom.report.chart.Figure;
import org.jfree.chart.fx.ChartViewer;

/**
 * One dashboard chart opened large (double-click a chart): rendered afresh at a reading size, with
 * JFreeChart's zoom (drag a box, or the mouse wheel) and pan (Ctrl+drag).
 */
public final class LargeChartWindow {

    private LargeChartWindow() {}

    /** The window's content, also used by tests without a stage. */
    public static BorderPane content(Figure f) {
        ChartViewer viewer = new ChartViewer(ChartRenderer.render(f.spec(), 14f));
        viewer.setId("large-chart");
        Label hint =
                new Label(
                        f.description()
                                + "   ·   zoom: drag a box or use the wheel; pan: Ctrl+drag;"
                                + " reset: right-click → Auto Range");
        hint.setWrapText(true);
        hint.setStyle("-fx-padding: 6 10 6 10; -fx-opacity: 0.75;");
        BorderPane root = new BorderPane(viewer);
        root.setBottom(hint);
        return root;
    }

    public static Stage open(Window owner, Figure f) {
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle(f.name());
        s.setScene(new Scene(content(f), 1100, 760));
        s.show();
        return s;
    }
}
