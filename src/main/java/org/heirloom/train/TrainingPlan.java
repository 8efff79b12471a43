package org.heirloom.train;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.train.data.DataOrder;
import org.heirloom.train.data.TrainingData;

/**
 * One arm of an experiment: a base model, the data, the hyper-parameters, and how many replicates.
 * Baseline and steered arms are two plans that differ only in {@code data} (and name): with the
 * same base, config and seed, replicate r of each arm gets the same training seed.
 *
 * @param name model name; replicates are named {@code name-r0}, {@code name-r1}, ... when there is
 *     more than one
 * @param base a model directory or the name of a model in the project
 * @param data prompt/completion pairs
 * @param config hyper-parameters
 * @param seed experiment seed
 * @param replicates how many students to train (at least 1)
 */
public record TrainingPlan(
        String name,
        String base,
        TrainingData data,
        TrainingConfig config,
        long seed,
        int replicates) {

    public TrainingPlan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("training needs a model name");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be at least 1, got " + replicates);
        }
    }

    /**
     * The training seed of replicate {@code r}: a fixed function of (seed, r), so every arm's
     * replicate r shares it.
     */
    public static long seedFor(long seed, int replicate) {
        return DataOrder.mix(seed, replicate);
    }

    /** The model name of replicate {@code r} of {@code replicates}: NAME alone, else NAME-rR. */
    public static String replicateName(String name, int replicates, int r) {
        return replicates == 1 ? name : name + "-r" + r;
    }

    /** One student to train. */
    public record Replicate(String name, int replicate, long seed) {}

    public List<Replicate> replicatesList() {
        List<Replicate> out = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            out.add(new Replicate(replicateName(name, replicates, r), r, seedFor(seed, r)));
        }
        return out;
    }
}
