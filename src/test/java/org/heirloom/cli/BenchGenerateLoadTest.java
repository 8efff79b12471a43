package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench generate --write-random} writes real files; {@code --model} reports the load. */
class BenchGenerateLoadTest {

    @TempDir Path dir;

    @Test
    void writesRandomBf16FilesAndReportsTheirLoadFootprint() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                """
                {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "vocab_size": 256, "max_position_embeddings": 512, "rms_norm_eps": 1e-5,
                 "rope_theta": 10000.0, "tie_word_embeddings": true}
                """);
        Path out = dir.resolve("random");
        CliTest.Result w =
                CliTest.run(
                        "bench",
                        "generate",
                        "--config",
                        config.toString(),
                        "--write-random",
                        out.toString());
        assertEquals(0, w.code(), w.err());
        Path weights = out.resolve("model.safetensors");
        assertEquals("BF16", firstDtype(weights));
        // Parameters: embeddings 256*64 (tied) + per layer q 64*64, k,v 32*64 each, o 64*64,
        // gate/up/down 3*64*128, two norms of 64; plus the final norm: 2 bytes each in bf16.
        long params = 256 * 64 + 2 * (64 * 64 * 2 + 2 * 32 * 64 + 3 * 64 * 128 + 2 * 64) + 64;
        long header = 8 + headerLength(weights);
        assertEquals(2 * params, Files.size(weights) - header);

        CliTest.Result again =
                CliTest.run(
                        "bench",
                        "generate",
                        "--config",
                        config.toString(),
                        "--write-random",
                        out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());

        CliTest.Result r =
                CliTest.run(
                        "bench",
                        "generate",
                        "--model",
                        out.toString(),
                        "--batch",
                        "2",
                        "--new-tokens",
                        "4",
                        "--prompt-tokens",
                        "4",
                        "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(Files.size(weights), j.path("load").path("weightFileBytes").asLong());
        assertTrue(j.path("load").path("seconds").asDouble() > 0);
        long rss = j.path("load").path("residentBytes").asLong();
        assertTrue(rss > 0 && rss <= j.path("load").path("peakResidentBytes").asLong(), r.out());
    }

    private static long headerLength(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        return ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String firstDtype(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        int n = (int) headerLength(f);
        JsonNode h = new ObjectMapper().readTree(new String(b, 8, n, StandardCharsets.UTF_8));
        for (var it = h.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                return e.getValue().path("dtype").asText();
            }
        }
        return "";
    }
}
