package org.heirloom.run;

import java.util.List;
import org.heirloom.teacher.SamplingParams;

/**
 * What a generation run is: prompt set (optionally one split) × teachers × k × sampling × seed.
 *
 * @param split only prompts of this split, or {@code null} for all
 */
public record RunSpec(
        String name,
        String promptSet,
        String split,
        List<String> teachers,
        int k,
        SamplingParams sampling,
        long seed) {

    public RunSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("run name is empty");
        }
        if (promptSet == null || promptSet.isBlank()) {
            throw new IllegalArgumentException("run '" + name + "': no prompt set given");
        }
        teachers = List.copyOf(teachers);
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("run '" + name + "': no teacher given");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("run '" + name + "': k must be > 0, got " + k);
        }
    }
}
