package org.heirloom.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Shows an {@link ErrorReport}: the one-line cause up front, the trace under "details". */
public final class ErrorDialog {

    private ErrorDialog() {}

    public static void show(Window owner, ErrorReport report) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Heirloom");
        alert.setHeaderText(report.title());
        alert.setContentText(report.message());
        TextArea details = new TextArea(report.details());
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(16);
        alert.getDialogPane().setExpandableContent(details);
        alert.show();
    }
}
