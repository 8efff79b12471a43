package org.heirloom.ui.main;

import java.nio.file.Path;
import javafx.application.Application;

/** Starts the JavaFX application; configures the headless platform for screenshots. */
public final class GuiLauncher {

    /**
     * What to show.
     *
     * @param project project file to open
     * @param view first view to show, or null
     * @param screenshot where to write a PNG of the window and exit, or null
     * @param width window width
     * @param height window height
     */
    public record Options(Path project, String view, Path screenshot, int width, int height) {}

    private static volatile Options options;

    private GuiLauncher() {}

    static Options options() {
        return options;
    }

    public static void launch(Options opts) {
        if (opts.screenshot() == null && isHeadless()) {
            throw new IllegalArgumentException(
                    "no display to open the workbench on (DISPLAY is not set); run it on a desktop,"
                            + " under xvfb-run, or render it with 'heirloom gui --screenshot OUT.png'");
        }
        options = opts;
        if (opts.screenshot() != null && isHeadless()) {
            // No display: render with Monocle's headless platform and the software pipeline.
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", opts.width() + "x" + opts.height() + "-32");
        }
        // JavaFX warns that it runs from the class path, which is how we ship it on purpose.
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        Application.launch(HeirloomApp.class);
        if (HeirloomApp.exitCode() != 0) {
            System.exit(HeirloomApp.exitCode());
        }
    }

    static boolean isHeadless() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        return (display == null || display.isBlank()) && (wayland == null || wayland.isBlank());
    }
}
