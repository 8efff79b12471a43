package org.heirloom.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.heirloom.settings.UserSettings;
import org.heirloom.ui.jobs.FxJobExecutor;

/** The JavaFX application: one main window on one project. */
public final class HeirloomApp extends Application {

    private static volatile int exitCode;
    private FxJobExecutor executor;
    private MainViewModel viewModel;

    static int exitCode() {
        return exitCode;
    }

    @Override
    public void start(Stage stage) {
        GuiLauncher.Options opts = GuiLauncher.options();
        boolean screenshot = opts != null && opts.screenshot() != null;
        executor = new FxJobExecutor();
        viewModel =
                screenshot
                        ? new MainViewModel(executor, UserSettings.defaults())
                        : new MainViewModel(executor, UserSettings.load(), UserSettings.file());
        MainView view = new MainView(viewModel, stage);
        Scene scene =
                view.createScene(
                        opts == null ? 1280 : opts.width(), opts == null ? 800 : opts.height());
        stage.setScene(scene);
        if (!screenshot) {
            view.restoreLayout();
        }
        stage.show();
        if (opts != null && opts.project() != null) {
            if (screenshot) {
                // Load synchronously so that the picture shows the project, not a spinner.
                viewModel.openProjectNow(opts.project());
                view.showView(opts.view());
                // Give layout and CSS a few pulses (tab headers size themselves lazily).
                javafx.animation.PauseTransition settle =
                        new javafx.animation.PauseTransition(javafx.util.Duration.millis(400));
                settle.setOnFinished(e -> whenIdle(scene, opts.screenshot(), 100));
                settle.play();
            } else {
                viewModel.openProject(opts.project());
                view.showView(opts.view());
            }
        }
    }

    /**
     * Views load their data in jobs: waits (up to {@code tries} × 100 ms) until none runs, then
     * gives their results a few pulses, so that the picture shows the data, not "Loading".
     */
    private void whenIdle(Scene scene, Path out, int tries) {
        javafx.animation.PauseTransition wait =
                new javafx.animation.PauseTransition(javafx.util.Duration.millis(100));
        if (executor.running().isEmpty() || tries <= 0) {
            wait.setDuration(javafx.util.Duration.millis(300));
            wait.setOnFinished(e -> snapshotAndExit(scene, out));
        } else {
            wait.setOnFinished(e -> whenIdle(scene, out, tries - 1));
        }
        wait.play();
    }

    private static void snapshotAndExit(Scene scene, Path out) {
        try {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            WritableImage image = scene.snapshot(null);
            BufferedImage png = SwingFXUtils.fromFXImage(image, null);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(png, "png", out.toFile());
            System.out.println("Wrote " + out);
        } catch (IOException | RuntimeException e) {
            System.err.println("heirloom: cannot write screenshot " + out + ": " + e.getMessage());
            exitCode = 1;
        }
        Platform.exit();
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
