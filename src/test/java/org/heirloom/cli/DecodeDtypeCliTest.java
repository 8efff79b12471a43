package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.model.Fixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code generate --decode-dtype}: f16 reproduces the reference ids, approximately its log-probs.
 */
class DecodeDtypeCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void float16GreedyMatchesTheReferenceIdsWithCloseLogprobs() throws Exception {
        Path models = Fixtures.models();
        // stories260k "Once upon a time" (the first stories260k case): 40 of 40 ids in f16.
        JsonNode c = null;
        for (String line : Files.readAllLines(models.resolve("EXPECTED.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.get("model").asText().equals("stories260k")) {
                c = n;
                break;
            }
        }
        Path dir = models.resolve("stories260k");
        String[] base = {
            "generate",
            "--model",
            dir.toString(),
            "--prompt",
            c.get("prompt").asText(),
            "--max-new-tokens",
            c.get("max_new_tokens").asText(),
            "--temperature",
            "0",
            "--json"
        };
        JsonNode f32 = GenerateCommandExpectedTest.runCli(base);
        JsonNode f32Named =
                GenerateCommandExpectedTest.runCli(append(base, "--decode-dtype", "F32"));
        assertEquals(f32, f32Named, "f32 is the default");
        JsonNode f16 = GenerateCommandExpectedTest.runCli(append(base, "--decode-dtype", "f16"));
        JsonNode a = f32.get("completions").get(0);
        JsonNode b = f16.get("completions").get(0);
        assertArrayEquals(
                GenerateCommandExpectedTest.longs(a.get("ids")),
                GenerateCommandExpectedTest.longs(b.get("ids")),
                "f16 greedy ids");
        double maxDelta = 0;
        for (int i = 0; i < a.get("logprobs").size(); i++) {
            maxDelta =
                    Math.max(
                            maxDelta,
                            Math.abs(
                                    a.get("logprobs").get(i).asDouble()
                                            - b.get("logprobs").get(i).asDouble()));
        }
        assertTrue(maxDelta < 0.05, "f16 log-probs within 0.05 of f32, got " + maxDelta);
        assertTrue(maxDelta > 0, "f16 gave exactly f32's log-probs: the option did nothing");
    }

    @Test
    void anUnknownDecodeDtypeIsOneLineAndExitOne() {
        Path dir = Fixtures.model("tiny-llama");
        CommandLine cl = HeirloomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc =
                cl.execute(
                        "generate",
                        "--model",
                        dir.toString(),
                        "--prompt",
                        "Hi",
                        "--decode-dtype",
                        "bf16");
        assertEquals(1, rc);
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("--decode-dtype") && e.contains("bf16"), e);
        assertFalse(e.contains("Exception"), e);
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
