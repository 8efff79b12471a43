package org.heirloom.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The deterministic stream of micro-batches: units (examples, or packed rows) shuffled afresh each
 * epoch by a generator seeded from (seed, epoch). Micro-batch {@code i} is a pure function of
 * (seed, i), so a resumed run needs only the step number to continue exactly where it stopped.
 */
public final class DataOrder {

    private final List<List<TokenizedExample>> units;
    private final int batchSize;
    private final long seed;
    private final int microPerEpoch;
    private int cachedEpoch = -1;
    private int[] cachedPerm;

    /**
     * @param examples training examples, in source order
     * @param packing lay examples end to end in rows of at most {@code maxLen}
     */
    public DataOrder(
            List<TokenizedExample> examples,
            boolean packing,
            int maxLen,
            int batchSize,
            long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        this.units = packing ? pack(examples, maxLen, seed) : singles(examples);
        this.batchSize = batchSize;
        this.seed = seed;
        this.microPerEpoch = (units.size() + batchSize - 1) / batchSize;
    }

    public int microBatchesPerEpoch() {
        return microPerEpoch;
    }

    public int units() {
        return units.size();
    }

    /** Micro-batch number {@code index} of the endless stream (epoch after epoch). */
    public MicroBatch microBatch(long index) {
        int epoch = (int) (index / microPerEpoch);
        int within = (int) (index % microPerEpoch);
        int[] perm = permutation(epoch);
        List<List<TokenizedExample>> rows = new ArrayList<>();
        for (int i = within * batchSize; i < Math.min(perm.length, (within + 1) * batchSize); i++) {
            rows.add(units.get(perm[i]));
        }
        return MicroBatch.of(rows);
    }

    private int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            cachedPerm = shuffled(units.size(), new SplittableRandom(mix(seed, 1000 + epoch)));
            cachedEpoch = epoch;
        }
        return cachedPerm;
    }

    public static int[] shuffled(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    /** A 64-bit mix of two numbers (SplitMix64's finaliser); stable across JVMs. */
    public static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static List<List<TokenizedExample>> singles(List<TokenizedExample> examples) {
        List<List<TokenizedExample>> out = new ArrayList<>();
        for (TokenizedExample e : examples) {
            out.add(List.of(e));
        }
        return out;
    }

    /** Packs once, in a seeded order, so rows are fixed for the whole run. */
    private static List<List<TokenizedExample>> pack(
            List<TokenizedExample> examples, int maxLen, long seed) {
        int[] order = shuffled(examples.size(), new SplittableRandom(mix(seed, 999)));
        List<List<TokenizedExample>> rows = new ArrayList<>();
        List<TokenizedExample> row = new ArrayList<>();
        int used = 0;
        for (int i : order) {
            TokenizedExample e = examples.get(i);
            if (used + e.ids().length > maxLen && !row.isEmpty()) {
                rows.add(List.copyOf(row));
                row.clear();
                used = 0;
            }
            row.add(e);
            used += e.ids().length;
        }
        if (!row.isEmpty()) {
            rows.add(List.copyOf(row));
        }
        return rows;
    }

    /**
     * Which of {@code n} examples are held out: floor(fraction·n), at most n − 1, the first of a
     * permutation seeded by mix(seed, 7). One definition for the trainer and for exported jobs.
     */
    public static boolean[] heldOut(int n, double fraction, long seed) {
        int nHeld = (int) Math.floor(fraction * n);
        if (nHeld >= n) {
            nHeld = n - 1;
        }
        int[] perm = shuffled(n, new SplittableRandom(mix(seed, 7)));
        boolean[] held = new boolean[n];
        for (int i = 0; i < nHeld; i++) {
            held[perm[i]] = true;
        }
        return held;
    }
}
