package org.heirloom.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.stage.Modality;
import org.heirloom.score.MetricInfo;

/**
 * The "?" beside a chart: its summary on hover, the full definition, source and caveats (the metric
 * registry's text, as {@code heirloom metrics --details}) in a window on click.
 */
public final class MetricHelpButton extends Button {

    public MetricHelpButton(MetricInfo info) {
        super("?");
        getStyleClass().add("help-button");
        setId("help-" + info.name());
        setFocusTraversable(false);
        setTooltip(new Tooltip(info.name() + ": " + info.summary()));
        setOnAction(e -> show(info));
    }

    private void show(MetricInfo info) {
        TextArea text = new TextArea(info.details());
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefColumnCount(60);
        text.setPrefRowCount(16);
        Alert a = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        a.initModality(Modality.NONE);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.setTitle("About " + info.name());
        a.setHeaderText(info.summary());
        a.getDialogPane().setContent(text);
        a.show();
    }
}
