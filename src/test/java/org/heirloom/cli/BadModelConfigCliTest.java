package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.heirloom.model.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config.json with numbers out of range, or a family feature we do not run, ends {@code generate}
 * with exactly one line naming the file and the field, exit code 1 (issue #11).
 */
class BadModelConfigCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private CliTest.Result generateWith(String name, Consumer<ObjectNode> edit) throws Exception {
        Path src = Fixtures.model("tiny-qwen3");
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : new String[] {"model.safetensors", "tokenizer.json"}) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        ObjectNode cfg = (ObjectNode) JSON.readTree(src.resolve("config.json").toFile());
        edit.accept(cfg);
        JSON.writeValue(dir.resolve("config.json").toFile(), cfg);
        return CliTest.run("generate", "--model", dir.toString(), "--prompt", "Hi");
    }

    private void assertOneLine(CliTest.Result r, String name, String field) {
        assertEquals(1, r.code(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception"), err);
        assertTrue(err.contains(tmp.resolve(name).resolve("config.json").toString()), err);
        assertTrue(err.contains("field '" + field + "'"), err);
    }

    @Test
    void outOfRangeNumbersAndUnsupportedFeaturesNameTheField() throws Exception {
        assertOneLine(generateWith("theta", c -> c.put("rope_theta", -1)), "theta", "rope_theta");
        CliTest.Result big =
                generateWith("maxpos", c -> c.put("max_position_embeddings", 2147483648L));
        assertOneLine(big, "maxpos", "max_position_embeddings");
        assertFalse(big.err().contains("-2147483648"), big.err());
        assertOneLine(generateWith("moe", c -> c.put("num_experts", 128)), "moe", "num_experts");
        assertOneLine(
                generateWith(
                        "yarn",
                        c ->
                                c.putObject("rope_scaling")
                                        .put("rope_type", "yarn")
                                        .put("factor", 4.0)),
                "yarn",
                "rope_scaling");
        assertOneLine(
                generateWith("type", c -> c.put("model_type", "qwen3_moe")), "type", "model_type");
    }

    @Test
    void garbageGenerationConfigIsOneLine() throws Exception {
        Path src = Fixtures.model("tiny-qwen3");
        Path dir = Files.createDirectories(tmp.resolve("gen"));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [2,");
        CliTest.Result r = CliTest.run("generate", "--model", dir.toString(), "--prompt", "Hi");
        assertEquals(1, r.code(), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
        assertTrue(r.err().contains(dir.resolve("generation_config.json").toString()), r.err());
    }
}
