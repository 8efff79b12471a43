package org.heirloom.ui.candidates;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.heirloom.project.CandidateDetail;
import org.heirloom.project.CandidatePage.Row;
import org.heirloom.project.CandidateQuery;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.SelectionRecord;

/**
 * Runs and candidates: a run's candidates in a table paged from SQLite, a filter bar, and the
 * chosen candidate in full. Binds to {@link CandidatesViewModel} only.
 *
 * <p>ControlsFX's {@code TableFilter} is not used: it filters the items the table holds, so it
 * would need all 10^6 rows in memory and offer every distinct value. Here sorting, filtering and
 * search run in SQLite, and the filter bar sets the query.
 */
public final class CandidatesView extends BorderPane {

    /** Rows of candidates the selection keeps. */
    static final PseudoClass KEPT = PseudoClass.getPseudoClass("kept");

    private final CandidatesViewModel vm;
    private final TableView<Row> table;

    public CandidatesView(CandidatesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("view");
        setId("candidates-view");
        table = new TableView<>(vm.rows());
        table.setId("candidate-table");
        table.setPlaceholder(new Label("No candidates"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setRowFactory(t -> new KeptRow());
        // Sorting happens in SQLite: the table only says which column and direction.
        table.setSortPolicy(
                t -> {
                    vm.sortBy(t.getSortOrder().isEmpty() ? null : sortOf(t.getSortOrder().get(0)));
                    return true;
                });
        rebuildColumns();
        vm.metrics().addListener((ListChangeListener<String>) c -> rebuildColumns());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, old, now) -> vm.current().set(now));

        SplitPane split = new SplitPane(table, detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setTop(new VBox(runBar(), filterBar()));
        setCenter(split);
    }

    private HBox runBar() {
        ComboBox<RunRecord> runs = new ComboBox<>(vm.runs());
        runs.setId("candidate-run");
        runs.setConverter(converter(RunRecord::name));
        runs.valueProperty().bindBidirectional(vm.run());
        ComboBox<CandidateChoice<SelectionRecord>> selection =
                choices(vm.selections(), "no selection", s -> s.name() + " (" + s.strategy() + ")");
        selection.setId("candidate-selection");
        sync(selection, vm.selection());
        CheckBox keptOnly = new CheckBox("Kept only");
        keptOnly.setId("candidate-kept-only");
        keptOnly.selectedProperty().bindBidirectional(vm.selectedOnly());
        keptOnly.disableProperty().bind(vm.selection().isNull());
        Label status = new Label();
        status.setId("candidate-status");
        status.textProperty().bind(vm.status());
        status.setMaxWidth(Double.MAX_VALUE);
        // The status line gives way first; labels and choices keep their size.
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        selection.setMaxWidth(260);
        Label runLabel = new Label("Run");
        Label keptLabel = new Label("Highlight kept by");
        for (javafx.scene.layout.Region r : List.of(runLabel, keptLabel, keptOnly, runs)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, runLabel, runs, keptLabel, selection, keptOnly, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 8, 4, 8));
        return bar;
    }

