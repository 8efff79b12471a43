package org.heirloom.ui.designer;

import java.io.File;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeSchema.Field;
import org.heirloom.recipe.RecipeSchema.Type;
import org.heirloom.ui.designer.RecipeRunModel.StageStatus;

/**
 * The experiment designer: the recipe as a form (left) and as YAML (right), its problems, and the
 * run with one row per stage. Binds only; {@link ExperimentDesignerViewModel} does the work.
 */
final class ExperimentDesignerView extends BorderPane {

    private final ExperimentDesignerViewModel vm;

    ExperimentDesignerView(ExperimentDesignerViewModel vm) {
        this.vm = vm;
        setId("designer");
        getStyleClass().add("view");
        setTop(toolbar());
        SplitPane faces = new SplitPane(form(), text());
        faces.setDividerPositions(0.55);
        setCenter(faces);
        setBottom(runPanel());
    }

    // ---- toolbar: new, open, save

    private Node toolbar() {
        Button fresh = new Button("New");
        fresh.setOnAction(e -> vm.newRecipe());
        MenuButton fromProject = new MenuButton("Open from Project");
        fromProject.setId("designer-open-project");
        Runnable fill =
                () -> {
                    fromProject.getItems().clear();
                    for (String name : vm.storedRecipes()) {
                        MenuItem mi = new MenuItem(name);
                        mi.setMnemonicParsing(false);
                        mi.setOnAction(e -> vm.openFromProject(name));
                        fromProject.getItems().add(mi);
                    }
                    fromProject.setDisable(vm.storedRecipes().isEmpty());
                };
        vm.storedRecipes().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        Button openFile = new Button("Open File…");
        openFile.setOnAction(
                e -> {
                    File f = yamlChooser("Open Recipe").showOpenDialog(getScene().getWindow());
                    if (f != null) {
                        vm.openFile(f.toPath());
                    }
                });
        Button save = new Button("Save to Project");
        save.setId("designer-save-project");
        save.disableProperty().bind(vm.writable().not());
        save.setOnAction(e -> vm.saveToProject());
        Button saveFile = new Button("Save as File…");
        saveFile.setOnAction(
                e -> {
                    File f = yamlChooser("Save Recipe").showSaveDialog(getScene().getWindow());
                    if (f != null) {
                        vm.saveToFile(f.toPath());
                    }
                });
        Label status = new Label();
        status.getStyleClass().add("designer-status");
        status.textProperty().bind(vm.status());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, fresh, fromProject, openFile, save, saveFile, spacer, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        // Where relative paths resolve: stated, so that a "no model directory" problem is legible.
        Label base = new Label();
        base.setId("designer-base");
        base.getStyleClass().add("designer-base");
        base.textProperty().bind(vm.base().map(b -> "Relative paths from " + b));
        base.setTooltip(new javafx.scene.control.Tooltip());
        base.getTooltip().textProperty().bind(base.textProperty());
        VBox top = new VBox(4, bar, base);
        top.setPadding(new Insets(8, 12, 8, 12));
        return top;
    }

