package org.heirloom.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.project.Project;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptImportTest {

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static List<String> texts(List<RawPrompt> ps) {
        return ps.stream().map(RawPrompt::text).toList();
    }

    @Test
    void jsonlPicksThePromptFieldAndReference() throws IOException {
        Path f =
                write(
                        "p.jsonl",
                        "{\"prompt\": \"Say hi\", \"response\": \"hi\"}\n\n"
                                + "{\"prompt\": \"Count\", \"other\": 1}\n");
        List<RawPrompt> ps = PromptFileReader.read(f, PromptFormat.JSONL, null, null);
        assertEquals(List.of("Say hi", "Count"), texts(ps));
        assertEquals("hi", ps.get(0).reference());
        assertNull(ps.get(1).reference());
        assertEquals("line 3", ps.get(1).location());
    }

    @Test
    void jsonlErrorsNameFileLineAndField() throws IOException {
        Path bad = write("bad.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": \n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(bad, PromptFormat.JSONL, null, null));
        assertTrue(e.getMessage().startsWith(bad + ":2: invalid JSON"), e.getMessage());

        Path missing = write("m.jsonl", "{\"prompt\": \"ok\"}\n{\"q\": \"x\"}\n");
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(missing, PromptFormat.JSONL, "prompt", ""));
        assertTrue(e.getMessage().startsWith(missing + ":2: no field 'prompt'"), e.getMessage());

        Path number = write("n.jsonl", "{\"prompt\": 3}\n");
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(number, PromptFormat.JSONL, null, null));
        assertEquals(number + ":1: field 'prompt' is number, not a string", e.getMessage());
    }

    @Test
    void csvFollowsRfc4180() throws IOException {
        Path f =
                write(
                        "p.csv",
                        "id,prompt,note\r\n"
                                + "1,\"Hello, world\",x\r\n"
                                + "2,\"She said \"\"hi\"\"\",y\r\n"
                                + "3,\"two\nlines\",z\r\n"
                                + "4,plain,\n");
        List<RawPrompt> ps = PromptFileReader.read(f, PromptFormat.CSV, null, "");
        assertEquals(List.of("Hello, world", "She said \"hi\"", "two\nlines", "plain"), texts(ps));
        assertEquals("line 6", ps.get(3).location(), "the quoted line break counts as a line");
    }

    @Test
    void csvErrorsNameLineAndField() throws IOException {
        Path open = write("o.csv", "prompt,b\nok,1\n\"never closed,2\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(open, PromptFormat.CSV, null, null));
        assertEquals(open + ":3: field 1: quoted field is never closed", e.getMessage());

        Path ragged = write("r.csv", "prompt,b\nok,1\nno\n");
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(ragged, PromptFormat.CSV, null, null));
        assertEquals(ragged + ":3: 1 fields, but the header has 2", e.getMessage());

        Path col = write("c.csv", "a,b\n1,2\n");
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(col, PromptFormat.CSV, "text", null));
        assertEquals(col + ":1: no column 'text' in the header (columns: a, b)", e.getMessage());
    }

    @Test
    void plainTextIsOnePromptPerNonBlankLine() throws IOException {
        Path f = write("p.txt", "first\n\n  second  \nthird");
        assertEquals(
                List.of("first", "second", "third"),
                texts(PromptFileReader.read(f, PromptFormat.TEXT, null, null)));
    }

    @Test
    void columnJsonAsObjectsOrArrays() throws IOException {
        Path f =
                write(
                        "c.json",
                        "{\"id\": {\"10\": 1, \"11\": 2}, \"inputs\": {\"10\": \"A?\", \"11\": \"B?\"},"
                                + " \"targets\": {\"10\": \"a\", \"11\": \"b\"}}");
        List<RawPrompt> ps = PromptFileReader.read(f, PromptFormat.JSON, null, null);
        assertEquals(List.of("A?", "B?"), texts(ps));
        assertEquals("b", ps.get(1).reference());
        assertEquals("row '11'", ps.get(1).location());

        Path arr = write("a.json", "{\"question\": [\"x\", \"y\"]}");
        assertEquals(
                List.of("x", "y"),
                texts(PromptFileReader.read(arr, PromptFormat.JSON, null, null)));

        Path rows = write("r.json", "[{\"prompt\": \"p1\"}, {\"prompt\": \"p2\"}]");
        assertEquals(
                List.of("p1", "p2"),
                texts(PromptFileReader.read(rows, PromptFormat.JSON, null, null)));

        Path bad = write("b.json", "{\"inputs\": {\"7\": \"ok\", \"8\": 5}}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(bad, PromptFormat.JSON, null, null));
        assertEquals(bad + ": row '8': field 'inputs' is number, not a string", e.getMessage());
    }

    @Test
    void dollyEvalSetImportsAllTwoHundredPrompts() throws IOException {
        String shared = System.getProperty("heirloom.shared");
        Path dolly =
                shared == null ? null : Path.of(shared, "datasets/dolly200/dolly_eval_eng.json");
        Assumptions.assumeTrue(
                dolly != null && Files.isRegularFile(dolly),
                "../shared/datasets/dolly200 is absent; skipping the dolly import test");
        List<RawPrompt> ps = PromptFileReader.read(dolly, PromptFormat.detect(dolly), null, null);
        assertEquals(200, ps.size());
        assertTrue(ps.stream().allMatch(p -> p.reference() != null), "targets become references");
        assertEquals("row '6000'", ps.get(0).location());
    }

    @Test
    void importDeduplicatesLimitsAndSplitsReproducibly() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("{\"prompt\": \"prompt ").append(i % 25).append("\"}\n");
        }
        Path f = write("p.jsonl", sb.toString());
        PromptImportOptions opts =
                new PromptImportOptions(
                        null, null, null, 20, SplitSpec.parse("train=0.75,eval=0.25", 7));
        Map<String, String> first;
        try (Project p = Project.create(dir.resolve("a.heirloom"), "a")) {
            PromptImporter.Result r = new PromptImporter(p).importFile(f, "set", opts);
            assertEquals(30, r.read());
            assertEquals(5, r.duplicates());
            assertEquals(20, r.stored());
            assertEquals(Map.of("train", 15, "eval", 5), r.splits());
            List<StoredPrompt> stored = new PromptSetRepository(p).prompts(r.promptSetId());
            assertEquals("prompt 0", stored.get(0).text());
            assertEquals("prompt 19", stored.get(19).text());
            first = splits(stored);
            assertEquals(15, first.values().stream().filter("train"::equals).count());
            assertThrows(
                    org.heirloom.project.ProjectException.class,
                    () -> new PromptImporter(p).importFile(f, "set", opts),
                    "a set name is used once");
        }
        try (Project p = Project.create(dir.resolve("b.heirloom"), "b")) {
            long id = new PromptImporter(p).importFile(f, "set", opts).promptSetId();
            assertEquals(
                    first,
                    splits(new PromptSetRepository(p).prompts(id)),
                    "same seed, same splits");
        }
    }

    private static Map<String, String> splits(List<StoredPrompt> ps) {
        Map<String, String> out = new HashMap<>();
        ps.forEach(p -> out.put(p.text(), p.split()));
        return out;
    }

    @Test
    void splitSpecRejectsBadInput() {
        assertThrows(
                IllegalArgumentException.class, () -> SplitSpec.parse("train=0.5,eval=0.4", 0));
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("train", 0));
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("train=x", 0));
        assertEquals(List.of("train", "train"), SplitSpec.none().assign(2));
    }
}
