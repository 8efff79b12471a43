package org.heirloom.ui.main;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.heirloom.project.ProjectInfo;

/** The project's name, file and what it holds, as cards. */
final class ProjectOverviewView extends VBox {

    ProjectOverviewView(ReadOnlyObjectProperty<ProjectInfo> info) {
        super(12);
        getStyleClass().add("view");
        setPadding(new Insets(24));
        Label name = new Label();
        name.getStyleClass().add("project-name");
        name.setId("project-name");
        name.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> info.get() == null ? "No project open" : info.get().name(),
                                info));
        Label file = new Label();
        file.getStyleClass().add("project-file");
        file.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        info.get() == null
                                                ? ""
                                                : info.get().file()
                                                        + "  ·  schema "
                                                        + info.get().schemaVersion(),
                                info));
        FlowPane cards = new FlowPane(12, 12);
        info.addListener((obs, old, now) -> fill(cards, now));
        fill(cards, info.get());
        Label hint =
                new Label(
                        "Select a prompt set, model, run or experiment in the explorer to open it.");
        hint.getStyleClass().add("hint");
        getChildren().addAll(name, file, cards, hint);
    }

    private static void fill(FlowPane cards, ProjectInfo i) {
        cards.getChildren().clear();
        if (i == null) {
            return;
        }
        cards.getChildren()
                .addAll(
                        card("Prompt sets", i.promptSets(), i.prompts() + " prompts"),
                        card("Models", i.models(), "teachers, bases and students"),
                        card("Runs", i.runs(), i.candidates() + " candidates"),
                        card("Experiments", i.experiments(), "recipes"));
    }

    private static VBox card(String title, long value, String detail) {
        Label v = new Label(Long.toString(value));
        v.getStyleClass().add("card-value");
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Label d = new Label(detail);
        d.getStyleClass().add("card-detail");
        VBox box = new VBox(4, t, v, d);
        box.getStyleClass().add("card");
        box.setPadding(new Insets(14));
        box.setPrefWidth(200);
        return box;
    }
}
