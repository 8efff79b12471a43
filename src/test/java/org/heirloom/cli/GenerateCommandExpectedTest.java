package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every line of ../shared/models/EXPECTED.jsonl (a float64 reference implementation) through the
 * real {@code heirloom generate --json} command.
 */
class GenerateCommandExpectedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> cases() throws Exception {
        Path models = Fixtures.models();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(models.resolve("EXPECTED.jsonl"))) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out.stream();
    }

    static JsonNode runCli(String... args) throws Exception {
        CommandLine cl = HeirloomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        assertEquals(0, rc, "exit code; stderr: " + err);
        return JSON.readTree(out.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyMatchesReference(JsonNode c) throws Exception {
        Path dir = Fixtures.model(c.get("model").asText());
        JsonNode r =
                runCli(
                        "generate",
                        "--model",
                        dir.toString(),
                        "--prompt",
                        c.get("prompt").asText(),
                        "--max-new-tokens",
                        c.get("max_new_tokens").asText(),
                        "--temperature",
                        "0",
                        "--json");
        assertEquals(dir.toString(), r.get("model").asText());
        assertArrayEquals(longs(c.get("prompt_ids")), longs(r.get("prompt_ids")), "prompt_ids");
        assertEquals(1, r.get("completions").size());
        JsonNode comp = r.get("completions").get(0);
        long[] ids = longs(comp.get("ids"));
        long[] expected = longs(c.get("greedy_ids"));
        String finish = comp.get("finish_reason").asText();
        boolean eos = expected.length > 0 && expected[expected.length - 1] == 2;
        // Our ids exclude EOS; the reference lists it last.
        long[] withEos = eos ? java.util.Arrays.copyOf(ids, ids.length + 1) : ids;
        if (eos) {
            withEos[ids.length] = 2;
            assertEquals("eos", finish);
        } else {
            assertEquals("length", finish);
        }
        assertArrayEquals(expected, withEos, "greedy ids");
        JsonNode lp = comp.get("logprobs");
        assertEquals(ids.length, lp.size());
        for (int i = 0; i < ids.length; i++) {
            assertEquals(
                    c.get("logprobs").get(i).asDouble(),
                    lp.get(i).asDouble(),
                    1e-4,
                    "logprob " + i);
        }
        String text = comp.get("text").asText();
        try (LocalModel m = LocalModel.load(dir)) {
            // greedy_text: the reference ids (EOS included) decoded on their own.
            assertEquals(
                    c.get("greedy_text").asText(), m.tokenizer().decode(expected), "greedy_text");
            assertEquals(m.tokenizer().decode(ids), text, "CLI text is the decoded ids");
            // prompt_argmax: the prediction after each prefix of the prompt, from one full pass.
            float[][] logits = m.allLogits(longs(c.get("prompt_ids")));
            JsonNode argmax = c.get("prompt_argmax");
            for (int i = 0; i < logits.length; i++) {
                assertEquals(argmax.get(i).asInt(), argmax(logits[i]), "prompt_argmax " + i);
            }
        }
        if (!eos) {
            assertEquals(c.get("greedy_text").asText(), text);
        } else {
            assertTrue(c.get("greedy_text").asText().startsWith(text));
        }
    }

    @Test
    void samplingWithSeedIsReproducibleAndCandidatesDiffer() throws Exception {
        Path dir = Fixtures.model("tiny-llama");
        String[] args = {
            "generate",
            "--model",
            dir.toString(),
            "--prompt",
            "Hello",
            "-n",
            "3",
            "--max-new-tokens",
            "12",
            "--temperature",
            "1.0",
            "--top-p",
            "0.9",
            "--top-k",
            "20",
            "--seed",
            "7",
            "--json"
        };
        JsonNode a = runCli(args);
        JsonNode b = runCli(args);
        assertEquals(a, b);
        JsonNode c = a.get("completions");
        assertEquals(3, c.size());
        assertTrue(
                !c.get(0).get("ids").equals(c.get(1).get("ids"))
                        || !c.get(1).get("ids").equals(c.get(2).get("ids")),
                "three seeds gave three identical samples");
    }

    static int argmax(float[] x) {
        int b = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[b]) {
                b = i;
            }
        }
        return b;
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
