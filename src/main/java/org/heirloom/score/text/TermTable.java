package org.heirloom.score.text;

/**
 * Interns words held in a shared char buffer into dense ids without creating Strings. Open
 * addressing with generation stamps, so starting a new text costs nothing (no clearing). Not
 * thread-safe: one per thread (see {@link TextAnalysis}).
 */
final class TermTable {

    private int[] slotTerm = new int[1024];
    private int[] slotGen = new int[1024];
    private int gen = 1;

    int[] termStart = new int[256];
    int[] termLen = new int[256];
    int[] termHash = new int[256];
    int terms;

    /** Forgets all terms. */
    void reset() {
        terms = 0;
        gen++;
        if (gen == Integer.MAX_VALUE) {
            java.util.Arrays.fill(slotGen, 0);
            gen = 1;
        }
    }

    /**
     * Returns the id of the word {@code buf[start, start+len)} with hash {@code hash}; a new word
     * gets the next id and its chars stay where they are (the caller keeps them in the buffer).
     * Returns {@code -(id+1)} when the word was already known, so the caller can drop its copy.
     */
    int intern(char[] buf, int start, int len, int hash) {
        int mask = slotTerm.length - 1;
        int h = mix(hash);
        int slot = h & mask;
        while (slotGen[slot] == gen) {
            int t = slotTerm[slot];
            if (termHash[t] == hash && termLen[t] == len && equal(buf, termStart[t], start, len)) {
                return -(t + 1);
            }
            slot = (slot + 1) & mask;
        }
        int id = terms++;
        if (id == termStart.length) {
            int n = id * 2;
            termStart = java.util.Arrays.copyOf(termStart, n);
            termLen = java.util.Arrays.copyOf(termLen, n);
            termHash = java.util.Arrays.copyOf(termHash, n);
        }
        termStart[id] = start;
        termLen[id] = len;
        termHash[id] = hash;
        slotGen[slot] = gen;
        slotTerm[slot] = id;
        if (terms * 2 > slotTerm.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        int n = slotTerm.length * 2;
        slotTerm = new int[n];
        slotGen = new int[n];
        gen = 1;
        int mask = n - 1;
        for (int t = 0; t < terms; t++) {
            int slot = mix(termHash[t]) & mask;
            while (slotGen[slot] == gen) {
                slot = (slot + 1) & mask;
            }
            slotGen[slot] = gen;
            slotTerm[slot] = t;
        }
    }

    private static boolean equal(char[] buf, int a, int b, int len) {
        if (len > 8) {
            return java.util.Arrays.equals(buf, a, a + len, buf, b, b + len);
        }
        for (int i = 0; i < len; i++) {
            if (buf[a + i] != buf[b + i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
