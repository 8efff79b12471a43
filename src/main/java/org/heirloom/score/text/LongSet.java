package org.heirloom.score.text;

/** Open-addressing set of longs, cleared by generation stamps; for counting distinct n-grams. */
final class LongSet {

    private long[] keys = new long[1024];
    private int[] gens = new int[1024];
    private int gen = 1;
    private int size;

    void clear() {
        size = 0;
        if (++gen == Integer.MAX_VALUE) {
            java.util.Arrays.fill(gens, 0);
            gen = 1;
        }
    }

    /** Adds {@code key}; returns true if it was new. */
    boolean add(long key) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (gens[slot] == gen) {
            if (keys[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        gens[slot] = gen;
        keys[slot] = key;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldGens = gens;
        int oldGen = gen;
        keys = new long[oldKeys.length * 2];
        gens = new int[oldKeys.length * 2];
        gen = 1;
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGens[i] == oldGen) {
                int slot = mix(oldKeys[i]) & mask;
                while (gens[slot] == gen) {
                    slot = (slot + 1) & mask;
                }
                gens[slot] = gen;
                keys[slot] = oldKeys[i];
            }
        }
    }

    private static int mix(long k) {
        k *= 0x9E3779B97F4A7C15L;
        return (int) (k ^ (k >>> 32));
    }
}
