package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden values. The README example and its outputs are LexicalRichness 0.5.1's published README
 * (github.com/LSYS/LexicalRichness, "Quickstart"). Edge cases were computed with the reference
 * algorithm (LexicalRichness 0.5.1's preprocess/tokenize/mtld/mattr/hdd run under CPython 3.11) and
 * checked by hand where noted.
 */
class LexicalDiversityTest {

    /** The README's text, whitespace as in the README (tabs and spaces do not matter). */
    static final String README =
            "Measure of textual lexical diversity, computed as the mean length of sequential"
                    + " words in\n            \t\ta text that maintains a minimum threshold TTR"
                    + " score.\n\n            \t\tIterates over words until TTR scores falls"
                    + " below a threshold, then increase factor\n            \t\tcounter by 1 and"
                    + " start over. McCarthy and Jarvis (2010, pg. 385) recommends a factor\n"
                    + "            \t\tthreshold in the range of [0.660, 0.750].\n            "
                    + "\t\t(McCarthy 2005, McCarthy and Jarvis 2010)";

    static LexTokens lex(String s) {
        return new LexTokens().tokenize(s);
    }

    static List<String> words(LexTokens t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.words(); i++) {
            out.add(t.term(t.id(i)));
        }
        return out;
    }

    @Test
    void readmeExampleMatchesPublishedValues() {
        LexTokens t = lex(README);
        assertEquals(57, t.words());
        assertEquals(39, t.terms());
        assertEquals(0.6842105263157895, LexicalDiversity.ttr(t));
        assertEquals(46.79226361031519, LexicalDiversity.mtld(t, 0.72)); // exact
        assertEquals(0.8351515151515151, LexicalDiversity.mattr(t, 25));
        // scipy's hypergeom.pmf differs in the last digits between versions
        // (README 0.7468703323966486, scipy 1.17 0.7468703323966481).
        assertEquals(0.7468703323966486, LexicalDiversity.hdd(t, 42), 1e-12);
    }

    @Test
    void emptyAndWordlessTextsScoreZero() {
        for (String s : new String[] {"", "   \n\t", "!!! ... ???", "123 456", "- – —"}) {
            LexTokens t = lex(s);
            assertEquals(0, t.words(), s);
            assertEquals(0.0, LexicalDiversity.mtld(t, 0.72), s);
            assertTrue(Double.isNaN(LexicalDiversity.ttr(t)));
            assertTrue(Double.isNaN(LexicalDiversity.mattr(t, 100)));
        }
    }

    @Test
    void oneWordAndRepetitions() {
        // One word: no factor, whole-text TTR 1 -> one factor: 1 / 1.
        assertEquals(1.0, LexicalDiversity.mtld(lex("hello"), 0.72));
        // "word" x3: factor at the 2nd word (TTR .5), then a partial factor (1-1)/.28 = 0: 3/1.
        assertEquals(3.0, LexicalDiversity.mtld(lex("word word word"), 0.72));
        // x4: two full factors, nothing left: 4/2.
        assertEquals(2.0, LexicalDiversity.mtld(lex("word word word word"), 0.72));
        assertEquals(1.0 / 4, LexicalDiversity.ttr(lex("Word word WORD word.")));
    }

    @Test
    void preprocessingMatchesReference() {
        assertEquals(List.of("abcdef", "x"), words(lex("abc123def x")));
        assertEquals(
                List.of("wellknown", "stateoftheart"), words(lex("well-known – state—of—the—art")));
        assertEquals(List.of("ünïcödé", "ünïcödé", "café"), words(lex("Ünïcödé ÜNÏCÖDÉ café")));
        assertEquals(List.of("οδυσσευς", "σ"), words(lex("ΟΔΥΣΣΕΥΣ Σ"))); // final sigma
        assertEquals(List.of("a", "b", "c"), words(lex("a\u00a0b\u2003c"))); // Python spaces
        assertEquals(List.of("i\u0307stanbul", "istanbul"), words(lex("İstanbul istanbul")));
        assertEquals(List.of("don", "t", "stop"), words(lex("Don't stop!")));
        assertEquals(2.0, LexicalDiversity.mtld(lex("well-known – state—of—the—art"), 0.72));
        assertEquals(3.0, LexicalDiversity.mtld(lex("Ünïcödé ÜNÏCÖDÉ café"), 0.72));
    }

    @Test
    void partialFactorsMatchReference() {
        LexTokens a = lex("a b a b c a b c d a b c d e a");
        assertEquals(5.0, LexicalDiversity.mtld(a, 0.72));
        assertEquals(0.7636363636363636, LexicalDiversity.mattr(a, 5));
        assertEquals(0.6806526806526807, LexicalDiversity.hdd(a, 5), 1e-12);
        LexTokens b =
                lex(
                        "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs"
                                + " away, and the quick dog follows the fox again and again.");
        assertEquals(26, b.words());
        assertEquals(14, b.terms());
        assertEquals(11.289473684210527, LexicalDiversity.mtld(b, 0.72));
        assertEquals(0.9181818181818181, LexicalDiversity.mattr(b, 5));
        assertEquals(0.868245667376102, LexicalDiversity.hdd(b, 5), 1e-12);
        LexTokens c =
                lex(
                        "one two three one two three four five one one one two six seven eight"
                                + " nine ten one");
        assertEquals(9.0, LexicalDiversity.mtld(c, 0.72));
        assertEquals(0.8142857142857142, LexicalDiversity.mattr(c, 5));
    }

    @Test
    void reusedBuffersGiveSameResults() {
        LexTokens t = new LexTokens();
        double first = LexicalDiversity.mtld(t.tokenize(README), 0.72);
        LexicalDiversity.mtld(t.tokenize("a b a b c a b c d"), 0.72);
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            big.append("w").append(Integer.toString(i, 26).replaceAll("[0-9]", "x")).append(' ');
        }
        LexicalDiversity.mtld(t.tokenize(big.toString()), 0.72);
        assertEquals(first, LexicalDiversity.mtld(t.tokenize(README), 0.72));
    }

    @Test
    void distinctAndRepetition() {
        // a b a b a: bigrams ab ba ab ba -> 2 distinct of 4.
        LexTokens t = lex("a b a b a");
        assertEquals(2.0 / 5, LexicalDiversity.distinct(t, 1));
        assertEquals(2.0 / 4, LexicalDiversity.distinct(t, 2));
        // trigrams aba bab aba -> 2 of 3
        assertEquals(2.0 / 3, LexicalDiversity.distinct(t, 3));
        assertEquals(1 - 2.0 / 3, LexicalDiversity.repetition(t, 3));
        assertEquals(0.0, LexicalDiversity.repetition(lex("a b c d e"), 4));
        assertTrue(Double.isNaN(LexicalDiversity.distinct(lex("a b"), 3)));
    }

    @Test
    void mattrAndHddUndefinedForShortTexts() {
        assertTrue(Double.isNaN(LexicalDiversity.mattr(lex("a b c"), 100)));
        assertTrue(Double.isNaN(LexicalDiversity.hdd(lex("a b c"), 42)));
        // Window equal to length: one window = TTR.
        assertEquals(2.0 / 3, LexicalDiversity.mattr(lex("a b a"), 3));
    }
}
