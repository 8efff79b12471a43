package org.heirloom.model.generate;

import java.util.List;
import org.heirloom.teacher.SamplingParams;

/**
 * How to decode: temperature 0 is greedy (argmax); otherwise logits are divided by the temperature,
 * cut to the top-k, then to the top-p nucleus, and sampled. The repetition penalty (CTRL /
 * transformers semantics) applies to every id already in the sequence, prompt included.
 *
 * @param maxNewTokens most tokens generated per sequence
 * @param temperature 0 = greedy
 * @param topP nucleus mass in (0, 1]
 * @param topK 0 = off
 * @param repetitionPenalty 1 = off
 * @param stopStrings generation stops once the decoded text contains one (text cut before it)
 */
public record GenerationOptions(
        int maxNewTokens,
        double temperature,
        double topP,
        int topK,
        double repetitionPenalty,
        List<String> stopStrings) {

    public GenerationOptions {
        stopStrings = List.copyOf(stopStrings);
        // Same validation as the SPI record, with the same messages.
        new SamplingParams(temperature, topP, topK, maxNewTokens, repetitionPenalty);
    }

    public static GenerationOptions greedy(int maxNewTokens) {
        return new GenerationOptions(maxNewTokens, 0, 1, 0, 1, List.of());
    }

    public static GenerationOptions of(SamplingParams p, List<String> stopStrings) {
        return new GenerationOptions(
                p.maxNewTokens(),
                p.temperature(),
                p.topP(),
                p.topK(),
                p.repetitionPenalty(),
                stopStrings);
    }

    public boolean greedy() {
        return temperature == 0;
    }
}
