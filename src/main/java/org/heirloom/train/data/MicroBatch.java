package org.heirloom.train.data;

import java.util.List;

/**
 * Host-side arrays of one micro-batch, right-padded to its longest row.
 *
 * @param rows sequences (or packed rows)
 * @param length ids per row
 * @param ids {@code [rows · length]} ids (padding id 0)
 * @param positions rotary positions (restart at 0 for each packed example)
 * @param keyValid 1 for real ids, 0 for padding; null when nothing is padded
 * @param targetRows flat indices {@code row · length + t} of positions whose next id is a target
 * @param targets the target id for each entry of {@code targetRows}
 */
public record MicroBatch(
        int rows,
        int length,
        long[] ids,
        long[] positions,
        float[] keyValid,
        long[] targetRows,
        long[] targets) {

    public int targetCount() {
        return targets.length;
    }

    /** Packs the given rows (each a list of examples laid end to end). */
    public static MicroBatch of(List<List<TokenizedExample>> rowsIn) {
        int rows = rowsIn.size();
        int len = 0;
        int targetsN = 0;
        for (List<TokenizedExample> r : rowsIn) {
            int l = 0;
            for (TokenizedExample e : r) {
                l += e.ids().length;
                targetsN += e.targetCount();
            }
            len = Math.max(len, l);
        }
        long[] ids = new long[rows * len];
        long[] pos = new long[rows * len];
        float[] valid = new float[rows * len];
        long[] targetRows = new long[targetsN];
        long[] targets = new long[targetsN];
        boolean padded = false;
        int k = 0;
        for (int r = 0; r < rows; r++) {
            int off = 0;
            for (TokenizedExample e : rowsIn.get(r)) {
                long[] x = e.ids();
                for (int i = 0; i < x.length; i++) {
                    int flat = r * len + off + i;
                    ids[flat] = x[i];
                    pos[flat] = i;
                    valid[flat] = 1f;
                    if (i >= e.promptLength()) {
                        // id i is predicted from position i - 1 of the same example.
                        targetRows[k] = flat - 1;
                        targets[k] = x[i];
                        k++;
                    }
                }
                off += x.length;
            }
            padded |= off < len;
        }
        return new MicroBatch(rows, len, ids, pos, padded ? valid : null, targetRows, targets);
    }
}
