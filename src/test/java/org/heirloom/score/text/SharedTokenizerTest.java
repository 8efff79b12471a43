package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/**
 * Token counts under the shared fixtures' real tokenizer.json files: EXPECTED.jsonl lists each
 * prompt's ids with BOS first, so the count without special tokens is that length minus one.
 */
class SharedTokenizerTest {

    @Test
    void countsMatchExpectedPromptIds() throws Exception {
        String shared = System.getProperty("heirloom.shared");
        Path models = shared == null ? null : Path.of(shared, "models");
        assumeTrue(
                models != null && Files.isRegularFile(models.resolve("EXPECTED.jsonl")),
                "shared/models not available; skipping tokenizer fixture check");
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        for (String line : Files.readAllLines(models.resolve("EXPECTED.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            Path dir = models.resolve(row.get("model").asText());
            JsonNode ids = row.get("prompt_ids");
            if (!Files.isRegularFile(dir.resolve("tokenizer.json")) || ids == null) {
                continue;
            }
            assertEquals(1, ids.get(0).asInt(), "fixture prompts start with BOS");
            try (Metric m =
                    MetricRegistry.standard().resolve("tokens(tokenizer=\"" + dir + "\")")) {
                assertEquals(
                        ids.size() - 1,
                        (int) m.score(row.get("prompt").asText()),
                        row.get("model").asText() + ": " + row.get("prompt").asText());
            }
            checked++;
        }
        assertTrue(checked > 0, "no fixture prompts checked");
    }
}
