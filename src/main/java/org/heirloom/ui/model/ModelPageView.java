package org.heirloom.ui.model;

import java.io.File;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.heirloom.project.model.ModelPage;

/** The model page: binds to {@link ModelPageViewModel} only. */
public final class ModelPageView extends BorderPane {

    private final ModelPageViewModel vm;

    public ModelPageView(ModelPageViewModel vm) {
        this.vm = vm;
        getStyleClass().add("view");
        setId("model-page");

        Label title = new Label(vm.name());
        title.getStyleClass().add("title");
        title.setStyle("-fx-font-size: 1.4em; -fx-font-weight: bold;");
        Button export = new Button("Export as HF Folder…");
        export.setId("model-export");
        export.setTooltip(
                new Tooltip("Write config, tokenizer and weights as a Hugging Face model folder"));
        export.disableProperty().bind(vm.loaded().not());
        export.setOnAction(e -> chooseExport());
        Label status = new Label();
        status.setId("model-status");
        status.textProperty().bind(vm.status());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        play = new ToggleButton("Playground");
        play.setId("model-playground-toggle");
        play.setTooltip(
                new Tooltip("Prompt the model and watch it answer, token by token (local models)"));
        play.disableProperty().bind(vm.loaded().not().or(vm.local().not()));
        HBox bar = new HBox(12, title, spacer, status, play, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));

