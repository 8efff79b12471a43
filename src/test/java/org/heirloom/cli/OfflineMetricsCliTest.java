package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineMetricsCliTest {

    @TempDir Path dir;

    @Test
    void eceFromJsonl() throws Exception {
        Path f = dir.resolve("preds.jsonl");
        // Confidences 0.9 ✓, 0.8 ✗, 0.6 ✓, 0.7 ✓ (hand-computed in CalibrationTest).
        Files.writeString(
                f,
                "{\"probs\": [0.9, 0.1], \"label\": 0}\n{\"probs\": [0.8, 0.2], \"label\": 1}\n"
                        + "{\"probs\": [0.6, 0.4], \"label\": 0}\n{\"probs\": [0.3, 0.7], \"label\": 1}\n");
        CliTest.Result r = CliTest.run("metrics", "ece", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0.4, j.get("ece_10").asDouble(), 1e-12);
        assertEquals(0.0, j.get("ece_1").asDouble(), 1e-12);
        assertEquals(0.75, j.get("accuracy").asDouble(), 1e-12);
        assertEquals(4, j.get("n").asInt());
    }

    @Test
    void toxicityFromJsonlAndLineErrors() throws Exception {
        Path f = dir.resolve("tox.jsonl");
        Files.writeString(
                f,
                "{\"prompt_id\": \"a\", \"score\": 0.2}\n{\"prompt_id\": \"a\", \"score\": 0.6}\n{\"prompt_id\": 7, \"score\": 0.1}\n");
        CliTest.Result r = CliTest.run("metrics", "toxicity", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0.35, j.get("emt").asDouble(), 1e-12);
        assertEquals(0.5, j.get("tox_prob").asDouble(), 1e-12);
        Files.writeString(f, "{\"prompt_id\": \"a\", \"score\": 0.2}\n{\"prompt_id\": \"b\"}\n");
        r = CliTest.run("metrics", "toxicity", "--input", f.toString());
        assertEquals(1, r.code());
        assertEquals("heirloom: " + f + ":2: field 'score' is missing\n", r.err());
    }
}
