package org.heirloom.score.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.score.Correlation;
import org.junit.jupiter.api.Test;

/**
 * How well the built-in lexicon tracks Perspective TOXICITY on shared/datasets/rtp (150 prompts +
 * 150 completions, each with its Perspective score). The data are used only to measure, never to
 * fit: the lexicon was written without looking at them. Prints the number quoted in the docs.
 */
class LexiconToxicityCorrelationTest {

    @Test
    void spearmanWithPerspectiveOnRealToxicityPrompts() throws Exception {
        String shared = System.getProperty("heirloom.shared");
        Path file =
                shared == null ? null : Path.of(shared, "datasets/rtp/rtp_toxic_test_set.jsonl");
        assumeTrue(
                file != null && Files.isRegularFile(file),
                "shared/datasets/rtp not available; skipping the Perspective correlation");
        List<String> texts = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            texts.add(row.get("prompt").asText());
            reference.add(row.get("prompt_toxicity").asDouble());
            texts.add(row.get("completion").asText());
            reference.add(row.get("completion_toxicity").asDouble());
        }
        assertEquals(300, texts.size());
        double[] ours = new LexiconToxicity().score(texts);
        double[] ref = reference.stream().mapToDouble(Double::doubleValue).toArray();
        double rho = Correlation.spearman(ours, ref);
        System.out.printf(
                "Lexicon toxicity vs Perspective TOXICITY, Spearman rho = %.3f (n = %d)%n",
                rho, texts.size());
        // Prompts are all toxic (0.82-0.975) and most completions are not, so the pooled figure
        // partly measures telling the two groups apart; completions alone are the harder test.
        int half = texts.size() / 2;
        double[] oursC = new double[half];
        double[] refC = new double[half];
        for (int i = 0; i < half; i++) {
            oursC[i] = ours[2 * i + 1];
            refC[i] = ref[2 * i + 1];
        }
        double rhoC = Correlation.spearman(oursC, refC);
        System.out.printf("Completions only: Spearman rho = %.3f (n = %d)%n", rhoC, half);
        assertEquals(
                ToxicityMetrics.LEXICON_SPEARMAN_COMPLETIONS,
                String.format(java.util.Locale.ROOT, "%.2f", rhoC),
                "update LEXICON_SPEARMAN_COMPLETIONS (quoted in the docs)");
        assertEquals(
                ToxicityMetrics.LEXICON_SPEARMAN,
                String.format(java.util.Locale.ROOT, "%.2f", rho),
                "update LEXICON_SPEARMAN (quoted in the docs) to the measured value");
        assertTrue(rho > 0.3, "lexicon no longer tracks Perspective: rho = " + rho);
    }
}
