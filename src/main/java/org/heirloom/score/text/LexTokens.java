package org.heirloom.score.text;

/**
 * LexicalRichness 0.5.1's default tokenisation, as word ids: lower-case; delete ASCII digits and
 * {@code -}, {@code –}, {@code —}; turn every ASCII punctuation character ({@code
 * string.punctuation}) into a space; split on Python whitespace ({@code str.split()}). One pass
 * over the chars, no regex, no String per word: words are interned into dense ids in a reused
 * buffer. Not thread-safe; {@link TextAnalysis} keeps one per thread.
 */
public final class LexTokens {

    /** Word ids in text order; ids are dense in {@code [0, terms)}. */
    int[] ids = new int[512];

    int count;
    char[] buf = new char[4096];
    private char[] src = new char[4096];
    final TermTable table = new TermTable();

    // Scratch for the diversity measures, reused across texts.
    int[] seen = new int[512];
    int seenStamp;
    int[] counts = new int[512];
    final LongSet ngrams = new LongSet();

    /** A fresh stamp for {@link #seen}: ids marked with it are "seen in this segment". */
    int nextStamp() {
        if (seen.length < terms()) {
            seen = new int[Math.max(terms(), seen.length * 2)];
            seenStamp = 0;
        }
        if (++seenStamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            seenStamp = 1;
        }
        return seenStamp;
    }

    // MTLD's factor test as integer bounds per segment length (see ttrLimits), for one threshold.
    private double limitThreshold = Double.NaN;
    private int[] limits = new int[0];

    /**
     * {@code limits[w]} = the largest {@code t} with {@code (double) t / w <= threshold} (-1 when
     * none), for every {@code w <= n}. A correctly rounded quotient never decreases as its
     * numerator grows, so {@code (double) terms / w <= threshold} exactly when {@code terms <=
     * limits[w]}: the MTLD walk compares ints instead of dividing once per token, with the same
     * outcome bit for bit. Built once per thread and threshold, extended as longer texts come.
     */
    int[] ttrLimits(double threshold, int n) {
        if (Double.doubleToLongBits(threshold) != Double.doubleToLongBits(limitThreshold)) {
            limits = new int[0];
            limitThreshold = threshold;
        }
        if (limits.length <= n) {
            int from = limits.length;
            limits = java.util.Arrays.copyOf(limits, Math.max(n + 1, from * 2));
            for (int w = Math.max(1, from); w < limits.length; w++) {
                limits[w] = largestAtMost(threshold, w);
            }
        }
        return limits;
    }

    /** The largest {@code t} in {@code [0, w]} with {@code (double) t / w <= threshold}, or -1. */
    static int largestAtMost(double threshold, int w) {
        double guess = Math.floor(threshold * w);
        long t = Double.isNaN(guess) ? -1 : (long) Math.max(-1, Math.min(w, guess));
        while (t < w && (double) (t + 1) / w <= threshold) {
            t++;
        }
        while (t >= 0 && !((double) t / w <= threshold)) {
            t--;
        }
        return (int) t;
    }

    /** {@link #counts} zeroed for all current ids. */
    int[] zeroCounts() {
        if (counts.length < terms()) {
            counts = new int[Math.max(terms(), counts.length * 2)];
        } else {
            java.util.Arrays.fill(counts, 0, terms(), 0);
        }
        return counts;
    }

    /** Tokenises {@code text}, replacing the previous content. */
    public LexTokens tokenize(String text) {
        table.reset();
        count = 0;
        external = -1;
        if (!scan(text, false)) {
            // Non-ASCII: Python lower-cases the whole string first (final sigma, dotted I...),
            // with its own Final_Sigma rule, which Java's toLowerCase does not share.
            table.reset();
            count = 0;
            scan(PyLower.lower(text), true);
        }
        return this;
    }

