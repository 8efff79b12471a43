package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.model.Fixtures;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SamplingDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generation_config.json's sampling defaults: transformers' reading, and user values winning. */
class SamplingDefaultsTest {

    @TempDir Path tmp;

    private Path withGenerationConfig(String json) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "m");
        Path src = Fixtures.model("tiny-llama");
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        if (json != null) {
            Files.writeString(dir.resolve("generation_config.json"), json);
        }
        return dir;
    }

    @Test
    void readsAsTransformersGenerationConfigDoes() throws Exception {
        assertEquals(SamplingDefaults.GREEDY, SamplingDefaults.read(withGenerationConfig(null)));
        // Without do_sample, transformers decodes greedily whatever the temperature.
        SamplingDefaults noSample =
                SamplingDefaults.read(
                        withGenerationConfig("{\"temperature\": 0.7, \"eos_token_id\": 2}"));
        assertEquals(0.0, noSample.temperature());
        // Qwen3's file: do_sample, temperature 0.6, top_p 0.95, top_k 20.
        SamplingDefaults qwen =
                SamplingDefaults.read(
                        withGenerationConfig(
                                "{\"do_sample\": true, \"temperature\": 0.6, \"top_p\": 0.95,"
                                        + " \"top_k\": 20, \"eos_token_id\": 2}"));
        assertEquals(new SamplingDefaults(0.6, 0.95, 20, 1.0), qwen);
        // GenerationConfig's own defaults when sampling: temperature 1, top_k 50.
        assertEquals(
                new SamplingDefaults(1.0, 1.0, 50, 1.0),
                SamplingDefaults.read(withGenerationConfig("{\"do_sample\": true}")));
        GenerationOptions o = qwen.resolve(10, null, 1.0, null, null, List.of());
        assertEquals(0.6, o.temperature(), "unset: from the file");
        assertEquals(1.0, o.topP(), "set by the user: wins");
        assertEquals(20, o.topK());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SamplingDefaults.read(
                                        withGenerationConfig(
                                                "{\"do_sample\": true, \"top_p\": \"high\"}")));
        assertTrue(e.getMessage().contains("generation_config.json: field 'top_p'"));
    }

    @Test
    void generateCommandSamplesWithTheFileDefaultsUnlessTold() throws Exception {
        Path dir =
                withGenerationConfig(
                        "{\"do_sample\": true, \"temperature\": 1.0, \"top_p\": 0.9,"
                                + " \"top_k\": 20, \"eos_token_id\": 2}");
        String[] common = {
            "generate",
            "--model",
            dir.toString(),
            "--prompt",
            "Hello",
            "-n",
            "3",
            "--max-new-tokens",
            "12",
            "--seed",
            "7",
            "--json"
        };
        JsonNode defaults = GenerateCommandExpectedTest.runCli(common);
        JsonNode explicit =
                GenerateCommandExpectedTest.runCli(
                        concat(common, "--temperature", "1.0", "--top-p", "0.9", "--top-k", "20"));
        assertEquals(explicit.get("completions"), defaults.get("completions"));
        JsonNode greedy = GenerateCommandExpectedTest.runCli(concat(common, "--temperature", "0"));
        assertNotEquals(greedy.get("completions"), defaults.get("completions"));
        // Greedy: all three candidates equal.
        JsonNode g = greedy.get("completions");
        assertEquals(g.get(0).get("ids"), g.get(2).get("ids"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
