package org.heirloom.ui.dashboard;

import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.heirloom.report.ChartRenderer;
import org.heirloom.report.Dashboard;
import org.heirloom.report.Figure;
import org.heirloom.report.FigurePreset;
import org.heirloom.report.NamedTable;
import org.heirloom.report.Table;
import org.heirloom.ui.common.MetricHelpButton;
import org.jfree.chart.fx.ChartViewer;

/**
 * Teacher / baseline / steered side by side: per suite, bars of means, % change, distributions,
 * reliability and bias tables; then pool vs selected, judge verdicts and loss curves — each with a
 * "?" for what the metric means.
 */
public final class ComparisonDashboardView extends BorderPane {

    private final VBox content = new VBox(18);

    /** Chart cards, resized together as the window's width changes (ui/dashboard/PanelFlow). */
    private final List<ChartViewer> viewers = new java.util.ArrayList<>();

    public ComparisonDashboardView(ComparisonDashboardViewModel vm) {
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
        // The status gives way (ellipsis) before the controls do.
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label presetLabel = new Label("Preset");
        for (Region r : List.of(presetLabel, preset, export, refresh)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, status, presetLabel, preset, export, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        setTop(bar);
        content.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.viewportBoundsProperty().addListener((obs, old, b) -> resize(b.getWidth()));
        setCenter(scroll);
        vm.panels()
                .addListener((ListChangeListener<Dashboard.Panel>) c -> rebuild(vm, vm.panels()));
        rebuild(vm, vm.panels());
    }

    private void resize(double viewport) {
        org.heirloom.ui.dashboard.PanelFlow flow =
                org.heirloom.ui.dashboard.PanelFlow.fit(viewport - 24, 12);
        for (ChartViewer v : viewers) {
            v.setPrefSize(flow.cardWidth(), flow.cardHeight());
        }
    }

    private void rebuild(ComparisonDashboardViewModel vm, List<Dashboard.Panel> panels) {
        content.getChildren().clear();
        viewers.clear();
        for (Dashboard.Panel p : panels) {
            StringBuilder heading = new StringBuilder(p.title());
            if (!p.arms().isEmpty()) {
                heading.append("   ·   arms: ")
                        .append(
                                String.join(
                                        ", ", p.arms().stream().map(vm::armWithStrategy).toList()))
                        .append("   (baseline: ")
                        .append(p.arms().get(0))
                        .append(")");
            }
            Label title = new Label(heading.toString());
            title.getStyleClass().add("section-title");
            FlowPane charts = new FlowPane(12, 12);
            for (Figure f : p.figures()) {
                VBox card = card(vm, f);
                viewers.add((ChartViewer) card.getChildren().get(1));
                charts.getChildren().add(card);
            }
            content.getChildren().addAll(title, charts);
            for (NamedTable t : p.tables()) {
                Label caption = new Label(t.table().caption());
                caption.getStyleClass().add("hint");
                caption.setWrapText(true);
                content.getChildren().addAll(caption, table(t.table()));
            }
            if (!p.warnings().isEmpty()) {
                content.getChildren().add(warnings(p.warnings()));
            }
        }
        if (getCenter() instanceof ScrollPane sp && sp.getViewportBounds().getWidth() > 0) {
            resize(sp.getViewportBounds().getWidth());
        }
    }

    /** A chart with its description and, where it shows one metric, the "?" for its help. */
    private static VBox card(ComparisonDashboardViewModel vm, Figure f) {
        ChartViewer viewer = new ChartViewer(ChartRenderer.render(f.spec(), 11f));
        viewer.setPrefSize(380, 290);
        Label name = new Label(f.name());
        name.getStyleClass().add("chart-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, name, spacer);
        header.setAlignment(Pos.CENTER_LEFT);
        vm.help(f).ifPresent(info -> header.getChildren().add(new MetricHelpButton(info)));
        Tooltip.install(
                name, new Tooltip(f.description() + "\nDouble-click the chart to open it large."));
        org.heirloom.ui.dashboard.ChartClicks.install(viewer, f, vm);
        VBox box = new VBox(2, header, viewer);
        // Double-click opens the chart large, with zoom and pan.
        box.addEventFilter(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                e -> {
                    if (e.getClickCount() == 2
                            && e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                        org.heirloom.ui.dashboard.LargeChartWindow.open(
                                box.getScene().getWindow(), f);
                        e.consume();
                    }
                });
        box.getStyleClass().add("chart-card");
        return box;
    }

    private static TableView<List<String>> table(Table data) {
        TableView<List<String>> t = new TableView<>(FXCollections.observableArrayList(data.rows()));
        List<String> header = data.header();
        for (int i = 0; i < header.size(); i++) {
            final int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(header.get(i));
            c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(col)));
            t.getColumns().add(c);
        }
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(34 + 26 * Math.min(10, data.rows().size()));
        return t;
    }

    private static Label warnings(List<String> warnings) {
        Label l = new Label(String.join("\n", warnings));
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }
}
