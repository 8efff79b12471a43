package org.heirloom.ui.main;

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
                // Views load in background jobs (and those start more, e.g. table pages): wait
                // until none has run for a few pulses, then give layout and CSS a moment (tab
                // headers size themselves lazily).
                int[] quiet = {0};
                long deadline = System.nanoTime() + 30_000_000_000L;
                javafx.animation.Timeline poll = new javafx.animation.Timeline();
                poll.getKeyFrames()
                        .add(
                                new javafx.animation.KeyFrame(
                                        javafx.util.Duration.millis(150),
                                        e -> {
                                            quiet[0] =
                                                    executor.running().isEmpty() ? quiet[0] + 1 : 0;
                                            if (quiet[0] >= 3 || System.nanoTime() > deadline) {
                                                poll.stop();
                                                snapshotAndExit(scene, opts.screenshot());
                                            }
                                        }));
                poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
                poll.play();
            } else {
                viewModel.openProject(opts.project());
                view.showView(opts.view());
            }
        }
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