    /** Returns false (and stops) at the first non-ASCII char when not yet lower-cased. */
    private boolean scan(String s, boolean lowered) {
        int n = s.length();
        if (buf.length < n + 1) {
            buf = new char[Math.max(n + 1, buf.length * 2)];
        }
        if (src.length < n) {
            src = new char[Math.max(n, src.length * 2)];
        }
        char[] a = src;
        s.getChars(0, n, a, 0);
        char[] b = buf;
        int pos = 0; // end of kept chars in buf
        int wordStart = 0;
        int hash = 0;
        for (int i = 0; i < n; i++) {
            char c = a[i];
            if (c < 128) {
                int cls = ASCII_CLASS[c];
                if (cls == KEEP) {
                    b[pos++] = c;
                    hash = 31 * hash + c;
                } else if (cls == UPPER) {
                    char l = (char) (c + 32);
                    b[pos++] = l;
                    hash = 31 * hash + l;
                } else if (cls == SPLIT) {
                    if (pos > wordStart) {
                        pos = endWord(wordStart, pos, hash);
                    }
                    wordStart = pos;
                    hash = 0;
                }
                // DROP: digits and '-' vanish without splitting the word.
            } else {
                if (!lowered) {
                    return false;
                }
                if (c == '\u2013' || c == '\u2014') {
                    continue;
                }
                if (isPythonSpace(c)) {
                    if (pos > wordStart) {
                        pos = endWord(wordStart, pos, hash);
                    }
                    wordStart = pos;
                    hash = 0;
                } else {
                    b[pos++] = c;
                    hash = 31 * hash + c;
                }
            }
        }
        if (pos > wordStart) {
            endWord(wordStart, pos, hash);
        }
        return true;
    }

    int endWord(int start, int end, int hash) {
        int id = table.intern(buf, start, end - start, hash);
        int keepUntil = end;
        if (id < 0) {
            id = -id - 1;
            keepUntil = start; // already known: drop this copy
        }
        if (count == ids.length) {
            ids = java.util.Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        return keepUntil;
    }

    /** Number of tokens ({@code LexicalRichness.words}). */
    public int words() {
        return count;
    }

    /** Number of distinct tokens ({@code LexicalRichness.terms}). */
    public int terms() {
        return external >= 0 ? external : table.terms;
    }

    // Filled by TdCounts' one pass: the count of distinct terms, and each term's chars.
    private int external = -1;
    private int[] extStart = new int[256];
    private int[] extLen = new int[256];
    private int extPos;

    /** Starts a text whose tokens {@link TdCounts} adds ({@link #addNew}, {@link #addKnown}). */
    void beginExternal() {
        count = 0;
        external = 0;
        extPos = 0;
    }

    /** Appends a token of a new term with chars {@code b[start, start+len)}; returns its id. */
    int addNew(char[] b, int start, int len) {
        int id = external++;
        if (id == extStart.length) {
            extStart = java.util.Arrays.copyOf(extStart, id * 2);
            extLen = java.util.Arrays.copyOf(extLen, id * 2);
        }
        if (buf.length < extPos + len) {
            buf = java.util.Arrays.copyOf(buf, Math.max(extPos + len, buf.length * 2));
        }
        System.arraycopy(b, start, buf, extPos, len);
        extStart[id] = extPos;
        extLen[id] = len;
        extPos += len;
        addKnown(id);
        return id;
    }

    /** Appends a token of term {@code id}. */
    void addKnown(int id) {
        if (count == ids.length) {
            ids = java.util.Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
    }

    /** Token {@code i} as an id in {@code [0, terms())}. */
    public int id(int i) {
        return ids[i];
    }

    /** The text of term {@code id} (allocates; for tests and debugging). */
    public String term(int id) {
        return external >= 0
                ? new String(buf, extStart[id], extLen[id])
                : new String(buf, table.termStart[id], table.termLen[id]);
    }

    static final byte KEEP = 0;
    static final byte UPPER = 1;
    static final byte SPLIT = 2;
    static final byte DROP = 3;

    static int asciiClass(char c) {
        return ASCII_CLASS[c];
    }

    /** Resets for a text of {@code n} chars filled by {@link TextScan}; returns the buffer. */
    char[] beginFused(int n) {
        table.reset();
        count = 0;
        external = -1;
        if (buf.length < n + 1) {
            buf = new char[Math.max(n + 1, buf.length * 2)];
        }
        return buf;
    }

    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        String punctuation = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~"; // string.punctuation minus '-'
        for (int c = 0; c < 128; c++) {
            byte cls = KEEP;
            if (c >= 'A' && c <= 'Z') {
                cls = UPPER;
            } else if ((c >= '0' && c <= '9') || c == '-') {
                cls = DROP;
            } else if (punctuation.indexOf(c) >= 0 || isPythonSpace((char) c)) {
                cls = SPLIT;
            }
            ASCII_CLASS[c] = (byte) cls;
        }
    }

    /** Python's {@code str.isspace()}, which {@code str.split()} splits on. */
    static boolean isPythonSpace(char c) {
        if (c < 128) {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
        }
        return c == 0x85
                || c == 0xa0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202f
                || c == 0x205f
                || c == 0x3000;
    }
}
