package org.heirloom.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.cli.HeirloomCommand;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {

    @TempDir Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = HeirloomCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void roundTripKeepsObjectsAndAddsOneFieldPerMetric() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Path outFile = tmp.resolve("sub/out.jsonl");
        String a = "The cat sat on the mat. International communication is extraordinary!";
        Files.writeString(
                in,
                "{\"id\":\"a\",\"text\":\""
                        + a
                        + "\",\"meta\":{\"k\":[1,2]}}\n"
                        + "\n"
                        + "{\"id\":2,\"text\":\"\"}\r\n"
                        + "{\"text\":\"Ünïcödé café naïve\",\"id\":\"u\"}");
        int rc =
                run(
                        "score",
                        "--input",
                        in.toString(),
                        "--output",
                        outFile.toString(),
                        "--metrics",
                        "mtld,words,gunning_fog,mattr(window=3)");
        assertEquals(0, rc, err.toString());
        assertTrue(out.toString().contains("Scored 3 texts with 4 metrics"), out.toString());
        List<String> lines = Files.readAllLines(outFile);
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals(
                List.of("id", "text", "meta", "mtld", "words", "gunning_fog", "mattr(window=3)"),
                iterable(first));
        assertEquals("{\"k\":[1,2]}", first.get("meta").toString());
        MetricRegistry reg = MetricRegistry.standard();
        assertEquals(reg.resolve("mtld").score(a), first.get("mtld").asDouble());
        assertEquals(10, first.get("words").asInt());
        assertEquals(reg.resolve("gunning_fog").score(a), first.get("gunning_fog").asDouble());
        JsonNode empty = json.readTree(lines.get(1));
        assertEquals(0, empty.get("mtld").asInt());
        assertEquals(0, empty.get("words").asInt());
        assertTrue(empty.get("gunning_fog").isNull()); // NaN -> null
        assertTrue(empty.get("mattr(window=3)").isNull());
        JsonNode u = json.readTree(lines.get(2));
        assertEquals("Ünïcödé café naïve", u.get("text").asText());
        assertEquals(3, u.get("words").asInt());
    }

    @Test
    void textFieldOption() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":1,\"body\":\"one two two\"}\n");
        Path o = tmp.resolve("o.jsonl");
        assertEquals(
                0,
                run(
                        "score",
                        "--input",
                        in.toString(),
                        "--output",
                        o.toString(),
                        "--metrics",
                        "unique_words",
                        "--text-field",
                        "body"),
                err.toString());
        assertEquals(
                2, new ObjectMapper().readTree(Files.readString(o)).get("unique_words").asInt());
    }

    @Test
    void invalidJsonNamesTheLineAndLeavesOutputUntouched() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"text\":\"ok\"}\n{\"text\": nope}\n");
        Path o = tmp.resolve("o.jsonl");
        Files.writeString(o, "previous\n");
        assertEquals(
                1,
                run(
                        "score",
                        "--input",
                        in.toString(),
                        "--output",
                        o.toString(),
                        "--metrics",
                        "words"));
        assertTrue(err.toString().contains(in + " line 2: invalid JSON"), err.toString());
        assertEquals("previous\n", Files.readString(o));
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void missingFieldAndWrongTypeNameTheLine() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"id\":3}\n");
        Path o = tmp.resolve("o.jsonl");
        assertEquals(
                1,
                run(
                        "score",
                        "--input",
                        in.toString(),
                        "--output",
                        o.toString(),
                        "--metrics",
                        "words"));
        assertTrue(err.toString().contains("line 3: missing field 'text'"), err.toString());
        assertFalse(Files.exists(o));
        Files.writeString(in, "{\"text\":5}\n");
        run("score", "--input", in.toString(), "--output", o.toString(), "--metrics", "words");
        assertTrue(err.toString().contains("line 1: field 'text' is not a string"), err.toString());
        Files.writeString(in, "[1,2]\n");
        run("score", "--input", in.toString(), "--output", o.toString(), "--metrics", "words");
        assertTrue(err.toString().contains("line 1: not a JSON object"), err.toString());
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"text\":\"fine\"}\n{\"text\":\"bad ".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3); // truncated two-byte sequence
        b.write(0x28);
        b.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(in, b.toByteArray());
        Path o = tmp.resolve("o.jsonl");
        assertEquals(
                1,
                run(
                        "score",
                        "--input",
                        in.toString(),
                        "--output",
                        o.toString(),
                        "--metrics",
                        "words"));
        assertTrue(err.toString().contains("line 2: invalid UTF-8"), err.toString());
        assertFalse(Files.exists(o));
    }

    @Test
    void usageErrors() throws Exception {
        assertEquals(1, run("score", "--metrics", "words"));
        assertTrue(err.toString().contains("--input"), err.toString());
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"text\":\"a\"}\n");
        assertEquals(
                1,
                run(
                        "score",
                        "--input",
                        in.toString(),
                        "--output",
                        tmp.resolve("o").toString(),
                        "--metrics",
                        "words,nonsense"));
        assertTrue(err.toString().contains("unknown metric 'nonsense'"), err.toString());
        assertEquals(
                1,
                run(
                        "score",
                        "--input",
                        tmp.resolve("missing").toString(),
                        "--output",
                        tmp.resolve("o").toString(),
                        "--metrics",
                        "words"));
        assertTrue(
                err.toString().contains(tmp.resolve("missing") + ": no such file"), err.toString());
    }

    @Test
    void metricsCommandListsAndExplains() {
        assertEquals(0, run("metrics"));
        String list = out.toString();
        assertTrue(list.lines().anyMatch(l -> l.startsWith("mtld ")), list);
        assertTrue(list.lines().anyMatch(l -> l.startsWith("toxicity ")), list);
        assertEquals(MetricRegistry.standard().list().size(), list.lines().count());
        assertEquals(0, run("metrics", "--details", "mtld"));
        assertTrue(out.toString().contains("46.79226361031519"));
        assertTrue(out.toString().contains("Caveats:"));
        assertEquals(1, run("metrics", "--details", "nope"));
        assertTrue(err.toString().contains("unknown metric 'nope'"));
    }

    @Test
    void benchScoreRunsQuickly() {
        assertEquals(
                0, run("bench", "score", "--texts", "40", "--seconds", "0.05", "--threads", "2"));
        assertTrue(out.toString().contains("ratio optimised / naive"), out.toString());
    }

    private static List<String> iterable(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
