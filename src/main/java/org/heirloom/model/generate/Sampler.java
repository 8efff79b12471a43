package org.heirloom.model.generate;

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
        double z = 0;
        for (int i = 0; i < vocab; i++) {
            x[i] = Math.exp(x[i] - max); // unnormalised probabilities from here on
            z += x[i];
        }
        boolean truncate = options.topK() > 0 || options.topP() < 1.0;
        if (!truncate) {
            // Plain temperature sampling needs no ordering: walk ids in index order.
            double u = random.nextDouble() * z;
            double cum = 0;
            for (int i = 0; i < vocab; i++) {
                cum += x[i];
                if (u < cum) {
                    return i;
                }
            }
            return lastPositive(x);
        }
        int[] order = candidates(x, z);
        int keep = order.length;
        if (options.topK() > 0) {
            keep = Math.min(keep, options.topK());
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += x[order[i]];
        }
        if (options.topP() < 1.0) {
            // Smallest prefix whose probability reaches top_p (at least one token).
            double cum = 0;
            int n = 0;
            while (n < keep) {
                cum += x[order[n]] / z;
                n++;
                if (cum >= options.topP()) {
                    break;
                }
            }
            keep = n;
            mass = 0;
            for (int i = 0; i < keep; i++) {
                mass += x[order[i]];
            }
        }
        double u = random.nextDouble() * mass;
        double cum = 0;
        for (int i = 0; i < keep; i++) {
            cum += x[order[i]];
            if (u < cum) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /**
     * Ids that can survive truncation, by descending probability (ties: lower id first). With top-p
     * < 1 only ids of probability >= (1 - p) / (2 vocab) can be in the nucleus: the ids above that
     * bound already hold more than p of the mass. Sorting packed primitive keys keeps a 150k-token
     * vocabulary cheap.
     */
    private int[] candidates(double[] w, double z) {
        int vocab = w.length;
        double bound = options.topP() < 1.0 ? z * (1 - options.topP()) / (2.0 * vocab) : 0;
        long[] keys = new long[vocab];
        int n = 0;
        for (int i = 0; i < vocab; i++) {
            if (w[i] >= bound && w[i] > 0) {
                // Probabilities are positive: their float bits order like the values.
                int bits = Float.floatToIntBits((float) (w[i] / z));
                keys[n++] = ((long) (Integer.MAX_VALUE - bits) << 32) | i;
            }
        }
        if (n == 0) {
            return new int[] {argmax(w)};
        }
        long[] k = java.util.Arrays.copyOf(keys, n);
        java.util.Arrays.sort(k);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) (k[i] & 0xffffffffL);
        }
        return out;
    }

    private static int lastPositive(double[] w) {
        for (int i = w.length - 1; i >= 0; i--) {
            if (w[i] > 0) {
                return i;
            }
        }
        return 0;
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
