package org.heirloom.model.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token of one sequence from its logits row, on the host. Each sequence owns a
 * {@link SplittableRandom} seeded with its own seed and draws exactly one number per sampled token,
 * so its output does not depend on which other sequences share the batch.
 */
final class Sampler {

    private final GenerationOptions options;
    private final SplittableRandom random;

    Sampler(GenerationOptions options, long seed) {
        this.options = options;
        this.random = new SplittableRandom(seed);
    }

    /** Natural-log softmax of {@code logits[off, off+n)} at {@code id}, in double precision. */
    static double logprob(float[] logits, int off, int n, int id) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[off + i] - max);
        }
        return logits[off + id] - max - Math.log(sum);
    }

    /**
     * Chooses a token.
     *
     * @param logits batch logits, row {@code row} of width {@code vocab}
     * @param seen ids already in the sequence (for the repetition penalty)
     * @param seenCount how many of {@code seen} are valid
     */
    int next(float[] logits, int row, int vocab, long[] seen, int seenCount) {
        double[] x = new double[vocab];
        int off = row * vocab;
        for (int i = 0; i < vocab; i++) {
            x[i] = logits[off + i];
        }
        double pen = options.repetitionPenalty();
        if (pen != 1.0) {
            boolean[] done = new boolean[vocab];
            for (int i = 0; i < seenCount; i++) {
                int id = (int) seen[i];
                if (id >= 0 && id < vocab && !done[id]) {
                    done[id] = true;
                    x[id] = x[id] < 0 ? x[id] * pen : x[id] / pen;
                }
            }
        }
        if (options.greedy()) {
            return argmax(x);
        }
        double t = options.temperature();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            x[i] /= t;
            max = Math.max(max, x[i]);
        }
        // Candidates by descending probability (ties: lower id first), so the walk is
        // deterministic.
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        final double[] xs = x;
        Arrays.sort(
                order,
                (a, b) -> xs[a] != xs[b] ? Double.compare(xs[b], xs[a]) : Integer.compare(a, b));
        int keep = vocab;
        if (options.topK() > 0) {
            keep = Math.min(keep, options.topK());
        }
        double[] p = new double[keep];
        double z = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(x[order[i]] - max);
            z += p[i];
        }
        if (options.topP() < 1.0) {
            // Smallest prefix whose mass reaches top_p (at least one token).
            double cum = 0;
            int n = 0;
            while (n < keep) {
                cum += p[n] / z;
                n++;
                if (cum >= options.topP()) {
                    break;
                }
            }
            keep = n;
            z = 0;
            for (int i = 0; i < keep; i++) {
                z += p[i];
            }
        }
        double u = random.nextDouble() * z;
        double cum = 0;
        for (int i = 0; i < keep; i++) {
            cum += p[i];
            if (u < cum) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
