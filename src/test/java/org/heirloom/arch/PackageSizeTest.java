package org.heirloom.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package tree stays a picture of the pipeline: no flat folder of dozens of files (issue 15). A
 * folder that grows past the limit is split by feature, not given a higher limit.
 */
class PackageSizeTest {

    /** About fifteen: the engine's {@code model} package sits at the limit. */
    static final int MAX_FILES = 16;

    @Test
    void noFolderHoldsMoreThanAboutFifteenClasses() throws IOException {
        Path root = Path.of("src/main/java/org/heirloom");
        List<String> crowded = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    long n = files.filter(f -> f.toString().endsWith(".java")).count();
                    if (n > MAX_FILES) {
                        crowded.add(root.relativize(d) + " (" + n + " files)");
                    }
                }
            }
        }
        assertEquals(List.of(), crowded, "folders over " + MAX_FILES + " classes");
    }

    /** A class over about 600 lines says why in its Javadoc ("… lines …"), or is split. */
    @Test
    void longClassesSayWhy() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> unexplained = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.size() <= 600) {
                    continue;
                }
                String text = String.join("\n", lines);
                int decl = text.indexOf("\npublic final class ");
                decl = decl < 0 ? text.indexOf("\nfinal class ") : decl;
                int doc = decl < 0 ? -1 : text.lastIndexOf("/**", decl);
                if (doc < 0 || !text.substring(doc, decl).matches("(?s).*\\blines?\\b.*")) {
                    unexplained.add(root.relativize(f) + " (" + lines.size() + " lines)");
                }
            }
        }
        assertEquals(List.of(), unexplained, "long classes without a stated reason");
    }
}
