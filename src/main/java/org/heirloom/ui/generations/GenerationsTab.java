package org.heirloom.ui.generations;

import javafx.scene.control.Tab;
import org.heirloom.job.JobExecutor;
import org.heirloom.project.Project;

/** The generations view in a tab of the main window; closing the tab drops its listing. */
public final class GenerationsTab {

    private GenerationsTab() {}

    /**
     * @param comparison the comparison or suite (blank or null: the first)
     * @param drill a chart's drill-down to apply, or null
     */
    public static Tab create(
            JobExecutor executor, Project project, String comparison, DrillDown drill) {
        GenerationsViewModel vm =
                new GenerationsViewModel(
                        executor,
                        project,
                        comparison == null || comparison.isBlank() ? null : comparison);
        if (drill != null) {
            vm.apply(drill);
        }
        String title =
                "Generations"
                        + (comparison == null || comparison.isBlank() ? "" : ": " + comparison)
                        + (drill != null && drill.arm() != null ? " · " + drill.arm() : "");
        Tab tab = new Tab(title, new GenerationsView(vm));
        tab.setOnClosed(e -> vm.close());
        return tab;
    }
}
