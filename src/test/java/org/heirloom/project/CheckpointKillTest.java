package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process writes and checkpoints while this one opens the project again and again; then it
 * is SIGKILLed, possibly mid-checkpoint. No reader sees a false problem, and the file opens intact
 * with every reported commit. (The window in which the main file looks short is narrow, so this
 * end-to-end run rarely lands in it; {@code ReceivedFileTest} builds that exact state and is what
 * fails without the WAL-aware header check.)
 */
class CheckpointKillTest {

    @TempDir Path dir;

    @Test
    void readersDuringCheckpointsAndAKillMidCheckpointSeeAHealthyProject() throws Exception {
        Path f = dir.resolve("ckpt.heirloom");
        Project.create(f, "ckpt").close();
        Process child =
                new ProcessBuilder(
                                TestFiles.javaExecutable(),
                                "-cp",
                                TestFiles.classPath(),
                                CheckpointWriter.class.getName(),
                                f.toString())
                        .redirectErrorStream(true)
                        .start();
        AtomicInteger committed = new AtomicInteger(-1);
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader out =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    child.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    if (line.startsWith("committed ")) {
                                        committed.set(Integer.parseInt(line.substring(10)));
                                    }
                                }
                            } catch (java.io.IOException e) {
                                // the child was killed
                            }
                        });
        reader.start();
        List<String> failures = new ArrayList<>();
        int opens = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end && (committed.get() < 60 || opens < 30)) {
            try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
                p.info();
                opens++;
            } catch (ProjectException e) {
                failures.add(e.getMessage());
            }
        }
        int beforeKill = committed.get();
        child.destroyForcibly(); // SIGKILL, likely inside a checkpoint
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(10_000);
        assertTrue(beforeKill >= 20, "the child committed while readers opened: " + beforeKill);
        assertEquals(List.of(), failures, "no reader saw a false problem (" + opens + " opens)");
        try (Project p = Project.open(f)) {
            long sets = p.info().promptSets();
            assertTrue(sets >= committed.get() + 1, sets + " sets, " + committed.get());
        }
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            assertTrue(p.info().promptSets() >= committed.get() + 1);
        }
    }
}
