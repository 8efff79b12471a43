package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.model.Fixtures;
import org.heirloom.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole data-generation loop through the CLI with a real local model: import prompts → k
 * candidates from local:DIR → scores from the metric registry → best-of-k → dataset.
 */
class LocalPipelineTest {

    @TempDir Path dir;

    @Test
    void localTeacherRunScoredSelectedAndExported() throws Exception {
        Path model = Fixtures.model("stories260k");
        Path project = dir.resolve("p.heirloom");
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "Once upon a time\nLily had a red ball\nThe cat was happy\n");
        assertEquals(0, CliTest.run("new", project.toString()).code());
        CliTest.Result imp =
                CliTest.run(
                        "import-prompts", project.toString(), prompts.toString(), "--name", "p");
        assertEquals(0, imp.code(), imp.err());
        String[] gen = {
            "generate-candidates",
            project.toString(),
            "--prompts",
            "p",
            "--teacher",
            "local:" + model,
            "--k",
            "3",
            "--max-new-tokens",
            "24",
            "--temperature",
            "1.0",
            "--seed",
            "5",
            "--name",
            "r"
        };
        CliTest.Result g = CliTest.run(gen);
        assertEquals(0, g.code(), g.err());
        CliTest.Result s =
                CliTest.run("score", project.toString(), "--run", "r", "--metrics", "words,mtld");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("words: 9 scores computed"), s.out());
        CliTest.Result sel =
                CliTest.run(
                        "select",
                        project.toString(),
                        "--run",
                        "r",
                        "--strategy",
                        "max:words",
                        "--name",
                        "long");
        assertEquals(0, sel.code(), sel.err());
        Path data = dir.resolve("long.jsonl");
        CliTest.Result ex =
                CliTest.run(
                        "export-dataset",
                        project.toString(),
                        "--selection",
                        "long",
                        "--format",
                        "jsonl",
                        "--out",
                        data.toString());
        assertEquals(0, ex.code(), ex.err());
        List<String> lines = Files.readAllLines(data);
        assertEquals(3, lines.size());
        // Each exported completion is the longest of its prompt's three candidates.
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            for (String line : lines) {
                JsonNode row = new ObjectMapper().readTree(line);
                double chosen =
                        words(p, row.get("prompt").asText(), row.get("completion").asText());
                double max =
                        p.read(
                                c -> {
                                    try (var ps =
                                            c.prepareStatement(
                                                    "SELECT max(s.value) FROM score s JOIN metric m ON m.id = s.metric_id JOIN candidate c ON c.id = s.candidate_id"
                                                            + " JOIN prompt q ON q.id = c.prompt_id WHERE m.name = 'words' AND q.text = ?")) {
                                        ps.setString(1, row.get("prompt").asText());
                                        try (var rs = ps.executeQuery()) {
                                            rs.next();
                                            return rs.getDouble(1);
                                        }
                                    }
                                });
                assertEquals(max, chosen, 1e-9);
            }
        }
        // A student trained straight from the stored selection.
        CliTest.Result t =
                CliTest.run(
                        "train",
                        project.toString(),
                        "--base",
                        model.toString(),
                        "--selection",
                        "long",
                        "--name",
                        "student",
                        "--max-steps",
                        "2",
                        "--batch",
                        "2",
                        "--replicates",
                        "1",
                        "--heldout",
                        "0");
        assertEquals(0, t.code(), t.err());
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            var m = new org.heirloom.project.model.ModelRepository(p).find("student").orElseThrow();
            assertEquals("trained", m.kind());
            assertTrue(
                    p.read(
                                    c -> {
                                        try (var ps =
                                                        c.prepareStatement(
                                                                "SELECT data_source FROM training WHERE name = 'student'");
                                                var rs = ps.executeQuery()) {
                                            rs.next();
                                            return rs.getString(1);
                                        }
                                    })
                            .equals("selection:long"));
        }
        // Re-running the same generation resumes: nothing new, nothing duplicated.
        CliTest.Result again = CliTest.run(gen);
        assertEquals(0, again.code(), again.err());
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            assertEquals(9, p.info().candidates());
        }
    }

    private static double words(Project p, String prompt, String text) {
        return p.read(
                c -> {
                    try (var ps =
                            c.prepareStatement(
                                    "SELECT s.value FROM score s JOIN metric m ON m.id = s.metric_id JOIN candidate c ON c.id = s.candidate_id"
                                            + " JOIN prompt q ON q.id = c.prompt_id WHERE m.name = 'words' AND q.text = ? AND c.text = ?")) {
                        ps.setString(1, prompt);
                        ps.setString(2, text);
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getDouble(1);
                        }
                    }
                });
    }
}
