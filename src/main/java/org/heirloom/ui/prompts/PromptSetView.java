package org.heirloom.ui.prompts;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.heirloom.project.StoredPrompt;

/** A table of prompts with a search field; binds to {@link PromptSetViewModel} only. */
public final class PromptSetView extends BorderPane {

    public PromptSetView(PromptSetViewModel vm) {
        getStyleClass().add("view");
        TextField search = new TextField();
        search.setPromptText("Search prompts");
        search.textProperty().bindBidirectional(vm.filter());
        Label summary = new Label();
        summary.textProperty().bind(vm.summary());
        HBox bar = new HBox(12, search, summary);
        HBox.setHgrow(search, Priority.ALWAYS);
        bar.setPadding(new Insets(8));

        TableView<StoredPrompt> table = new TableView<>(vm.prompts());
        TableColumn<StoredPrompt, Number> idx = new TableColumn<>("#");
        idx.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().index()));
        idx.setPrefWidth(50);
        TableColumn<StoredPrompt, String> split = new TableColumn<>("Split");
        split.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().split()));
        split.setPrefWidth(70);
        TableColumn<StoredPrompt, String> text = new TableColumn<>("Prompt");
        text.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(PromptSetViewModel.preview(c.getValue().text())));
        text.prefWidthProperty().bind(table.widthProperty().subtract(140));
        table.getColumns().add(idx);
        table.getColumns().add(split);
        table.getColumns().add(text);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No prompts"));

        setTop(bar);
        setCenter(table);
    }
}
