package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.heirloom.Launcher;
import org.heirloom.sample.SampleProjects;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heirloom gui --screenshot} in a child JVM without a display: a real, non-blank PNG. */
class ScreenshotCommandTest {

    @TempDir Path dir;

    @Test
    void rendersTheMainWindowToPng() throws Exception {
        Path sample = SampleProjects.bundled();
        String before = TestFiles.sha256(sample);
        Path png = dir.resolve("window.png");
        ProcessBuilder pb =
                new ProcessBuilder(
                                TestFiles.javaExecutable(),
                                "-Dheirloom.data=" + dir.resolve("data"),
                                "-cp",
                                TestFiles.classPath(),
                                Launcher.class.getName(),
                                "gui",
                                "--project",
                                sample.toString(),
                                "--view",
                                "prompts",
                                "--screenshot",
                                png.toString(),
                                "--width",
                                "1000",
                                "--height",
                                "640")
                        .redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(640, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(
                colours.size() > 20,
                "a real window has text and widgets, not one flat colour: " + colours.size());
        assertEquals(before, TestFiles.sha256(sample), "screenshots never modify the project");
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    void withoutADisplayTheWindowCommandSaysWhatToDo() throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(
                                TestFiles.javaExecutable(),
                                "-Dheirloom.data=" + dir.resolve("data"),
                                "-cp",
                                TestFiles.classPath(),
                                Launcher.class.getName(),
                                "gui",
                                "--project",
                                SampleProjects.bundled().toString())
                        .redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("heirloom: no display to open the workbench on"), output);
    }
}
