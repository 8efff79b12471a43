package org.heirloom.train;

import java.util.List;
import java.util.Set;

/**
 * Low-rank adapters: for each targeted projection W (out × in), trainable A (rank × in, small
 * random) and B (out × rank, zero), and the layer computes with W + (alpha / rank) · B·A. The base
 * stays frozen; saving merges the delta into W, so the result is a plain checkpoint.
 *
 * @param rank adapter rank r
 * @param alpha scaling numerator (PEFT's {@code lora_alpha})
 * @param targets projection names: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj
 */
public record LoraConfig(int rank, double alpha, List<String> targets) {

    public static final Set<String> KNOWN =
            Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        targets = List.copyOf(targets);
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("LoRA alpha must be positive, got " + alpha);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module");
        }
        for (String t : targets) {
            if (!KNOWN.contains(t)) {
                throw new IllegalArgumentException(
                        "LoRA target '" + t + "' is not one of " + String.join(", ", KNOWN));
            }
        }
    }

    /** PEFT's usual choice: q_proj and v_proj, alpha = 2 · rank. */
    public static LoraConfig of(int rank) {
        return new LoraConfig(rank, 2.0 * rank, List.of("q_proj", "v_proj"));
    }

    public double scale() {
        return alpha / rank;
    }
}
