package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills {@code export-for-sharing} while it writes: OUT never exists half-written. */
class ExportKillTest {

    @TempDir Path dir;

    @Test
    void aKilledExportLeavesNothingAtOutAndTheRerunWorks() throws Exception {
        Path f = dir.resolve("big.heirloom");
        try (Project p = Project.create(f, "big")) {
            p.write(
                    c -> {
                        Sql.update(
                                c,
                                "INSERT INTO model(id, name, kind, created_at) VALUES (1, 'm',"
                                        + " 'trained', 'x')");
                        // Enough pages that the copy takes a while.
                        for (int i = 0; i < 6; i++) {
                            Sql.update(
                                    c,
                                    "INSERT INTO model_file(model_id, path, data) VALUES (1, ?,"
                                            + " randomblob(16000000))",
                                    "part-" + i);
                        }
                        return null;
                    });
        }
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        Path out = outDir.resolve("shared.heirloom");
        Process child =
                new ProcessBuilder(
                                TestFiles.javaExecutable(),
                                "-cp",
                                TestFiles.classPath(),
                                ExportChild.class.getName(),
                                f.toString(),
                                out.toString())
                        .redirectErrorStream(true)
                        .start();
        boolean sawPartial = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(outDir)) {
                if (s.anyMatch(p -> p.getFileName().toString().endsWith(".partial"))) {
                    sawPartial = true;
                    break;
                }
            }
            Thread.sleep(1);
        }
        child.destroyForcibly(); // SIGKILL mid-export
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(sawPartial, "the child was killed while writing its temporary file");
        assertFalse(Files.exists(out), "a killed export leaves nothing at OUT");

        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            p.exportForSharing(out, true);
        }
        try (Project e = Project.open(out, Project.Mode.READ_ONLY)) {
            assertEquals(1, e.info().models());
            assertEquals(
                    6L,
                    (long)
                            e.read(
                                    c ->
                                            Sql.first(
                                                            c,
                                                            "SELECT count(*) FROM model_file",
                                                            rs -> rs.getLong(1))
                                                    .orElseThrow()));
        }
    }
}
