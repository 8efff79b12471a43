package org.heirloom.ui.generations;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Pagination;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.heirloom.project.GenerationBrowser;
import org.heirloom.project.GenerationRow;

/**
 * Generations side by side: a filter bar (arm, replicate, metric and its range, search), the
 * prompts where the arms differ most on the metric, a paged table of the matching samples, and for
 * the chosen prompt every arm's samples and the teacher's candidates in columns, each with its
 * scores.
 */
public final class GenerationsView extends BorderPane {

    private final TableView<GenerationRow> table = new TableView<>();

    public GenerationsView(GenerationsViewModel vm) {
        getStyleClass().add("view");
        setId("generations");
        setTop(filterBar(vm));

        ListView<GenerationBrowser.PromptSpread> prompts = new ListView<>(vm.prompts());
        prompts.setId("generation-prompts");
        prompts.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(
                                    GenerationBrowser.PromptSpread p, boolean empty) {
                                super.updateItem(p, empty);
                                if (empty || p == null) {
                                    setText(null);
                                    setTooltip(null);
                                } else {
                                    setText(
                                            (Double.isNaN(p.spread())
                                                            ? "—"
                                                            : String.format(
                                                                    Locale.ROOT,
                                                                    "Δ %.3g",
                                                                    p.spread()))
                                                    + "  "
                                                    + p.prompt());
                                    setTooltip(
                                            new Tooltip(
                                                    p.prompt()
                                                            + "\nArm means of "
                                                            + vm.metric().get()
                                                            + " differ by "
                                                            + p.spread()
                                                            + " ("
                                                            + p.arms()
                                                            + " arms). Click: the arms side by side."));
                                }
                            }
                        });
        prompts.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null) {
                                vm.prompt().set(now.itemKey());
                            }
                        });
        Label promptsTitle = new Label("Prompts, where the arms differ most first");
        promptsTitle.getStyleClass().add("hint");
        promptsTitle.setWrapText(true);
        VBox left = new VBox(4, promptsTitle, prompts);
        VBox.setVgrow(prompts, Priority.ALWAYS);
        left.setMinWidth(180);

        table.setId("generation-rows");
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        vm.metrics().addListener((ListChangeListener<String>) c -> columns(vm));
        columns(vm);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null) {
                                vm.prompt().set(now.itemKey());
                            }
                        });
        Pagination pager = new Pagination(1, 0);
        pager.setId("generation-pages");
        pager.setMaxPageIndicatorCount(7);
        pager.setPageFactory(i -> new Region());
        pager.setMinHeight(46);
        pager.setPrefHeight(46);
        vm.total().addListener((obs, old, now) -> pager.setPageCount(vm.pages()));
        pager.currentPageIndexProperty()
                .addListener((obs, old, now) -> vm.page().set(now.intValue()));
        vm.page().addListener((obs, old, now) -> pager.setCurrentPageIndex(now.intValue()));
        VBox middle = new VBox(table, pager);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane upper = new SplitPane(left, middle);
        upper.setDividerPositions(0.26);
        SplitPane.setResizableWithParent(left, false);

        HBox columns = new HBox(10);
        columns.setId("side-by-side");
        columns.setPadding(new Insets(8));
        vm.sideBySide()
                .addListener(
                        (ListChangeListener<GenerationsViewModel.Column>)
                                c -> fill(columns, vm.sideBySide(), vm));
        Label promptLabel = new Label();
        promptLabel.setId("side-by-side-prompt");
        promptLabel.getStyleClass().add("section-title");
        promptLabel.setWrapText(true);
        promptLabel.setPadding(new Insets(6, 8, 0, 8));
        promptLabel
                .textProperty()
                .bind(
                        javafx.beans.binding.Bindings.createStringBinding(
                                () ->
                                        vm.promptText().get().isEmpty()
                                                ? ""
                                                : "Prompt "
                                                        + vm.prompt().get()
                                                        + ": "
                                                        + vm.promptText().get(),
                                vm.promptText(),
                                vm.prompt()));
        ScrollPane lower = new ScrollPane(new VBox(promptLabel, columns));
        lower.setFitToHeight(false);
        Label empty =
                new Label(
                        "Pick a prompt (left) or a row to read every arm's answers side by side.");
        empty.getStyleClass().add("hint");
        columns.getChildren().add(empty);

        SplitPane split = new SplitPane(upper, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);

        Label status = new Label();
        status.setId("generations-status");
        status.textProperty().bind(vm.status());
        status.getStyleClass().add("hint");
        status.setPadding(new Insets(4, 12, 4, 12));
        setBottom(status);
    }

    private HBox filterBar(GenerationsViewModel vm) {
        ComboBox<String> arm = new ComboBox<>(vm.arms());
        arm.setId("generation-arm");
        arm.valueProperty().bindBidirectional(vm.arm());
        arm.setCellFactory(l -> armCell(vm));
        arm.setButtonCell(armCell(vm));
        ComboBox<String> rep =
                new ComboBox<>(
                        FXCollections.observableArrayList("all", "r0", "r1", "r2", "r3", "r4"));
        rep.setId("generation-replicate");
        rep.setValue("all");
        rep.valueProperty()
                .addListener(
                        (obs, old, now) ->
                                vm.replicate()
                                        .set(
                                                now == null || now.equals("all")
                                                        ? -1
                                                        : Integer.parseInt(now.substring(1))));
        vm.replicate()
                .addListener(
                        (obs, old, now) -> rep.setValue(now.intValue() < 0 ? "all" : "r" + now));
        rep.setTooltip(new Tooltip("A replicate of the chosen arm (NAME-r0, NAME-r1, …)"));
        ComboBox<String> metric = new ComboBox<>(vm.metrics());
        metric.setId("generation-metric");
        metric.valueProperty().bindBidirectional(vm.metric());
        metric.setTooltip(new Tooltip("Rows are sorted by this metric; the range filters on it"));
        CheckBox desc = new CheckBox("largest first");
        desc.selectedProperty().bindBidirectional(vm.descending());
        TextField min = field("min", vm.min(), 70);
        min.setId("generation-min");
        TextField max = field("max", vm.max(), 70);
        max.setId("generation-max");
        TextField search = field("search", vm.search(), 140);
        search.setId("generation-search");
        HBox.setHgrow(search, Priority.ALWAYS);
        Button apply = new Button("Apply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.refresh());
        for (var c : List.of(arm, rep, metric)) {
            c.valueProperty().addListener((obs, old, now) -> vm.refresh());
        }
        desc.selectedProperty().addListener((obs, old, now) -> vm.refresh());
        Button copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copies the rows on this page (tab-separated)"));
        copy.setOnAction(
                e -> {
                    ClipboardContent cc = new ClipboardContent();
                    cc.putString(vm.copyText());
                    Clipboard.getSystemClipboard().setContent(cc);
                });
        Button export = new Button("Export…");
        export.setTooltip(new Tooltip("Every matching row, as CSV or JSONL"));
        export.setOnAction(
                e -> {
                    FileChooser fc = new FileChooser();
                    fc.setTitle("Export generations");
                    fc.getExtensionFilters()
                            .addAll(
                                    new FileChooser.ExtensionFilter("CSV", "*.csv"),
                                    new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"));
                    File f = fc.showSaveDialog(getScene().getWindow());
                    if (f != null) {
                        vm.export(f.toPath());
                    }
                });
        HBox bar =
                new HBox(
                        6,
                        new Label("Arm"),
                        arm,
                        rep,
                        new Label("Metric"),
                        metric,
                        desc,
                        min,
                        new Label("–"),
                        max,
                        search,
                        apply,
                        copy,
                        export);
        bar.getChildren()
                .forEach(
                        n -> {
                            if (n instanceof Region r && n != search) {
                                r.setMinWidth(Region.USE_PREF_SIZE);
                            }
                        });
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private static ListCell<String> armCell(GenerationsViewModel vm) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s);
                setTooltip(empty || s == null ? null : new Tooltip(vm.armTitle(s)));
            }
        };
    }

    private static TextField field(
            String prompt, javafx.beans.property.StringProperty p, double w) {
        TextField t = new TextField();
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        t.setPrefWidth(w);
        return t;
    }

    private void columns(GenerationsViewModel vm) {
        table.getColumns().clear();
        table.getColumns().add(col("arm", r -> r.arm(), 90));
        table.getColumns().add(col("r", r -> "r" + r.replicate(), 36));
        table.getColumns().add(col("prompt", GenerationRow::prompt, 200));
        table.getColumns().add(col("#", r -> Integer.toString(r.sample()), 32));
        for (String m : vm.metrics()) {
            table.getColumns().add(col(m, r -> fmt(r.metric(m)), 70));
        }
        TableColumn<GenerationRow, String> text = col("text", GenerationRow::text, 420);
        text.setCellFactory(
                c ->
                        new javafx.scene.control.TableCell<>() {
                            @Override
                            protected void updateItem(String s, boolean empty) {
                                super.updateItem(s, empty);
                                setText(empty ? null : s);
                                setTooltip(empty || s == null ? null : new Tooltip(s));
                            }
                        });
        table.getColumns().add(text);
    }

    private static TableColumn<GenerationRow, String> col(
            String name, java.util.function.Function<GenerationRow, String> f, double width) {
        TableColumn<GenerationRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(f.apply(r.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false); // the order is the listing's (metric and direction above)
        return c;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static void fill(
            HBox box, List<GenerationsViewModel.Column> cols, GenerationsViewModel vm) {
        box.getChildren().clear();
        for (GenerationsViewModel.Column c : cols) {
            Label title = new Label(c.title());
            title.getStyleClass().add("section-title");
            VBox col = new VBox(6, title);
            col.getStyleClass().add("generation-column");
            col.setPrefWidth(300);
            col.setMinWidth(240);
            for (GenerationsViewModel.Entry e : c.entries()) {
                Label label = new Label((e.kept() ? "★ " : "") + e.label());
                label.getStyleClass().add("hint");
                Label text = new Label(e.text());
                text.setWrapText(true);
                text.setMaxWidth(290);
                Label scores = new Label(scores(e.metrics()));
                scores.getStyleClass().add("hint");
                VBox card = new VBox(2, label, text, scores);
                card.getStyleClass().add(e.kept() ? "generation-kept" : "generation-card");
                card.setPadding(new Insets(4));
                col.getChildren().add(card);
            }
            box.getChildren().add(col);
        }
    }

    private static String scores(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach(
                (k, v) ->
                        sb.append(sb.isEmpty() ? "" : " · ")
                                .append(k)
                                .append(' ')
                                .append(fmt(v == null ? Double.NaN : v)));
        return sb.toString();
    }
}