        VBox left =
                new VBox(
                        10,
                        section("What it is", facts(vm.about(), "model-about")),
                        section("Profiles", new VBox(6, profiles(), profileBar())),
                        section("Files", files()));
        VBox right =
                new VBox(
                        10,
                        section("Where it came from", provenanceNode()),
                        section("Training loss", lossChart()),
                        section("Training settings", settingsNode()),
                        section("Checkpoints", checkpoints()));
        right.visibleProperty().bind(vm.student());
        right.managedProperty().bind(vm.student());
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(0);
        right.setPrefWidth(0);
        left.setMaxWidth(Double.MAX_VALUE);
        right.setMaxWidth(Double.MAX_VALUE);
        HBox columns = new HBox(16, left, right);
        columns.setPadding(new Insets(4, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        setTop(bar);
        setCenter(scroll);
        // The playground replaces the overview while it is shown; its model loads on first use
        // and is freed when the page leaves the window.
        play.selectedProperty()
                .addListener(
                        (o, was, on) -> {
                            if (on && playground == null) {
                                playground = vm.playground(Platform::runLater);
                                playgroundView = new PlaygroundView(playground);
                                playground.open();
                            }
                            setCenter(on ? playgroundView : scroll);
                        });
        sceneProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now == null && playground != null) {
                                playground.close();
                                playground = null;
                                play.setSelected(false);
                            }
                        });
    }

    private final ToggleButton play;
    private PlaygroundViewModel playground;
    private PlaygroundView playgroundView;

    /**
     * Shows the playground once the page knows the model runs here ({@code --view playground:}).
     */
    public void showPlayground() {
        if (!play.isDisabled()) {
            play.setSelected(true);
            return;
        }
        play.disabledProperty()
                .addListener(
                        (o, was, off) -> {
                            if (!off) {
                                play.setSelected(true);
                            }
                        });
    }

    /** "Profile it": a suite, and for the generation suites a prompt set and split. */
    private Node profileBar() {
        ComboBox<String> suite = new ComboBox<>();
        suite.getItems().setAll(ModelPageViewModel.SUITES);
        suite.setValue("text");
        suite.setId("model-profile-suite");
        ComboBox<String> set = new ComboBox<>(vm.promptSets());
        set.setId("model-profile-prompts");
        set.setPromptText("prompt set");
        vm.promptSets()
                .addListener(
                        (ListChangeListener<String>)
                                c -> {
                                    if (set.getValue() == null && !vm.promptSets().isEmpty()) {
                                        set.setValue(vm.promptSets().get(0));
                                    }
                                });
        ComboBox<String> split = new ComboBox<>();
        split.getItems().setAll("eval", "train", "all");
        split.setValue("eval");
        split.setId("model-profile-split");
        boolean[] generation = {true};
        suite.valueProperty()
                .addListener(
                        (o, a, b) -> {
                            generation[0] = b.equals("text") || b.equals("toxicity");
                            set.setDisable(!generation[0]);
                            split.setDisable(!generation[0]);
                        });
        Button go = new Button("Profile it");
        go.setId("model-profile");
        go.setTooltip(
                new Tooltip(
                        "Run the suite on this model in the background (resumable); the profiles"
                                + " above reload when it is done"));
        go.disableProperty().bind(vm.loaded().not().or(vm.profiling()));
        if (!vm.writable()) {
            go.disableProperty().unbind();
            go.setDisable(true);
            suite.setDisable(true);
            set.setDisable(true);
            split.setDisable(true);
        }
        go.setOnAction(
                e -> {
                    boolean gen = generation[0];
                    vm.profile(
                            suite.getValue(),
                            gen ? set.getValue() : null,
                            gen && !"all".equals(split.getValue()) ? split.getValue() : null,
                            0);
                });
        Label with = new Label(vm.writable() ? "Profile with" : "Profile (read-only project)");
        with.setStyle("-fx-opacity: 0.7;");
        // A flow, not a row: in a narrow column the choices wrap instead of being cut.
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(6, 4);
        row.getChildren().addAll(with, suite, set, split, go);
        row.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.control.Control c :
                new javafx.scene.control.Control[] {suite, set, split, go}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        return row;
    }

    private void chooseExport() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export '" + vm.name() + "' into folder");
        File parent = dc.showDialog(getScene().getWindow());
        if (parent != null) {
            vm.exportTo(parent.toPath().resolve(vm.name()));
        }
    }

    private static Node section(String title, Node body) {
        Label l = new Label(title);
        l.setStyle("-fx-font-weight: bold;");
        return new VBox(4, l, body);
    }

    private static Node facts(ObservableList<ModelPageViewModel.Fact> rows, String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(12);
        g.setVgap(3);
        ColumnConstraints k = new ColumnConstraints();
        k.setMinWidth(110);
        ColumnConstraints v = new ColumnConstraints();
        v.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(k, v);
        Runnable fill =
                () -> {
                    g.getChildren().clear();
                    for (int i = 0; i < rows.size(); i++) {
                        Label key = new Label(rows.get(i).label());
                        key.setStyle("-fx-opacity: 0.7;");
                        Label value = new Label(rows.get(i).value());
                        value.setWrapText(true);
                        // Long values (hashes, paths) wrap; the whole value is also on hover.
                        value.setTooltip(new Tooltip(rows.get(i).value()));
                        GridPane.setValignment(key, javafx.geometry.VPos.TOP);
                        GridPane.setValignment(value, javafx.geometry.VPos.TOP);
                        g.addRow(i, key, value);
                    }
                };
        rows.addListener((ListChangeListener<ModelPageViewModel.Fact>) c -> fill.run());
        fill.run();
        return g;
    }

    /** Settings are many and short: they flow as "key value" chips rather than a tall list. */
    private Node settingsNode() {
        javafx.scene.layout.FlowPane flow = new javafx.scene.layout.FlowPane(14, 4);
        flow.setId("model-settings");
        Runnable fill =
                () -> {
                    flow.getChildren().clear();
                    for (ModelPageViewModel.Fact f : vm.settings()) {
                        String v = f.value().replace("\n", "⏎");
                        Label l = new Label(f.label() + " " + v);
                        l.setMaxWidth(360);
                        l.setTooltip(new Tooltip(f.label() + " = " + f.value()));
                        flow.getChildren().add(l);
                    }
                };
        vm.settings().addListener((ListChangeListener<ModelPageViewModel.Fact>) c -> fill.run());
        fill.run();
        return flow;
    }

    private Node provenanceNode() {
        return facts(vm.provenance(), "model-provenance");
    }

    private Node profiles() {
        TableView<ModelPageViewModel.ProfileRow> t = new TableView<>(vm.profiles());
        t.setId("model-profiles");
        TableColumn<ModelPageViewModel.ProfileRow, String> suite = new TableColumn<>("Suite");
        suite.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().suite()));
        suite.setPrefWidth(90);
        // Minimums: the pane starts at width 0, and the constrained policy would keep them there.
        suite.setMinWidth(70);
        suite.setMaxWidth(140);
        TableColumn<ModelPageViewModel.ProfileRow, String> metric = new TableColumn<>("Metric");
        metric.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric()));
        metric.setPrefWidth(110);
        metric.setMinWidth(90);
        metric.setMaxWidth(160);
        TableColumn<ModelPageViewModel.ProfileRow, String> value =
                new TableColumn<>("Mean [95% CI]");
        value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value()));
        t.getColumns().add(suite);
        t.getColumns().add(metric);
        t.getColumns().add(value);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Not profiled yet (heirloom profile, or a recipe's profiles:)"));
        t.setPrefHeight(150);
        return t;
    }

    private Node files() {
        TableView<ModelPage.FileEntry> t = new TableView<>(vm.files());
        t.setId("model-files");
        TableColumn<ModelPage.FileEntry, String> path = new TableColumn<>("File");
        path.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().path()));
        path.setPrefWidth(220);
        TableColumn<ModelPage.FileEntry, Number> bytes = new TableColumn<>("Bytes");
        bytes.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().bytes()));
        bytes.setCellFactory(
                col ->
                        new javafx.scene.control.TableCell<>() {
                            @Override
                            protected void updateItem(Number n, boolean empty) {
                                super.updateItem(n, empty);
                                setText(
                                        empty || n == null
                                                ? null
                                                : String.format("%,d", n.longValue()));
                                setAlignment(Pos.CENTER_RIGHT);
                            }
                        });
        bytes.setPrefWidth(110);
        TableColumn<ModelPage.FileEntry, String> stored = new TableColumn<>("In project");
        stored.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().stored() ? "yes" : ""));
        stored.setPrefWidth(90);
        t.getColumns().add(path);
        t.getColumns().add(bytes);
        t.getColumns().add(stored);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(190);
        return t;
    }

    private Node lossChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("loss");
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("model-loss");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setPrefHeight(240);
        Runnable fill =
                () -> {
                    java.util.Map<String, XYChart.Series<Number, Number>> bySplit =
                            new java.util.LinkedHashMap<>();
                    for (ModelPage.LossPoint p : vm.loss()) {
                        bySplit.computeIfAbsent(
                                        p.split(),
                                        s -> {
                                            XYChart.Series<Number, Number> series =
                                                    new XYChart.Series<>();
                                            series.setName(s);
                                            return series;
                                        })
                                .getData()
                                .add(new XYChart.Data<>(p.step(), p.loss()));
                    }
                    chart.getData().setAll(bySplit.values());
                };
        vm.loss().addListener((ListChangeListener<ModelPage.LossPoint>) c -> fill.run());
        fill.run();
        return chart;
    }

    private Node checkpoints() {
        TableView<ModelPage.Checkpoint> t = new TableView<>(vm.checkpoints());
        t.setId("model-checkpoints");
        TableColumn<ModelPage.Checkpoint, Number> step = new TableColumn<>("Step");
        step.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().step()));
        step.setPrefWidth(70);
        TableColumn<ModelPage.Checkpoint, String> loc = new TableColumn<>("Location");
        loc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().location()));
        t.getColumns().add(step);
        t.getColumns().add(loc);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No checkpoints kept (the finished model is stored)"));
        t.setPrefHeight(110);
        return t;
    }
}
