package org.heirloom.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.cli.CliTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSampleModelsCommandTest {

    @Test
    void badOptionsFailWithOneLineAndWriteNothing(@TempDir Path dir) {
        CliTest.Result r =
                CliTest.run("build-sample-models", "--out", dir.toString(), "--threads", "0");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--threads must be >= 1, got 0"), r.err());
        CliTest.Result only =
                CliTest.run("build-sample-models", "--out", dir.toString(), "--only", "both");
        assertEquals(2, only.code());
        assertTrue(only.err().contains("--only"), only.err());
        assertTrue(Files.notExists(dir.resolve("teacher")));
    }
}
