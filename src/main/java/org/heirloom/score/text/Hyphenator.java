package org.heirloom.score.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Liang hyphenation with Hyphen-format patterns, reproducing Pyphen ({@code Pyphen(lang=...)},
 * left=2, right=2): lower-case the word, wrap it in dots, take the maximum pattern value at every
 * gap, keep odd gaps at positions {@code 2 <= p <= len - 2}. Immutable after loading and
 * thread-safe; the patterns live in a trie for allocation-free lookups.
 *
 * <p>TextDescriptives asks for {@code Pyphen(lang="en")}, which Pyphen resolves to {@code
 * hyph_en_GB.dic} (the first English file in sorted order): {@link #en()}, the default for the
 * readability metrics. {@link #enUs()} is the US file, kept as a named alternative.
 */
public final class Hyphenator {

    private static final String EN_US = "hyph_en_US.dic";
    private static final String EN_GB = "hyph_en_GB.dic";
    private static volatile Hyphenator enUs;
    private static volatile Hyphenator enGb;

    // Trie: children of node n are found through childKey (n << 32 | char) -> node.
    private final Map<Long, Integer> children = new HashMap<>();
    private int[][] values = new int[1024][];
    private int[] offsets = new int[1024];
    private int nodes = 1;
    private final int left;
    private final int right;

    private Hyphenator(InputStream in, int left, int right) throws IOException {
        this.left = left;
        this.right = right;
        BufferedReader first =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        String charsetLine = first.readLine();
        Charset cs = Charset.forName(charsetLine == null ? "UTF-8" : charsetLine.trim());
        // Re-decode the rest with the declared charset (ISO-8859-1 round-trips the bytes).
        String line;
        while ((line = first.readLine()) != null) {
            String p = new String(line.getBytes(StandardCharsets.ISO_8859_1), cs).strip();
            if (p.isEmpty()
                    || p.startsWith("%")
                    || p.startsWith("#")
                    || p.startsWith("LEFTHYPHENMIN")
                    || p.startsWith("RIGHTHYPHENMIN")
                    || p.startsWith("COMPOUNDLEFTHYPHENMIN")
                    || p.startsWith("COMPOUNDRIGHTHYPHENMIN")) {
                continue;
            }
            addPattern(p);
        }
    }

    /** The en-US patterns bundled with Heirloom (the file Pyphen uses for en_US). */
    public static Hyphenator enUs() {
        Hyphenator h = enUs;
        if (h == null) {
            synchronized (Hyphenator.class) {
                if (enUs == null) {
                    enUs = bundled(EN_US);
                }
                h = enUs;
            }
        }
        return h;
    }

    /**
     * The en-GB patterns bundled with Heirloom: what Pyphen uses for "en" and "en_GB", hence
     * TextDescriptives' syllables.
     */
    public static Hyphenator en() {
        Hyphenator h = enGb;
        if (h == null) {
            synchronized (Hyphenator.class) {
                if (enGb == null) {
                    enGb = bundled(EN_GB);
                }
                h = enGb;
            }
        }
        return h;
    }

    private static Hyphenator bundled(String resource) {
        try (InputStream in = Hyphenator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new Hyphenator(in, 2, 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads patterns from a Hyphen .dic stream (first line: charset). */
    public static Hyphenator load(InputStream in, int left, int right) throws IOException {
        return new Hyphenator(in, left, right);
    }

    private void addPattern(String pattern) {
        // Pyphen: findall((\d?)(\D?)) pairs each letter with the digit before it; a trailing
        // digit gets an empty tag.
        StringBuilder tags = new StringBuilder();
        int[] vals = new int[pattern.length() + 1];
        int k = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int v = 0;
            if (c >= '0' && c <= '9') {
                v = c - '0';
                i++;
            }
            vals[k++] = v;
            if (i < pattern.length()) {
                char t = pattern.charAt(i);
                if (!(t >= '0' && t <= '9')) {
                    tags.append(t);
                    i++;
                }
            }
        }
        int start = 0;
        int end = k;
        while (start < end && vals[start] == 0) {
            start++;
        }
        if (start == end) {
            return; // only zeros
        }
        while (vals[end - 1] == 0) {
            end--;
        }
        int node = 0;
        for (int j = 0; j < tags.length(); j++) {
            long key = ((long) node << 32) | tags.charAt(j);
            Integer child = children.get(key);
            if (child == null) {
                child = nodes++;
                if (child == values.length) {
                    values = java.util.Arrays.copyOf(values, child * 2);
                    offsets = java.util.Arrays.copyOf(offsets, child * 2);
                }
                children.put(key, child);
            }
            node = child;
        }
        // Pyphen keeps the last definition of a duplicate pattern (dict assignment).
        values[node] = java.util.Arrays.copyOfRange(vals, start, end);
        offsets[node] = start;
    }

    /** Hyphenation positions of {@code word} (Pyphen's {@code positions}). */
    public int[] positions(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        int[] refs = references(w);
        int count = 0;
        int max = w.length() - right;
        int[] out = new int[w.length()];
        for (int i = 0; i < refs.length; i++) {
            int pos = i - 1;
            if ((refs[i] & 1) == 1 && pos >= left && pos <= max) {
                out[count++] = pos;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * Syllables as TextDescriptives counts them with Pyphen: hyphenation points + 1 (at least 1).
     */
    public int syllables(String word) {
        return positions(word).length + 1;
    }

    private int[] references(String w) {
        int n = w.length() + 2;
        char[] pointed = new char[n];
        pointed[0] = '.';
        w.getChars(0, w.length(), pointed, 1);
        pointed[n - 1] = '.';
        int[] refs = new int[n + 1];
        for (int i = 0; i < n - 1; i++) {
            int node = 0;
            for (int j = i; j < n; j++) {
                Integer child = children.get(((long) node << 32) | pointed[j]);
                if (child == null) {
                    break;
                }
                node = child;
                int[] v = values[node];
                if (v != null) {
                    int at = i + offsets[node];
                    for (int m = 0; m < v.length && at + m < refs.length; m++) {
                        if (v[m] > refs[at + m]) {
                            refs[at + m] = v[m];
                        }
                    }
                }
            }
        }
        return refs;
    }
}
