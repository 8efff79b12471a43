package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heirloom.cli.CliTest.Result;
import org.heirloom.project.Project;
import org.heirloom.project.run.RunRecord;
import org.heirloom.share.ImportFixtures;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFromCliTest {

    @TempDir Path dir;

    @Test
    void importsANamedRunOnceAndLeavesTheSourceUnchanged() throws Exception {
        try (Project b = ImportFixtures.create(dir, "b")) {
            long set = ImportFixtures.promptSet(b, "s", 2);
            RunRecord r = ImportFixtures.run(b, "r1", set, 3, 2);
            ImportFixtures.scoreSelectTrain(b, r, set);
            ImportFixtures.profile(b, "r1-student", 3);
        }
        Path source = dir.resolve("b.heirloom");
        Path target = dir.resolve("a.heirloom");
        assertEquals(0, CliTest.run("new", target.toString()).code());
        String before = TestFiles.sha256(source);

        Result none = CliTest.run("import-from", target.toString(), source.toString());
        assertEquals(1, none.code());
        assertTrue(
                none.err().contains("holds runs: r1; profiles: #1 r1-student · text"), none.err());

        Result bad =
                CliTest.run("import-from", target.toString(), source.toString(), "--run", "r2");
        assertEquals(1, bad.code());
        assertEquals("heirloom: no run named r2 in " + source + " (runs: r1)\n", bad.err());

        Result first =
                CliTest.run("import-from", target.toString(), source.toString(), "--run", "r1");
        assertEquals(0, first.code(), first.err());
        assertTrue(
                first.out()
                        .startsWith(
                                "Added: 1 prompt sets, 2 prompts, 2 models, 1 runs, 4 candidates, 1 metrics,"
                                        + " 4 scores, 1 selections, 2 selected rows, 1 model files, 1 trainings,"
                                        + " 2 training log rows\n"),
                first.out());

        Result again = CliTest.run("import-from", target.toString(), source.toString(), "--all");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("Added: 1 profiles, 3 profile items\n"), again.out());
        Result third = CliTest.run("import-from", target.toString(), source.toString(), "--all");
        assertTrue(third.out().startsWith("Added nothing"), third.out());
        assertEquals(before, TestFiles.sha256(source), "the source is never written");
    }
}
