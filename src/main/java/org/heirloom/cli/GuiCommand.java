package org.heirloom.cli;

import java.nio.file.Path;
import org.heirloom.sample.SampleProjects;
import org.heirloom.ui.GuiLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heirloom gui}: the workbench window; with {@code --screenshot}, a PNG of it. */
@Command(
        name = "gui",
        mixinStandardHelpOptions = true,
        description = "Open the workbench (default: on the sample project).")
final class GuiCommand implements Runnable {

    @Option(
            names = "--project",
            paramLabel = "FILE",
            description = "Project to open (default: the sample project).")
    Path project;

    @Option(
            names = "--view",
            paramLabel = "NAME",
            description =
                    "View to show first (overview, dashboard, designer, prompts, candidates, model, model:NAME).")
    String view;

    @Option(
            names = "--screenshot",
            paramLabel = "OUT.png",
            description = "Render the window to a PNG and exit (works headless).")
    Path screenshot;

    @Option(
            names = "--width",
            description = "Window width for --screenshot (default: ${DEFAULT-VALUE}).")
    int width = 1280;

    @Option(
            names = "--height",
            description = "Window height for --screenshot (default: ${DEFAULT-VALUE}).")
    int height = 800;

    @Override
    public void run() {
        Path file = project != null ? project : SampleProjects.workingCopy();
        GuiLauncher.launch(new GuiLauncher.Options(file, view, screenshot, width, height));
    }
}