    private static FileChooser yamlChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Recipes", "*.yaml", "*.yml"));
        return fc;
    }

    // ---- the form

    private Node form() {
        VBox sections = new VBox(6);
        sections.setPadding(new Insets(6));
        sections.getChildren()
                .addAll(
                        section("Recipe", grid(List.of("name", "description"), 1)),
                        section("Prompts", prompts()),
                        section(
                                "Generation",
                                grid(
                                        List.of(
                                                "run.name",
                                                "run.k",
                                                "run.seed",
                                                "run.split",
                                                "run.sampling.temperature",
                                                "run.sampling.top_p",
                                                "run.sampling.top_k",
                                                "run.sampling.max_new_tokens"),
                                        2)),
                        section("Teachers", rows("teachers", "Add teacher")),
                        section("Scorers", scorers()),
                        section("Selections", rows("selections", "Add selection")),
                        section(
                                "Students",
                                new VBox(
                                        6,
                                        hint("Defaults for every student"),
                                        grid(
                                                List.of(
                                                        "student_defaults.base",
                                                        "student_defaults.replicates",
                                                        "student_defaults.lr",
                                                        "student_defaults.epochs",
                                                        "student_defaults.max_steps",
                                                        "student_defaults.batch",
                                                        "student_defaults.lora.rank"),
                                                2),
                                        rows("students", "Add student"))),
                        section("Profiles", rows("profiles", "Add profile")),
                        section("Comparisons", rows("comparisons", "Add comparison")));
        sections.disableProperty().bind(vm.formEditable().not());
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setId("designer-form");
        return scroll;
    }

    private static TitledPane section(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setId("section-" + title.toLowerCase(java.util.Locale.ROOT));
        return t;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("designer-hint");
        return l;
    }

    private static Field scalar(String path) {
        return org.heirloom.recipe.RecipeSchema.SCALARS.stream()
                .filter(f -> f.key().equals(path))
                .findFirst()
                .orElseThrow();
    }

    private GridPane grid(List<String> paths, int columns) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        for (int c = 0; c < columns; c++) {
            ColumnConstraints label = new ColumnConstraints();
            label.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints value = new ColumnConstraints();
            value.setHgrow(Priority.ALWAYS);
            value.setMinWidth(60);
            g.getColumnConstraints().addAll(label, value);
        }
        for (int i = 0; i < paths.size(); i++) {
            Field f = scalar(paths.get(i));
            TextField t = new TextField();
            bindField(t, f.key());
            g.add(new Label(f.label()), 2 * (i % columns), i / columns);
            g.add(t, 2 * (i % columns) + 1, i / columns);
        }
        return g;
    }

    private void bindField(TextInputControl t, String path) {
        t.setId("field-" + path.replace('.', '-'));
        t.textProperty().bindBidirectional(vm.field(path));
        markError(t, vm.fieldError(path));
    }

    /** Red border and the message as tooltip while the field has a problem. */
    private static void markError(Node n, javafx.beans.value.ObservableStringValue error) {
        Runnable apply =
                () -> {
                    String e = error.get();
                    n.getStyleClass().remove("field-error");
                    if (e != null && !e.isEmpty()) {
                        n.getStyleClass().add("field-error");
                    }
                    if (n instanceof javafx.scene.control.Control c) {
                        c.setTooltip(e == null || e.isEmpty() ? null : new Tooltip(e));
                    }
                };
        error.addListener((obs, old, now) -> apply.run());
        apply.run();
    }

    private Node prompts() {
        ComboBox<String> set = new ComboBox<>(vm.promptSets());
        set.setEditable(true);
        set.setId("field-prompts-set");
        set.setMaxWidth(Double.MAX_VALUE);
        set.getEditor().textProperty().bindBidirectional(vm.field("prompts.set"));
        markError(set, vm.fieldError("prompts.set"));
        TextField file = new TextField();
        bindField(file, "prompts.import");
        file.setPromptText("leave empty to use an existing set");
        Button browse = new Button("Browse…");
        browse.setOnAction(
                e -> {
                    FileChooser fc = new FileChooser();
                    fc.setTitle("Import prompts from");
                    File f = fc.showOpenDialog(getScene().getWindow());
                    if (f != null) {
                        vm.field("prompts.import").set(vm.recipePath(f.toPath()));
                    }
                });
        HBox.setHgrow(file, Priority.ALWAYS);
        GridPane g = grid(List.of("prompts.field", "prompts.limit"), 2);
        GridPane top = new GridPane();
        top.setHgap(8);
        top.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        top.getColumnConstraints().addAll(c0, c1);
        top.addRow(0, new Label("Prompt set"), set);
        top.addRow(1, new Label("Import from file"), new HBox(6, file, browse));
        return new VBox(6, top, g);
    }

    private Node scorers() {
        FlowPane boxes = new FlowPane(10, 6);
        Label help = hint("Point at a metric for its definition.");
        help.setWrapText(true);
        help.setId("scorer-help");
        for (RecipeForm.Scorer s : vm.scorers()) {
            CheckBox cb = new CheckBox(s.name());
            cb.setId("scorer-" + s.name());
            cb.setMnemonicParsing(false);
            cb.selectedProperty().bindBidirectional(s.selected());
            Tooltip tip = new Tooltip(s.help());
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            cb.setTooltip(tip);
            cb.setOnMouseEntered(e -> help.setText(s.name() + ": " + s.summary()));
            cb.focusedProperty()
                    .addListener(
                            (obs, old, now) -> {
                                if (now) {
                                    help.setText(s.name() + ": " + s.summary());
                                }
                            });
            boxes.getChildren().add(cb);
        }
        return new VBox(6, boxes, help);
    }

    /** A list section: one line of fields per entry, its problem under it, and an Add button. */
    private Node rows(String section, String addText) {
        VBox list = new VBox(4);
        ObservableList<FormRow> rows = vm.rows(section);
        Runnable rebuild =
                () -> {
                    list.getChildren().clear();
                    for (int i = 0; i < rows.size(); i++) {
                        list.getChildren().add(row(section, i, rows.get(i)));
                    }
                };
        rows.addListener((ListChangeListener<FormRow>) c -> rebuild.run());
        rebuild.run();
        Button add = new Button(addText);
        add.setId("add-" + section);
        add.setOnAction(e -> vm.addRow(section));
        Label error = new Label();
        error.setId("error-" + section);
        error.getStyleClass().add("problem-text");
        error.textProperty().bind(vm.sectionError(section));
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(6, list, error, add);
    }

    private Node row(String section, int index, FormRow r) {
        HBox line = new HBox(4);
        line.setAlignment(Pos.CENTER_LEFT);
        for (Field f : r.fields()) {
            TextField t = new TextField();
            t.setId(section + "-" + index + "-" + f.key().replace('.', '-'));
            t.setPromptText(f.label());
            t.setTooltip(new Tooltip(f.label()));
            t.textProperty().bindBidirectional(r.value(f.key()));
            boolean wide = f.type() == Type.TEXT || f.type() == Type.LIST || f.type() == Type.ARMS;
            t.setPrefColumnCount(wide ? 10 : 4);
            if (wide) {
                HBox.setHgrow(t, Priority.ALWAYS);
            }
            line.getChildren().add(t);
        }
        Button remove = new Button("✕");
        remove.setAccessibleText("Remove");
        remove.setOnAction(e -> vm.removeRow(section, r));
        line.getChildren().add(remove);
        Label error = new Label();
        error.getStyleClass().add("problem-text");
        error.setWrapText(true);
        error.textProperty().bind(r.error());
        error.visibleProperty().bind(r.error().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        markError(line, r.error());
        return new VBox(2, line, error);
    }

    // ---- the YAML face and problems

    private Node text() {
        TextArea area = new TextArea();
        area.setId("designer-yaml");
        area.getStyleClass().add("yaml-text");
        area.textProperty().bindBidirectional(vm.yaml());
        VBox.setVgrow(area, Priority.ALWAYS);
        ListView<RecipeProblem> problems = new ListView<>(vm.problems());
        problems.setId("designer-problems");
        problems.setPrefHeight(96);
        problems.setCellFactory(
                lv ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(RecipeProblem p, boolean empty) {
                                super.updateItem(p, empty);
                                setText(empty || p == null ? null : p.toString());
                                setWrapText(true);
                                setPrefWidth(0);
                            }
                        });
        Label title = new Label();
        title.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.createStringBinding(
                                () ->
                                        vm.problems().isEmpty()
                                                ? (vm.valid().get() ? "No problems" : "Checking …")
                                                : "Problems (" + vm.problems().size() + ")",
                                vm.problems(),
                                vm.valid()));
        title.setId("designer-problem-title");
        VBox box = new VBox(4, new Label("YAML"), area, title, problems);
        box.setPadding(new Insets(6));
        return box;
    }

    // ---- running

    private Node runPanel() {
        Button run = new Button();
        run.setId("designer-run");
        run.getStyleClass().add("default-action");
        run.textProperty().bind(vm.runLabel());
        run.disableProperty().bind(vm.canRun().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("designer-cancel");
        cancel.disableProperty().bind(vm.running().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(180);
        bar.progressProperty().bind(vm.stageProgress());
        bar.visibleProperty().bind(vm.running());
        Label detail = new Label();
        detail.textProperty().bind(vm.stageDetail());
        detail.visibleProperty().bind(vm.running());
        detail.setMinWidth(0);
        Label state = new Label();
        state.setId("designer-run-state");
        state.textProperty().bind(vm.runState());
        state.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, run, cancel, state, bar, detail);
        controls.setAlignment(Pos.CENTER_LEFT);

        ListView<StageStatus> stages = new ListView<>(vm.stages());
        stages.setId("designer-stages");
        stages.setPrefWidth(300);
        stages.setMinWidth(240);
        stages.setCellFactory(lv -> new StageCell());
        ListView<String> log = new ListView<>(vm.log());
        log.setId("designer-log");
        log.setPlaceholder(new Label("Each finished stage is reported here."));
        ListView<String> results = new ListView<>(vm.results());
        results.setId("designer-results");
        results.setPlaceholder(new Label("Selections made by the run appear here."));
        SplitPane lists = new SplitPane(stages, log, results);
        lists.setOrientation(Orientation.HORIZONTAL);
        lists.setDividerPositions(0.34, 0.72);
        lists.setPrefHeight(192);
        VBox panel = new VBox(6, controls, lists);
        panel.setPadding(new Insets(6, 12, 8, 12));
        panel.getStyleClass().add("designer-run-panel");
        return panel;
    }

    private static final Map<RecipeRunModel.StageState, String> MARKS =
            Map.of(
                    RecipeRunModel.StageState.PENDING, "○",
                    RecipeRunModel.StageState.RUNNING, "▶",
                    RecipeRunModel.StageState.DONE, "✓",
                    RecipeRunModel.StageState.SKIPPED, "–",
                    RecipeRunModel.StageState.FAILED, "✗",
                    RecipeRunModel.StageState.CANCELLED, "■");

    /** A stage: mark, name, state and its latest progress. */
    private static final class StageCell extends ListCell<StageStatus> {
        @Override
        protected void updateItem(StageStatus s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeAll("stage-skipped", "stage-failed", "stage-running");
            if (empty || s == null) {
                setText(null);
                return;
            }
            String state = s.state().name().toLowerCase(java.util.Locale.ROOT);
            setText(
                    MARKS.get(s.state())
                            + " "
                            + s.stage().label()
                            + "  ·  "
                            + state
                            + (s.detail().isEmpty() ? "" : "  ·  " + s.detail()));
            getStyleClass().add("stage-" + state);
        }
    }

    /** For tests: the form field of a YAML path. */
    StringProperty field(String path) {
        return vm.field(path);
    }
}
