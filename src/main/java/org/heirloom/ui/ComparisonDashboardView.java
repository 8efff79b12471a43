package org.heirloom.ui;

import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.heirloom.report.ChartRenderer;
import org.heirloom.report.ComparisonFigures;
import org.heirloom.report.FigurePreset;
import org.jfree.chart.fx.ChartViewer;

/** Teacher / baseline / steered side by side: a chart per attribute and a table per suite. */
final class ComparisonDashboardView extends BorderPane {

    private final VBox content = new VBox(18);

    ComparisonDashboardView(ComparisonDashboardViewModel vm) {
        getStyleClass().add("view");
        setId("dashboard");
        Label status = new Label();
        status.textProperty().bind(vm.status());
        status.getStyleClass().add("hint");
        ComboBox<String> preset =
                new ComboBox<>(FXCollections.observableArrayList("single", "double"));
        preset.getSelectionModel().select("single");
        Button export = new Button("Export figures…");
        export.setOnAction(
                e -> {
                    DirectoryChooser dc = new DirectoryChooser();
                    dc.setTitle("Export figures and tables");
                    File dir = dc.showDialog(getScene().getWindow());
                    if (dir != null) {
                        vm.export(dir.toPath(), FigurePreset.named(preset.getValue()));
                    }
                });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, spacer, new Label("Preset"), preset, export, refresh);
        bar.setPadding(new Insets(8, 12, 8, 12));
        setTop(bar);
        content.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.sections()
                .addListener(
                        (ListChangeListener<ComparisonDashboardViewModel.Section>)
                                c -> rebuild(vm.sections()));
        rebuild(vm.sections());
    }

    private void rebuild(List<ComparisonDashboardViewModel.Section> sections) {
        content.getChildren().clear();
        for (ComparisonDashboardViewModel.Section s : sections) {
            Label title =
                    new Label(
                            "Suite: "
                                    + s.suite()
                                    + "   ·   arms: "
                                    + String.join(", ", s.arms())
                                    + "   (baseline: "
                                    + s.arms().get(0)
                                    + ")");
            title.getStyleClass().add("section-title");
            FlowPane charts = new FlowPane(12, 12);
            for (ComparisonFigures.Figure f : s.figures()) {
                ChartViewer viewer = new ChartViewer(ChartRenderer.render(f.spec(), 11f));
                viewer.setPrefSize(360, 280);
                charts.getChildren().add(viewer);
            }
            content.getChildren().addAll(title, charts, table(s), warnings(s));
        }
    }

    private static TableView<List<String>> table(ComparisonDashboardViewModel.Section s) {
        TableView<List<String>> t =
                new TableView<>(FXCollections.observableArrayList(s.table().rows()));
        List<String> header = s.table().header();
        for (int i = 0; i < header.size(); i++) {
            final int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(header.get(i));
            c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(col)));
            t.getColumns().add(c);
        }
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(34 + 26 * Math.min(10, s.table().rows().size()));
        return t;
    }

    private static Label warnings(ComparisonDashboardViewModel.Section s) {
        Label l = new Label(String.join("\n", s.warnings()));
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }
}
