package org.heirloom.run;

import java.util.List;
import org.heirloom.teacher.OnOverlong;
import org.heirloom.teacher.SamplingParams;

/**
 * What a generation run is: prompt set (optionally one split) × teachers × k × sampling × seed.
 *
 * @param split only prompts of this split, or {@code null} for all
 * @param onOverlong what to do with prompts that do not fit a teacher's context
 */
public record RunSpec(
        String name,
        String promptSet,
        String split,
        List<String> teachers,
        int k,
        SamplingParams sampling,
        long seed,
        OnOverlong onOverlong) {

    /** A run that skips (and records) prompts that do not fit. */
    public RunSpec(
            String name,
            String promptSet,
            String split,
            List<String> teachers,
            int k,
            SamplingParams sampling,
            long seed) {
        this(name, promptSet, split, teachers, k, sampling, seed, OnOverlong.SKIP);
    }

    public RunSpec {
        onOverlong = onOverlong == null ? OnOverlong.SKIP : onOverlong;
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
        if (k <= 0 || k > MAX_K) {
            throw new IllegalArgumentException(
                    "run '" + name + "': k must be between 1 and " + MAX_K + ", got " + k);
        }
    }

    /**
     * Most candidates per prompt and teacher. Best/worst-of-k gains flatten long before this (the
     * paper uses k ≤ 16), and the unit of work holds k texts in memory at once.
     */
    public static final int MAX_K = 10_000;

    /** Most candidates one run may hold (prompts × teachers × k): rows, memory and time. */
    public static final long MAX_CANDIDATES = 100_000_000L;
}