    private HBox filterBar() {
        TextField search = new TextField();
        search.setId("candidate-search");
        search.setPromptText("Search candidate texts (words)");
        search.textProperty().bindBidirectional(vm.search());
        search.setOnAction(e -> vm.applyFilters());
        HBox.setHgrow(search, Priority.ALWAYS);
        ComboBox<CandidateChoice<RunTeacherRecord>> teacher =
                choices(
                        vm.teachers(),
                        "all teachers",
                        t -> org.heirloom.teacher.TeacherLabels.shortLabel(t.spec()));
        teacher.setId("candidate-teacher");
        sync(teacher, vm.teacher());
        ComboBox<CandidateChoice<String>> metric = choices(vm.metrics(), "metric …", m -> m);
        metric.setId("candidate-range-metric");
        sync(metric, vm.rangeMetric());
        TextField min = new TextField();
        min.setPromptText("min");
        min.setPrefColumnCount(5);
        min.textProperty().bindBidirectional(vm.rangeMin());
        min.setOnAction(e -> vm.applyFilters());
        TextField max = new TextField();
        max.setPromptText("max");
        max.setPrefColumnCount(5);
        max.textProperty().bindBidirectional(vm.rangeMax());
        max.setOnAction(e -> vm.applyFilters());
        Button apply = new Button("Apply");
        apply.setId("candidate-apply");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> vm.applyFilters());
        HBox bar = new HBox(8, search, teacher, metric, min, new Label("–"), max, apply);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 8, 8));
        return bar;
    }

    private VBox detailPane() {
        Label head = new Label("Choose a candidate to see it in full.");
        head.setId("candidate-detail-head");
        head.getStyleClass().add("section-title");
        Label prompt = new Label();
        prompt.setWrapText(true);
        prompt.getStyleClass().add("hint");
        TextArea text = new TextArea();
        text.setId("candidate-detail-text");
        text.setEditable(false);
        text.setWrapText(true);
        // A reasoning model's reasoning, kept apart from the answer that was scored.
        Label reasoningHead = new Label("Reasoning (not scored)");
        reasoningHead.getStyleClass().add("hint");
        TextArea reasoning = new TextArea();
        reasoning.setId("candidate-detail-reasoning");
        reasoning.setEditable(false);
        reasoning.setWrapText(true);
        reasoning.setPrefRowCount(6);
        reasoningHead.managedProperty().bind(reasoningHead.visibleProperty());
        reasoning.managedProperty().bind(reasoning.visibleProperty());
        reasoningHead.setVisible(false);
        reasoning.setVisible(false);
        Label scores = new Label();
        scores.setId("candidate-detail-scores");
        scores.setWrapText(true);
        vm.detail()
                .addListener(
                        (obs, old, d) -> {
                            head.setText(
                                    d == null
                                            ? "Choose a candidate to see it in full."
                                            : headline(d));
                            prompt.setText(d == null ? "" : "Prompt: " + d.prompt());
                            text.setText(d == null ? "" : d.text());
                            boolean reasons = d != null && d.reasoning() != null;
                            reasoning.setText(reasons ? d.reasoning() : "");
                            reasoningHead.setVisible(reasons);
                            reasoning.setVisible(reasons);
                            scores.setText(d == null ? "" : scoreLine(d));
                        });
        VBox box = new VBox(6, head, prompt, reasoningHead, reasoning, text, scores);
        VBox.setVgrow(text, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private static String headline(CandidateDetail d) {
        return String.format(
                Locale.ROOT,
                "Prompt %d · %s · candidate %d · %s tokens · %s · seed %d%s",
                d.promptIndex(),
                d.teacher(),
                d.index(),
                d.tokens() < 0 ? "?" : Integer.toString(d.tokens()),
                d.finishReason() == null ? "—" : d.finishReason(),
                d.seed(),
                d.keptBy().isEmpty() ? "" : " · kept by " + String.join(", ", d.keptBy()));
    }

    private static String scoreLine(CandidateDetail d) {
        if (d.scores().isEmpty()) {
            return "No scores.";
        }
        StringBuilder sb = new StringBuilder("Scores: ");
        for (int i = 0; i < d.scores().size(); i++) {
            CandidateDetail.Score s = d.scores().get(i);
            sb.append(i == 0 ? "" : "   ")
                    .append(s.label())
                    .append(" = ")
                    .append(number(s.value()));
        }
        return sb.toString();
    }

    private void rebuildColumns() {
        List<TableColumn<Row, ?>> cols = new java.util.ArrayList<>();
        cols.add(column("#", 44, CandidateQuery.Column.PROMPT, r -> r.promptIndex()));
        cols.add(column("Prompt", 150, CandidateQuery.Column.PROMPT, Row::prompt));
        cols.add(
                column(
                        "Teacher",
                        110,
                        CandidateQuery.Column.TEACHER,
                        r -> org.heirloom.teacher.TeacherLabels.shortLabel(r.teacher())));
        cols.add(column("k", 32, CandidateQuery.Column.INDEX, r -> r.index()));
        TableColumn<Row, Object> text = column("Candidate", 260, null, Row::text);
        text.setSortable(false);
        cols.add(text);
        cols.add(
                column(
                        "Tokens",
                        60,
                        CandidateQuery.Column.TOKENS,
                        r -> r.tokens() < 0 ? null : r.tokens()));
        cols.add(column("Finish", 56, CandidateQuery.Column.FINISH, Row::finishReason));
        for (int i = 0; i < vm.metrics().size(); i++) {
            int m = i;
            TableColumn<Row, Object> c =
                    column(vm.metrics().get(i), 70, null, r -> number(r.score(m)));
            c.setUserData(vm.metrics().get(i));
            c.getStyleClass().add("number-column");
            cols.add(c);
        }
        cols.add(column("Kept", 44, CandidateQuery.Column.SELECTED, r -> r.selected() ? "✓" : ""));
        table.getSortOrder().clear();
        table.getColumns().setAll(cols);
    }

    private static <T> TableColumn<Row, Object> column(
            String title, double width, Object sortKey, Function<Row, T> value) {
        TableColumn<Row, Object> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setUserData(sortKey);
        c.setCellValueFactory(
                f ->
                        new ReadOnlyObjectWrapper<>(
                                f.getValue() == null ? null : value.apply(f.getValue())));
        return c;
    }

    private static CandidateQuery.Sort sortOf(TableColumn<Row, ?> c) {
        boolean desc = c.getSortType() == TableColumn.SortType.DESCENDING;
        if (c.getUserData() instanceof CandidateQuery.Column col) {
            return CandidateQuery.Sort.by(col, desc);
        }
        return CandidateQuery.Sort.byMetric((String) c.getUserData(), desc);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static <T> javafx.util.StringConverter<T> converter(Function<T, String> label) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A combo box of {@code items} plus a first "none" entry, kept in step with the list. */
    private static <T> ComboBox<CandidateChoice<T>> choices(
            ObservableList<T> items, String none, Function<T, String> label) {
        ObservableList<CandidateChoice<T>> list = FXCollections.observableArrayList();
        Runnable fill =
                () -> {
                    list.setAll(new CandidateChoice<T>(none, null));
                    items.forEach(i -> list.add(new CandidateChoice<>(label.apply(i), i)));
                };
        fill.run();
        items.addListener((ListChangeListener<T>) c -> fill.run());
        return new ComboBox<>(list);
    }

    /** Two-way link of a choice box and a view-model property (null = the "none" entry). */
    private static <T> void sync(
            ComboBox<CandidateChoice<T>> box, javafx.beans.property.Property<T> prop) {
        Runnable fromModel =
                () ->
                        box.getItems().stream()
                                .filter(ch -> Objects.equals(ch.value(), prop.getValue()))
                                .findFirst()
                                .ifPresent(box::setValue);
        prop.addListener((obs, old, now) -> fromModel.run());
        box.getItems().addListener((ListChangeListener<CandidateChoice<T>>) c -> fromModel.run());
        box.valueProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null && !Objects.equals(now.value(), prop.getValue())) {
                                prop.setValue(now.value());
                            }
                        });
        fromModel.run();
    }

    /** Marks rows of kept candidates with the {@code :kept} pseudo-class. */
    private static final class KeptRow extends TableRow<Row> {
        KeptRow() {
            getStyleClass().add("candidate-row");
        }

        @Override
        protected void updateItem(Row item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(KEPT, !empty && item != null && item.selected());
        }
    }
}
