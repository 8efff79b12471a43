package org.heirloom.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.sample.SampleProjects;
import org.heirloom.ui.main.GuiLauncher;
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
                    "View to show first (overview, dashboard, designer, prompts, candidates, model, model:NAME,"
                            + " playground:NAME, generations, generations:COMPARISON).")
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

    /** Names {@code --view} accepts (MainView.showView), besides {@code model:NAME}. */
    static final List<String> VIEWS =
            List.of(
                    "overview",
                    "dashboard",
                    "designer",
                    "prompts",
                    "candidates",
                    "model",
                    "generations");

    /** Largest window side: beyond this the software renderer's buffer alone is gigabytes. */
    static final int MAX_SIDE = 16_384;

    @Override
    public void run() {
        // Checked before JavaFX starts: a failure inside the toolkit thread can leave it hanging.
        if (view != null
                && !VIEWS.contains(view)
                && !view.startsWith("model:")
                && !view.startsWith("playground:")
                && !view.startsWith("generations:")) {
            throw new UserInputException(
                    "--view: unknown view '"
                            + view
                            + "' (one of "
                            + String.join(", ", VIEWS)
                            + ", model:NAME, playground:NAME, generations:COMPARISON)");
        }
        checkSide("--width", width);
        checkSide("--height", height);
        if (project != null && !Files.isRegularFile(project)) {
            throw new UserInputException(
                    project + (Files.isDirectory(project) ? ": is a directory" : ": no such file"));
        }
        if (screenshot != null) {
            if (Files.isDirectory(screenshot)) {
                throw new UserInputException(screenshot + ": is a directory; name a PNG file");
            }
            Path parent = screenshot.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserInputException(screenshot + ": folder " + parent + " does not exist");
            }
        }
        Path file = project != null ? project : SampleProjects.workingCopy();
        if (view != null && (view.startsWith("model:") || view.startsWith("playground:"))) {
            // Checked here too: a missing model would otherwise fail inside the toolkit's start.
            String name = view.substring(view.indexOf(':') + 1);
            try (org.heirloom.project.Project p =
                    org.heirloom.project.Project.open(
                            file, org.heirloom.project.Project.Mode.READ_ONLY)) {
                if (new org.heirloom.project.model.ModelRepository(p).find(name).isEmpty()) {
                    throw new UserInputException(
                            "--view " + view + ": no model named '" + name + "' in " + file);
                }
            }
        }
        if (view != null && view.startsWith("generations:")) {
            String name = view.substring("generations:".length());
            try (org.heirloom.project.Project p =
                    org.heirloom.project.Project.open(
                            file, org.heirloom.project.Project.Mode.READ_ONLY)) {
                if (org.heirloom.profile.GenerationArms.comparisons(p).stream()
                        .noneMatch(c -> c.name().equals(name) || c.suite().equals(name))) {
                    throw new UserInputException(
                            "--view "
                                    + view
                                    + ": no comparison or suite '"
                                    + name
                                    + "' with"
                                    + " generations in "
                                    + file);
                }
            }
        }
        GuiLauncher.launch(new GuiLauncher.Options(file, view, screenshot, width, height));
    }

    private static void checkSide(String option, int value) {
        if (value < 1 || value > MAX_SIDE) {
            throw new UserInputException(
                    option + ": " + value + " is out of range (1 to " + MAX_SIDE + " pixels)");
        }
    }
}
