package org.heirloom.ui.designer;

import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import org.heirloom.project.Project;
import org.heirloom.ui.main.MainViewModel;

/**
 * The designer's tab in the main window: a designer for whichever project is open, a new one when
 * another project opens; a finished run makes the main window re-read the project.
 */
public final class ExperimentDesignerTab extends Tab {

    private final MainViewModel main;
    private ExperimentDesignerViewModel designer;

    public ExperimentDesignerTab(MainViewModel main) {
        super("Designer");
        this.main = main;
        setId("designer-tab");
        setClosable(false);
        main.project().addListener((obs, old, now) -> follow(now));
        follow(main.project().get());
    }

    private void follow(Project p) {
        if (designer != null) {
            designer.close();
            designer = null;
        }
        if (p == null) {
            Label l = new Label("Open a project to design experiments in it.");
            l.getStyleClass().add("hint");
            setContent(l);
            return;
        }
        designer = ExperimentDesignerViewModel.forFx(main.viewExecutor(), p);
        designer.setOnRunFinished(main::refresh);
        setContent(new ExperimentDesignerView(designer));
        designer.loadProjectLists();
    }

    /** Opens a recipe stored in the project. */
    public void openRecipe(String name) {
        if (designer != null) {
            designer.openFromProject(name);
        }
    }

    /** The designer of the open project, or null. */
    ExperimentDesignerViewModel viewModel() {
        return designer;
    }
}
