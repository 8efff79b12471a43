package org.heirloom.train;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.heirloom.io.ContentHash;

/**
 * What a student is trained on: prompt/completion pairs from some source (a JSONL file, a stored
 * selection). Implementations validate on load, so training never fails half-way on bad input.
 */
public interface TrainingData {

    /** Where the pairs came from, for provenance (a file path, {@code selection:NAME}). */
    String source();

    /** The pairs, in source order. */
    List<TrainingExample> examples();

    /** Content hash of the pairs (order included): resume refuses data that changed. */
    default String contentHash() {
        StringBuilder b = new StringBuilder();
        for (TrainingExample e : examples()) {
            b.append(e.prompt().length()).append(':').append(e.prompt());
            b.append(e.completion().length()).append(':').append(e.completion());
        }
        return ContentHash.of(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Data held in memory (tests, callers that built the pairs themselves). */
    static TrainingData of(String source, List<TrainingExample> examples) {
        List<TrainingExample> copy = List.copyOf(examples);
        return new TrainingData() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public List<TrainingExample> examples() {
                return copy;
            }
        };
    }
}
