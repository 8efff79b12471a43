package org.heirloom.teacher.imported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportedCandidatesTest {

    @TempDir Path dir;

    private Path write(String content) throws IOException {
        Path f = dir.resolve("c.jsonl");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void wideToolkitFormat() throws Exception {
        Path f =
                write(
                        "{\"prompt\": \" P1 \", \"completion_1\": \"b\", \"completion_0\": \"a\", \"id\": 3}\n"
                                + "{\"prompt\": \"P2\", \"completion_0\": \"c\", \"completion_1\": \"d\"}\n");
        ImportedCandidates c = ImportedCandidates.read(f);
        assertEquals(List.of("P1", "P2"), c.prompts());
        assertEquals(List.of("a", "b"), c.candidates("P1"));
        Teacher t =
                TeacherRegistry.create(
                        "import:c.jsonl", TeacherEnvironment.system().withBaseDir(dir));
        List<Completion> got =
                t.generate(
                        new GenerationRequest(
                                "P2", SamplingParams.greedy(8), List.of(1), List.of(99L)),
                        JobContext.none());
        assertEquals(1, got.size());
        assertEquals("d", got.get(0).text());
        assertEquals(99L, got.get(0).seed());
        assertTrue(t.provenance().contains("\"sha256\""));
        IllegalArgumentException tooMany =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                t.generate(
                                        new GenerationRequest(
                                                "P2",
                                                SamplingParams.greedy(8),
                                                List.of(2),
                                                List.of(1L)),
                                        JobContext.none()));
        assertTrue(
                tooMany.getMessage()
                        .contains("has 2 candidates, but the run asks for candidate 2"));
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                t.generate(
                                        new GenerationRequest(
                                                "P3",
                                                SamplingParams.greedy(8),
                                                List.of(0),
                                                List.of(1L)),
                                        JobContext.none()));
        assertTrue(unknown.getMessage().contains("no candidates for prompt 'P3'"));
    }

    @Test
    void longFormat() throws Exception {
        Path f =
                write(
                        "{\"prompt\": \"P\", \"candidate\": 1, \"text\": \"second\"}\n"
                                + "{\"prompt\": \"P\", \"candidate\": 0, \"text\": \"first\"}\n");
        assertEquals(List.of("first", "second"), ImportedCandidates.read(f).candidates("P"));
    }

    @Test
    void errorsNameTheLine() throws Exception {
        assertError("{\"prompt\": \"P\", \"completion_0\": \"a\"}\n{oops\n", ":2: invalid JSON");
        assertError(
                "{\"prompt\": \"P\", \"candidate\": 0, \"text\": \"a\"}\n{\"prompt\": \"P\", \"candidate\": 0, \"text\": \"b\"}\n",
                ":2: candidate 0 of this prompt appears twice");
        assertError(
                "{\"prompt\": \"P\", \"completion_0\": \"a\"}\n{\"prompt\": \"Q\", \"candidate\": 0, \"text\": \"b\"}\n",
                ":2: mixes the wide");
        assertError(
                "{\"prompt\": \"P\", \"completion_0\": 5}\n",
                ":1: field 'completion_0' must be a string");
        assertError("{\"text\": \"x\", \"candidate\": 0}\n", ":1: field 'prompt' is missing");
        assertError("{\"prompt\": \"P\"}\n", ":1: no completion_N fields");
        assertError(
                "{\"prompt\": \"P\", \"completion_0\": \"a\", \"completion_2\": \"c\"}\n",
                ": prompt 'P' has candidates [0, 2]");
        assertError(
                "{\"prompt\": \"P\", \"candidate\": -1, \"text\": \"a\"}\n",
                ":1: field 'candidate' must be an integer >= 0");
    }

    private void assertError(String content, String fragment) throws IOException {
        Path f = write(content);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImportedCandidates.read(f));
        assertTrue(e.getMessage().startsWith(f + fragment), e.getMessage());
    }
}
