package org.heirloom.score.text;

import java.util.List;

/**
 * Readability indices over a {@link TextScan}, with TextDescriptives 2.x's formulas (which the
 * paper's profiling uses). Syllables come from {@link Hyphenator#en()} (Pyphen "en", i.e. the en_GB
 * patterns, as TextDescriptives asks for): hyphenation points + 1. Hard words have 3 or more
 * syllables; long words more than 6 characters.
 *
 * @param words words
 * @param sentences sentences
 * @param wordChars code points in words
 * @param syllables total syllables
 * @param hardWords words with at least 3 syllables
 * @param longWords words longer than 6 characters
 */
public record Readability(
        int words, int sentences, long wordChars, long syllables, int hardWords, int longWords) {

    /**
     * Counts as TextDescriptives does: words are spaCy tokens ({@link SpacyEnglishTokenizer}) that
     * are not punctuation and contain no apostrophe, sentences come from spaCy's rule-based
     * sentencizer, syllables from Pyphen of the lower-cased token (at least 1), and a word is long
     * above 6 code points.
     */
    public static Readability textDescriptives(String text, Hyphenator hyphenator) {
        return textDescriptives(SpacyEnglishTokenizer.tokenize(text), hyphenator);
    }

    /** As {@link #textDescriptives(String, Hyphenator)}, on the text's spaCy tokens. */
    public static Readability textDescriptives(List<String> tokens, Hyphenator hyphenator) {
        int words = 0;
        long chars = 0;
        long syllables = 0;
        int hard = 0;
        int longWords = 0;
        for (String t : tokens) {
            if (!SpacyEnglishTokenizer.tdWord(t)) {
                continue;
            }
            words++;
            int len = t.codePointCount(0, t.length());
            chars += len;
            // TD counts the hyphens of Pyphen's inserted() form, so a hyphen already in the token
            // ("COVID-19") adds a syllable too.
            int syl =
                    Math.max(
                            1,
                            cachedSyllables(hyphenator, PyLower.lower(t))
                                    + (int) t.chars().filter(c -> c == '-').count());
            syllables += syl;
            if (syl >= 3) {
                hard++;
            }
            if (len > 6) {
                longWords++;
            }
        }
        int sentences = SpacyEnglishTokenizer.sentenceStarts(tokens).size();
        return new Readability(words, sentences, chars, syllables, hard, longWords);
    }

    /** Counts syllables, hard and long words of a scanned text (Heirloom's word rules). */
    public static Readability of(TextScan scan, Hyphenator hyphenator) {
        String blank = scan.text();
        if (scan.words == 0 && !blank.isEmpty() && blank.isBlank()) {
            // TextDescriptives counts spaCy tokens, and a whitespace-only text is one whitespace
            // token (one syllable: max(1, hyphens + 1)) in one sentence: Fog 0.4, not undefined.
            int len = blank.codePointCount(0, blank.length());
            return new Readability(1, 1, len, 1, 0, len > 6 ? 1 : 0);
        }
        long syllables = 0;
        int hard = 0;
        int longWords = 0;
        String text = scan.text();
        for (int i = 0; i < scan.words; i++) {
            int syl =
                    cachedSyllables(hyphenator, text.substring(scan.wordBegin[i], scan.wordEnd[i]));
            syllables += syl;
            if (syl >= 3) {
                hard++;
            }
            if (scan.wordLen[i] > 6) {
                longWords++;
            }
        }
        return new Readability(
                scan.words, scan.sentences, scan.wordChars, syllables, hard, longWords);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Words repeat (Zipf), so a bounded cache of default (en) syllable counts pays off. */
    private static int cachedSyllables(Hyphenator h, String word) {
        if (h != Hyphenator.en()) {
            return h.syllables(word);
        }
        Integer c = CACHE.get(word);
        if (c == null) {
            if (CACHE.size() > 200_000) {
                CACHE.clear();
            }
            c = h.syllables(word);
            CACHE.put(word, c);
        }
        return c;
    }

    private double wordsPerSentence() {
        return (double) words / sentences;
    }

    private double syllablesPerWord() {
        return (double) syllables / words;
    }

    private double charsPerWord() {
        return (double) wordChars / words;
    }

    private boolean empty() {
        return words == 0 || sentences == 0;
    }

    /** 0.4 × (words/sentence + 100 × hard words / words). */
    public double gunningFog() {
        return empty() ? Double.NaN : 0.4 * (wordsPerSentence() + (double) hardWords / words * 100);
    }

    /** 206.835 − 1.015 × words/sentence − 84.6 × syllables/word. */
    public double fleschReadingEase() {
        return empty()
                ? Double.NaN
                : 206.835 - (1.015 * wordsPerSentence()) - (84.6 * syllablesPerWord());
    }

    /** 0.39 × words/sentence + 11.8 × syllables/word − 15.59. */
    public double fleschKincaidGrade() {
        return empty() ? Double.NaN : 0.39 * wordsPerSentence() + 11.8 * syllablesPerWord() - 15.59;
    }

    /** 1.043 × √(30 × hard words / sentences) + 3.1291; NaN below 3 sentences. */
    public double smog() {
        return empty() || sentences < 3
                ? Double.NaN
                : 1.043 * Math.sqrt(30 * ((double) hardWords / sentences)) + 3.1291;
    }

    /** 4.71 × characters/word + 0.5 × words/sentence − 21.43. */
    public double automatedReadabilityIndex() {
        return empty() ? Double.NaN : 4.71 * charsPerWord() + 0.5 * wordsPerSentence() - 21.43;
    }

    /** 0.0588 × L − 0.296 × S − 15.8 (L letters per 100 words, S sentences per 100 words). */
    public double colemanLiau() {
        return empty()
                ? Double.NaN
                : 0.0588 * (charsPerWord() * 100)
                        - 0.296 * ((double) sentences / words * 100)
                        - 15.8;
    }

    /** words/sentence + 100 × long words / words. */
    public double lix() {
        return empty() ? Double.NaN : wordsPerSentence() + (double) longWords / words * 100;
    }

    /** long words / sentences. */
    public double rix() {
        return empty() ? Double.NaN : (double) longWords / sentences;
    }
}
