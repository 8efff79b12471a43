package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.project.schema.Schema;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

public class CliTest {

    @TempDir Path dir;

    /** Runs the CLI in-process and captures stdout, stderr and the exit code. */
    public record Result(int code, String out, String err) {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HeirloomCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelpListEveryCommand() {
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("Heirloom "), v.out());
        Result h = run("--help");
        assertEquals(0, h.code());
        for (String name : HeirloomCommand.commandLine().getSubcommands().keySet()) {
            assertTrue(h.out().contains("  " + name), "help lists " + name + ":\n" + h.out());
        }
    }

    @Test
    void newThenInfoAsJson() throws Exception {
        Path f = dir.resolve("p.heirloom");
        Result created = run("new", f.toString());
        assertEquals(0, created.code(), created.err());
        assertTrue(Files.exists(f));
        Result info = run("info", "--json", f.toString());
        assertEquals(0, info.code(), info.err());
        JsonNode json = new ObjectMapper().readTree(info.out());
        assertEquals("p", json.get("name").asText());
        assertEquals(Schema.latestVersion(), json.get("schemaVersion").asInt());
        for (String key : new String[] {"promptSets", "runs", "models", "recipes"}) {
            assertEquals(0, json.get(key).asInt(), key);
        }
        Result again = run("new", f.toString());
        assertEquals(1, again.code());
        assertEquals(
                "heirloom: " + f + ": already exists; choose another file name\n", again.err());
    }

    @Test
    void infoOnGarbageFailsWithOneLineAndLeavesFile() throws Exception {
        Path f = dir.resolve("garbage.heirloom");
        Files.write(f, new byte[] {1, 2, 3, 4, 5});
        String before = TestFiles.sha256(f);
        Result r = run("info", f.toString());
        assertEquals(1, r.code());
        assertEquals(
                "heirloom: " + f + ": not a Heirloom project (not an SQLite database file)\n",
                r.err());
        assertEquals(before, TestFiles.sha256(f));
    }

    @Test
    void exportForSharingWritesAnOpenableCopy() {
        Path f = dir.resolve("src.heirloom");
        assertEquals(0, run("new", f.toString()).code());
        Path out = dir.resolve("shared.heirloom");
        Result r = run("export-for-sharing", f.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0, run("info", out.toString()).code());
    }
}
