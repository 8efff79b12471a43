package org.heirloom.ui.main;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.heirloom.ui.jobs.FxJob;
import org.heirloom.ui.jobs.FxJobExecutor;

/** Status line on the left; one row per running job (title, bar, progress + ETA, cancel). */
final class JobStatusBar extends HBox {

    private final HBox jobs = new HBox(16);

    JobStatusBar(MainViewModel vm, FxJobExecutor executor) {
        super(12);
        getStyleClass().add("status-bar");
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("status-message");
        status.textProperty().bind(vm.status());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        jobs.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(status, spacer, jobs);
        if (executor != null) {
            executor.running().addListener((ListChangeListener<FxJob<?>>) c -> rebuild(executor));
        }
    }

    private void rebuild(FxJobExecutor executor) {
        jobs.getChildren().clear();
        for (FxJob<?> job : executor.running()) {
            Label title = new Label(job.title());
            ProgressBar bar = new ProgressBar();
            bar.setPrefWidth(140);
            bar.progressProperty().bind(job.task().progressProperty());
            Label detail = new Label();
            detail.textProperty().bind(job.task().messageProperty());
            Button cancel = new Button("✕");
            cancel.getStyleClass().add("cancel-job");
            cancel.setOnAction(e -> job.cancel());
            cancel.setAccessibleText("Cancel " + job.title());
            jobs.getChildren().add(new HBox(6, title, bar, detail, cancel));
        }
    }
}
