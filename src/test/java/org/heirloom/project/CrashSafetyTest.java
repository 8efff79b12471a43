package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.PromptSetSummary;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process without warning; everything it reported committed must be there. */
class CrashSafetyTest {

    @TempDir Path dir;

    @Test
    void committedWorkSurvivesKill() throws Exception {
        Path f = dir.resolve("crash.heirloom");
        Project.create(f, "crash").close();
        Process child =
                new ProcessBuilder(
                                TestFiles.javaExecutable(),
                                "-cp",
                                TestFiles.classPath(),
                                CrashWriter.class.getName(),
                                f.toString())
                        .redirectErrorStream(true)
                        .start();
        int lastCommitted = -1;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastCommitted = Integer.parseInt(line.substring(10));
                    if (lastCommitted >= 40) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL mid-write: no shutdown hooks, no close()
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(lastCommitted >= 40, "child reached 40 commits, got " + lastCommitted);
        try (Project p = Project.open(f)) {
            var sets = new PromptSetRepository(p).list();
            assertTrue(
                    sets.size() >= lastCommitted + 1,
                    "every reported commit is there: " + sets.size());
            for (PromptSetSummary s : sets) {
                assertEquals(5, s.prompts(), "no half-written prompt set: " + s.name());
            }
            // Names are contiguous set-0..set-(n-1): nothing lost in between.
            for (int i = 0; i < sets.size(); i++) {
                final int n = i;
                assertTrue(sets.stream().anyMatch(s -> s.name().equals("set-" + n)), "set-" + n);
            }
        }
    }
}
