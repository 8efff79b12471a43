package org.heirloom.sample.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.heirloom.train.data.TrainingData;
import org.heirloom.train.data.TrainingExample;

/**
 * The procedural corpus the sample models are trained on: instruction-style prompts and answers
 * whose style (length, lexical richness, rudeness) is drawn independently of the prompt. Same seed,
 * same texts, on every machine (only {@link SplittableRandom} and fixed word lists are involved).
 * See docs/sample.md.
 */
public final class SampleCorpus {

    /**
     * One training example.
     *
     * @param prompt the instruction
     * @param answer the answer text
     * @param style the style the answer was written in
     */
    public record Example(SamplePrompt prompt, String answer, Style style) {
        public TrainingExample toTrainingExample() {
            return new TrainingExample(prompt.text(), answer);
        }
    }

    private SampleCorpus() {}

    /** {@code n} examples; example i depends only on (seed, i). */
    public static List<Example> generate(long seed, int n) {
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(example(seed, i));
        }
        return out;
    }

    /**
     * Example {@code i} of the corpus with {@code seed}: a prompt and an answer in a drawn style.
     */
    public static Example example(long seed, int i) {
        SplittableRandom r = new SplittableRandom(mix(seed, i));
        SamplePrompt p = Prompts.draw(r);
        Style s = Style.draw(r);
        return new Example(p, AnswerWriter.write(p, s, r), s);
    }

    /** An answer to {@code prompt} in {@code style} (tests, demonstrations). */
    public static String answer(SamplePrompt prompt, Style style, long seed) {
        return AnswerWriter.write(prompt, style, new SplittableRandom(seed));
    }

    /** {@code n} distinct prompts (for experiments with the sample models), seeded. */
    public static List<SamplePrompt> prompts(long seed, int n) {
        SplittableRandom r = new SplittableRandom(mix(seed, -1));
        Set<String> seen = new LinkedHashSet<>();
        List<SamplePrompt> out = new ArrayList<>();
        int tries = 0;
        while (out.size() < n) {
            if (++tries > 100 * n + 1000) {
                throw new IllegalArgumentException("cannot draw " + n + " distinct prompts");
            }
            SamplePrompt p = Prompts.draw(r);
            if (seen.add(p.text())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The corpus as trainer input. */
    public static TrainingData trainingData(long seed, int n) {
        List<TrainingExample> ex = new ArrayList<>(n);
        for (Example e : generate(seed, n)) {
            ex.add(e.toTrainingExample());
        }
        return TrainingData.of("sample-corpus:seed=" + seed + ",n=" + n, ex);
    }

    /** SplitMix64 finaliser over (seed, index): independent streams per example. */
    static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + i + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
