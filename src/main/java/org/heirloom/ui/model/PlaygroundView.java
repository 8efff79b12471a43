package org.heirloom.ui.model;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The playground: binds to {@link PlaygroundViewModel} only. */
public final class PlaygroundView extends BorderPane {

    public PlaygroundView(PlaygroundViewModel vm) {
        setId("playground");
        setPadding(new Insets(8, 12, 12, 12));

        ComboBox<PlaygroundViewModel.TemplateChoice> template = new ComboBox<>(vm.templates());
        template.setId("playground-template");
        template.valueProperty().bindBidirectional(vm.template());
        template.setMaxWidth(Double.MAX_VALUE);
        template.setTooltip(
                new Tooltip(
                        "How the prompt becomes model input: the template the model was trained"
                                + " with, its chat template, the toolkit's Q&A, or the text as is"));
        TextArea system = new TextArea();
        system.setId("playground-system");
        system.setPromptText("System prompt (chat template only)");
        system.setWrapText(true);
        system.setPrefRowCount(3);
        system.textProperty().bindBidirectional(vm.systemPrompt());
        // Only a chat template has a place for a system prompt.
        system.disableProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () -> vm.template().get() == null || !vm.template().get().chat(),
                                vm.template()));

        Spinner<Double> temperature = new Spinner<>(0.0, 2.0, vm.temperature().get(), 0.1);
        temperature.setId("playground-temperature");
        bindDouble(temperature, vm.temperature());
        temperature.setTooltip(new Tooltip("0 = greedy (argmax)"));
        Spinner<Double> topP = new Spinner<>(0.05, 1.0, vm.topP().get(), 0.05);
        topP.setId("playground-top-p");
        bindDouble(topP, vm.topP());
        Spinner<Integer> maxNew = new Spinner<>(1, 8192, vm.maxNewTokens().get(), 16);
        maxNew.setId("playground-max-new");
        maxNew.setEditable(true);
        maxNew.valueProperty().addListener((o, a, b) -> vm.maxNewTokens().set(b));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seed().get(), 1);
        seed.setId("playground-seed");
        seed.setEditable(true);
        seed.valueProperty().addListener((o, a, b) -> vm.seed().set(b));
        for (Spinner<?> s : new Spinner<?>[] {temperature, topP, maxNew, seed}) {
            s.setMaxWidth(Double.MAX_VALUE);
        }

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(6);
        ColumnConstraints k = new ColumnConstraints();
        k.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints v = new ColumnConstraints();
        v.setHgrow(Priority.ALWAYS);
        settings.getColumnConstraints().addAll(k, v);
        settings.addRow(0, new Label("Template"), template);
        settings.addRow(1, new Label("Temperature"), temperature);
        settings.addRow(2, new Label("Top-p"), topP);
        settings.addRow(3, new Label("Max new tokens"), maxNew);
        settings.addRow(4, new Label("Seed"), seed);
        VBox left = new VBox(8, bold("Settings"), settings, new Label("System prompt"), system);
        left.setPrefWidth(300);
        left.setMinWidth(260);
        VBox.setVgrow(system, Priority.ALWAYS);

        TextArea prompt = new TextArea();
        prompt.setId("playground-prompt");
        prompt.setPromptText("Prompt");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(5);
        prompt.textProperty().bindBidirectional(vm.prompt());
        Button run = new Button("Run");
        run.setId("playground-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.ready().not().or(vm.running()));
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("playground-cancel");
        cancel.disableProperty().bind(vm.running().not());
        cancel.setOnAction(e -> vm.cancel());
        Label status = new Label();
        status.setId("playground-status");
        status.textProperty().bind(vm.status());
        // Live while it runs: tokens so far and tokens per second; then how it ended.
        status.setMinWidth(0);
        HBox actions = new HBox(10, run, cancel, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        TextArea output = new TextArea();
        output.setId("playground-output");
        output.setEditable(false);
        output.setWrapText(true);
        output.setPromptText("The model's answer streams here");
        output.textProperty().bind(vm.output());
        // Follow the text as it streams in.
        output.textProperty().addListener((o, a, b) -> output.setScrollTop(Double.MAX_VALUE));
        VBox.setVgrow(output, Priority.ALWAYS);
        VBox right = new VBox(8, bold("Prompt"), prompt, actions, bold("Output"), output);
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox columns = new HBox(16, left, right);
        setCenter(columns);
    }

    private static void bindDouble(Spinner<Double> s, javafx.beans.property.DoubleProperty p) {
        s.setEditable(true);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        if (s.getValueFactory() instanceof SpinnerValueFactory.DoubleSpinnerValueFactory f) {
            f.setConverter(
                    new javafx.util.StringConverter<>() {
                        @Override
                        public String toString(Double d) {
                            return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
                        }

                        @Override
                        public Double fromString(String text) {
                            try {
                                return Double.parseDouble(text.trim());
                            } catch (NumberFormatException e) {
                                return f.getValue();
                            }
                        }
                    });
        }
    }

    private static Node bold(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }
}
