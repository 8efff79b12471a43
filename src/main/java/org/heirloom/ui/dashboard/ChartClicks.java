package org.heirloom.ui.dashboard;

import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.heirloom.report.Figure;
import org.heirloom.ui.generations.DrillDown;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.data.category.CategoryDataset;

/**
 * Drill-down from a dashboard chart: a click on a bar, bin or ECDF step asks the view model for
 * what it opens; hovering shows the item's value and what a click will show.
 */
public final class ChartClicks {

    private ChartClicks() {}

    /** (series, item) of a chart entity, or null for one that is not a data item. */
    static int[] position(ChartEntity e) {
        if (e instanceof CategoryItemEntity c) {
            CategoryDataset d = c.getDataset();
            return new int[] {d.getRowIndex(c.getRowKey()), d.getColumnIndex(c.getColumnKey())};
        }
        if (e instanceof XYItemEntity x) {
            return new int[] {x.getSeriesIndex(), x.getItem()};
        }
        return null;
    }

    /** What a click on (figure, series, item) opens, if anything (the dashboard's view model). */
    public interface Drills {
        java.util.Optional<DrillDown> drillFor(Figure f, int series, int item);

        void drill(Figure f, int series, int item);
    }

    public static void install(ChartViewer viewer, Figure f, Drills vm) {
        // One tooltip with the item's value and what a click opens replaces the canvas's own.
        viewer.getCanvas().setTooltipEnabled(false);
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(300));
        Tooltip.install(viewer, tip);
        viewer.addChartMouseListener(
                new ChartMouseListenerFX() {
                    @Override
                    public void chartMouseClicked(ChartMouseEventFX event) {
                        int[] p = position(event.getEntity());
                        if (p != null
                                && event.getTrigger().getClickCount() == 1
                                && event.getTrigger().isStillSincePress()) {
                            vm.drill(f, p[0], p[1]);
                        }
                    }

                    @Override
                    public void chartMouseMoved(ChartMouseEventFX event) {
                        ChartEntity e = event.getEntity();
                        int[] p = position(e);
                        if (p == null) {
                            tip.setText("Double-click to open large");
                            return;
                        }
                        String value = e.getToolTipText() == null ? "" : e.getToolTipText() + "\n";
                        tip.setText(
                                value
                                        + vm.drillFor(f, p[0], p[1])
                                                .map(DrillDown::describe)
                                                .orElse("Double-click to open large"));
                    }
                });
    }
}
