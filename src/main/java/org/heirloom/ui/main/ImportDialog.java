package org.heirloom.ui.main;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.heirloom.share.ImportContents;
import org.heirloom.share.ImportRequest;

/** Lists another project's runs and profiles with check boxes; the result is what to import. */
final class ImportDialog extends Dialog<ImportRequest> {

    static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);

    ImportDialog(Window owner, MainViewModel.ImportOffer offer) {
        initOwner(owner);
        setTitle("Import from Project");
        setHeaderText("Import from " + offer.source().getFileName());
        ImportContents contents = offer.contents();
        List<CheckBox> runs = new ArrayList<>();
        List<CheckBox> profiles = new ArrayList<>();
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        box.getChildren()
                .add(
                        section(
                                "Runs (with prompt set, models, candidates, scores, selections, trainings)"));
        for (ImportContents.RunEntry r : contents.runs()) {
            CheckBox cb = new CheckBox(r.describe());
            cb.setUserData(r.name());
            cb.setMnemonicParsing(false);
            runs.add(cb);
            box.getChildren().add(cb);
        }
        if (runs.isEmpty()) {
            box.getChildren().add(hint("no runs"));
        }
        box.getChildren().add(section("Profiles (with their model and items)"));
        for (ImportContents.ProfileEntry p : contents.profiles()) {
            CheckBox cb = new CheckBox(p.describe());
            cb.setUserData(p.id());
            cb.setMnemonicParsing(false);
            profiles.add(cb);
            box.getChildren().add(cb);
        }
        if (profiles.isEmpty()) {
            box.getChildren().add(hint("no profiles"));
        }
        box.getChildren()
                .add(
                        hint(
                                "Importing twice adds nothing; a name used here for something"
                                        + " different gets \" (from "
                                        + offer.source().getFileName()
                                        + ")\" appended."));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(560, 360);
        getDialogPane().setContent(scroll);
        getDialogPane().setId("import-dialog");
        getDialogPane().getButtonTypes().addAll(IMPORT, ButtonType.CANCEL);
        List<CheckBox> all = new ArrayList<>(runs);
        all.addAll(profiles);
        BooleanBinding none =
                Bindings.createBooleanBinding(
                        () -> all.stream().noneMatch(CheckBox::isSelected),
                        all.stream()
                                .map(CheckBox::selectedProperty)
                                .toArray(javafx.beans.Observable[]::new));
        getDialogPane().lookupButton(IMPORT).disableProperty().bind(none);
        setResultConverter(
                button ->
                        button == IMPORT
                                ? ImportRequest.of(
                                        runs.stream()
                                                .filter(CheckBox::isSelected)
                                                .map(cb -> (String) cb.getUserData())
                                                .toList(),
                                        profiles.stream()
                                                .filter(CheckBox::isSelected)
                                                .map(cb -> (Long) cb.getUserData())
                                                .toList())
                                : null);
    }

    private static Node section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Node hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }
}
