package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The run commands chained as a user would type them. */
class RunsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = HeirloomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void importGenerateScoreSelectExport() throws Exception {
        Path project = dir.resolve("p.heirloom");
        Path prompts = dir.resolve("prompts.csv");
        Files.writeString(prompts, "prompt\n\"Say hi, please\"\nCount to three\nCount to three\n");
        Path cands = dir.resolve("cands.jsonl");
        Files.writeString(
                cands,
                "{\"prompt\": \"Say hi, please\", \"completion_0\": \"hi\", \"completion_1\": \"hello there friend\"}\n"
                        + "{\"prompt\": \"Count to three\", \"completion_0\": \"one two three\", \"completion_1\": \"1 2 3 done\"}\n");
        assertEquals(0, run("new", project.toString()).code());
        Result imp = run("import-prompts", project.toString(), prompts.toString(), "--name", "ps");
        assertEquals(0, imp.code(), imp.err());
        assertTrue(
                imp.out().contains("Imported 2 prompts into 'ps' (3 read, 1 duplicates dropped"),
                imp.out());

        String[] gen = {
            "generate-candidates",
            project.toString(),
            "--prompts",
            "ps",
            "--teacher",
            "import:" + cands,
            "--k",
            "2",
            "--name",
            "r",
            "--seed",
            "5"
        };
        Result g = run(gen);
        assertEquals(0, g.code(), g.err());
        assertTrue(
                g.out().contains("Run 'r': 4 candidates (0 already stored, 4 generated now)"),
                g.out());
        assertTrue(g.err().contains("4/4 (100%)"), "progress on stderr: " + g.err());
        Result again = run(gen);
        assertTrue(again.out().contains("(4 already stored, 0 generated now)"), again.out());
        Result changed =
                run(gen[0], gen[1], gen[2], gen[3], gen[4], gen[5], "--k", "1", "--name", "r");
        assertEquals(1, changed.code());
        assertTrue(
                changed.err()
                        .startsWith("heirloom: run 'r' already exists with different parameters"),
                changed.err());

        Result s = run("score", project.toString(), "--run", "r", "--metrics", "words");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("words: 4 scores computed"), s.out());

        Result sel =
                run(
                        "select",
                        project.toString(),
                        "--run",
                        "r",
                        "--strategy",
                        "max:words",
                        "--name",
                        "long");
        assertEquals(0, sel.code(), sel.err());
        assertTrue(sel.out().contains("Selection 'long': 2 of 2 prompts kept"), sel.out());
        Result reselect =
                run(
                        "select",
                        project.toString(),
                        "--run",
                        "r",
                        "--strategy",
                        "max:words",
                        "--name",
                        "long");
        assertEquals(
                0, reselect.code(), "re-running a finished select is a no-op: " + reselect.err());
        assertTrue(
                reselect.out().contains("already exists with this run and strategy"),
                reselect.out());
        assertTrue(reselect.out().contains("(2 prompts kept)"), reselect.out());
        try (org.heirloom.project.Project p =
                org.heirloom.project.Project.open(
                        project, org.heirloom.project.Project.Mode.READ_ONLY)) {
            assertEquals(
                    1,
                    new org.heirloom.project.run.SelectionRepository(p).list().size(),
                    "nothing added");
        }
        Result other =
                run(
                        "select",
                        project.toString(),
                        "--run",
                        "r",
                        "--strategy",
                        "min:words",
                        "--name",
                        "long");
        assertEquals(1, other.code(), "another strategy under a taken name is still refused");
        assertTrue(other.err().contains("already exists"), other.err());

        Result bad =
                run(
                        "select",
                        project.toString(),
                        "--run",
                        "r",
                        "--strategy",
                        "max:words *",
                        "--name",
                        "x");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("expression ends too early at column 8"), bad.err());

        Path ds = dir.resolve("out/long.jsonl");
        Result ex =
                run(
                        "export-dataset",
                        project.toString(),
                        "--selection",
                        "long",
                        "--format",
                        "chat",
                        "--out",
                        ds.toString());
        assertEquals(0, ex.code(), ex.err());
        List<String> lines = Files.readAllLines(ds);
        assertEquals(2, lines.size());
        assertEquals(
                "hello there friend",
                JSON.readTree(lines.get(0)).at("/messages/1/content").asText());
        assertEquals("1 2 3 done", JSON.readTree(lines.get(1)).at("/messages/1/content").asText());
        JsonNode man = JSON.readTree(dir.resolve("out/long.manifest.json").toFile());
        // words: 1, 3, 3, 4 -> pool 2.75; kept 3 and 4 -> 3.5.
        assertEquals(2.75, man.at("/attribute_means/words/pool_mean").asDouble(), 1e-9);
        assertEquals(3.5, man.at("/attribute_means/words/selected_mean").asDouble(), 1e-9);

        Path cf = dir.resolve("cands-out.jsonl");
        Result ec =
                run("export-candidates", project.toString(), "--run", "r", "--out", cf.toString());
        assertEquals(0, ec.code(), ec.err());
        JsonNode first = JSON.readTree(Files.readAllLines(cf).get(0));
        assertEquals("hi", first.get("text").asText());
        assertEquals(1, first.at("/scores/words").asInt());
        assertEquals("import:" + cands, first.get("teacher").asText());

        Result missing =
                run(
                        "import-prompts",
                        project.toString(),
                        dir.resolve("nope.jsonl").toString(),
                        "--name",
                        "n");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
    }
}
