package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a saved model keeps of its base: dtype, config fields, tokenizer files, file modes. */
class ModelSavingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void bf16StaysBf16AndF32OnlyOnRequest() throws Exception {
        Path base = Fixtures.model("tiny-llama-untied-bf16");
        Map<String, Tensor> stored = SafeTensors.read(base.resolve("model.safetensors"));
        try (LocalModel m = LocalModel.load(base)) {
            assertEquals(DType.BF16, m.storedDType());
            m.save(tmp.resolve("bf16"));
            m.save(tmp.resolve("f32"), DType.F32);
        }
        Map<String, Tensor> bf16 = SafeTensors.read(tmp.resolve("bf16/model.safetensors"));
        Map<String, Tensor> f32 = SafeTensors.read(tmp.resolve("f32/model.safetensors"));
        assertEquals(stored.keySet(), bf16.keySet());
        for (String k : stored.keySet()) {
            assertEquals(DType.BF16, bf16.get(k).dtype(), k);
            assertEquals(DType.F32, f32.get(k).dtype(), k);
            // Widening bf16 to f32 and back is exact: the same bytes as the base.
            assertEquals(stored.get(k).data(), bf16.get(k).data(), k);
            assertArrayEquals(stored.get(k).toFloatArray(), f32.get(k).toFloatArray(), 0f, k);
        }
        // Half the bytes of the F32 file (plus the header).
        long b = Files.size(tmp.resolve("bf16/model.safetensors"));
        long f = Files.size(tmp.resolve("f32/model.safetensors"));
        assertTrue(b < 0.55 * f, b + " vs " + f);
        assertEquals("bfloat16", json(tmp.resolve("bf16/config.json")).get("torch_dtype").asText());
        assertEquals("float32", json(tmp.resolve("f32/config.json")).get("torch_dtype").asText());
    }

    @Test
    void configKeepsEveryBaseFieldAndTokenizerFilesAreCopied() throws Exception {
        // A base folder like a Hub download: tiny-qwen3 plus the tokenizer files the hub has.
        Path base = tmp.resolve("base");
        Files.createDirectories(base);
        Path fixture = Fixtures.model("tiny-qwen3");
        try (var files = Files.list(fixture)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, base.resolve(p.getFileName()));
            }
        }
        Map<String, String> extra =
                Map.of(
                        "chat_template.jinja", "{{ messages[0]['content'] }}",
                        "tokenizer.model", "\u0000binary sentencepiece stand-in",
                        "special_tokens_map.json", "{\"eos_token\": \"</s>\"}",
                        "tokenizer_config.json", "{\"model_max_length\": 512}");
        for (var e : extra.entrySet()) {
            Files.writeString(base.resolve(e.getKey()), e.getValue());
        }
        Path out = tmp.resolve("student");
        try (LocalModel m = LocalModel.load(base)) {
            m.save(out);
        }
        JsonNode before = json(base.resolve("config.json"));
        JsonNode after = json(out.resolve("config.json"));
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            assertEquals(before.get(f), after.get(f), "config.json field '" + f + "'");
        }
        assertEquals(before.size(), after.size());
        for (String f : extra.keySet()) {
            assertEquals(Files.readString(base.resolve(f)), Files.readString(out.resolve(f)), f);
        }
        assertEquals(
                Files.readString(base.resolve("generation_config.json")),
                Files.readString(out.resolve("generation_config.json")));
    }

    @Test
    void savedFilesGetTheUmaskModesNotPrivateOnes() throws Exception {
        // What this process's umask gives a new file and folder, probed independently.
        Path probe = Files.createFile(tmp.resolve("probe"));
        Path probeDir = Files.createDirectory(tmp.resolve("probe-dir"));
        Set<PosixFilePermission> file = Files.getPosixFilePermissions(probe);
        Set<PosixFilePermission> dir = Files.getPosixFilePermissions(probeDir);
        assertTrue(file.contains(PosixFilePermission.OWNER_READ));
        Path out = tmp.resolve("student");
        try (LocalModel m = LocalModel.load(Fixtures.model("tiny-phi3"))) {
            m.save(out);
            // Saving over an earlier save whose files were private: modes are set again.
            Files.setPosixFilePermissions(
                    out.resolve("config.json"), Set.of(PosixFilePermission.OWNER_READ));
            m.save(out);
        }
        assertEquals(dir, Files.getPosixFilePermissions(out));
        try (var files = Files.list(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                assertEquals(file, Files.getPosixFilePermissions(p), p.toString());
            }
        }
        // A folder that existed before keeps its own mode; other files in it are not touched.
        Path existing = Files.createDirectory(tmp.resolve("mine"));
        Set<PosixFilePermission> mine =
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(existing, mine);
        Path notes = Files.writeString(existing.resolve("notes.txt"), "private");
        Files.setPosixFilePermissions(
                notes, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (LocalModel m = LocalModel.load(Fixtures.model("tiny-phi3"))) {
            m.save(existing);
        }
        assertEquals(mine, Files.getPosixFilePermissions(existing));
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(notes));
        assertEquals(file, Files.getPosixFilePermissions(existing.resolve("config.json")));
    }

    /** Gemma's √hidden is rounded to the stored weights' dtype, whatever config.json says. */
    @Test
    void gemmaEmbeddingScaleFollowsTheStoredWeights() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        o.put("model_type", "gemma2");
        o.put("vocab_size", 99);
        o.put("hidden_size", 40); // sqrt(40) = 6.3245...; bfloat16: 6.3125
        o.put("intermediate_size", 64);
        o.put("num_hidden_layers", 2);
        o.put("num_attention_heads", 2);
        o.put("num_key_value_heads", 1);
        o.put("head_dim", 16);
        ModelConfig c = ModelConfig.parse(o, "x");
        assertEquals((float) Math.sqrt(40), c.arch().embedScale());
        Path out = tmp.resolve("gemma-bf16");
        try (LocalModel m = LocalModel.builder().optRandomInit(c, 3).build()) {
            m.save(out, DType.BF16);
        }
        com.fasterxml.jackson.databind.node.ObjectNode cfg =
                (com.fasterxml.jackson.databind.node.ObjectNode) json(out.resolve("config.json"));
        cfg.remove("torch_dtype");
        JSON.writeValue(out.resolve("config.json").toFile(), cfg);
        try (LocalModel back = LocalModel.load(out)) {
            assertEquals(6.3125f, back.config().arch().embedScale());
        }
    }

    private static JsonNode json(Path p) throws Exception {
        return JSON.readTree(p.toFile());
    }
}
