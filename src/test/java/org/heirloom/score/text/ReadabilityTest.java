package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/**
 * Syllables and readability. Expected syllable counts and positions are real Pyphen 0.13.2 output
 * (Debian python3-pyphen with hyphen-en-us 2.8.8: {@code Pyphen(lang="en_US").positions(w)}, also
 * checked identical when Pyphen reads our bundled resource). Expected readability values were
 * computed in Python from those syllable counts with the TextDescriptives formulas, e.g. for
 * TEXT_A: 16 words, 3 sentences, 35 syllables, 6 hard words, 6 long words, 94 word characters. The
 * registry's metrics use the en_GB patterns (Pyphen's "en"); the en_US ones stay available.
 */
class ReadabilityTest {

    static final String TEXT_A =
            "The cat sat on the mat. International communication is extraordinary! Do you"
                    + " understand the readability formula?";
    static final String TEXT_B =
            "Hyphenation is beautiful. Everything has a syllable count. Universities publish"
                    + " encyclopedias.";

    @Test
    void syllablesMatchPyphen() {
        Hyphenator h = Hyphenator.enUs();
        assertArrayEquals(new int[] {2, 6}, h.positions("hyphenation"));
        assertArrayEquals(new int[] {4, 6}, h.positions("beautiful"));
        assertArrayEquals(new int[] {4, 8, 9}, h.positions("readability"));
        assertArrayEquals(new int[] {3, 5, 7, 9}, h.positions("communication"));
        String[] words = {
            "the",
            "a",
            "cat",
            "syllable",
            "everything",
            "extraordinary",
            "international",
            "university",
            "information",
            "encyclopedia",
            "responsibility",
            "affinity",
            "difficult",
            "don't",
            "naïve",
            "café",
            "Pneumonoultramicroscopicsilicovolcanoconiosis"
        };
        int[] syllables = {1, 1, 1, 3, 3, 5, 5, 4, 4, 5, 6, 3, 3, 1, 1, 1, 14};
        for (int i = 0; i < words.length; i++) {
            assertEquals(syllables[i], h.syllables(words[i]), words[i]);
        }
    }

    @Test
    void textA() {
        Readability r = Readability.of(new TextScan().scan(TEXT_A), Hyphenator.enUs());
        assertEquals(new Readability(16, 3, 94, 35, 6, 6), r);
        assertEquals(17.133333333333336, r.gunningFog(), 1e-12);
        assertEquals(16.35916666666668, r.fleschReadingEase(), 1e-12);
        assertEquals(12.302499999999998, r.fleschKincaidGrade(), 1e-12);
        assertEquals(11.20814326018867, r.smog(), 1e-12);
        assertEquals(8.907916666666669, r.automatedReadabilityIndex(), 1e-12);
        assertEquals(13.195, r.colemanLiau(), 1e-12);
        assertEquals(42.833333333333336, r.lix(), 1e-12);
        assertEquals(2.0, r.rix(), 1e-12);
    }

    @Test
    void textBThroughRegistry() {
        MetricRegistry reg = MetricRegistry.standard();
        // The registry's metrics use Pyphen's "en" (en_GB) patterns: syllables 4 1 3 1 1 1 2 1 4 2
        // 6, four hard words (values from Pyphen 0.13.2 + hyphen-en-gb 7.5 and TD's formulas).
        assertEquals(16.01212121212121, reg.resolve("gunning_fog").score(TEXT_B), 1e-12);
        assertEquals(3.1496969696969757, reg.resolve("flesch_reading_ease").score(TEXT_B), 1e-12);
        assertEquals(13.730909090909094, reg.resolve("flesch_kincaid_grade").score(TEXT_B), 1e-12);
        assertEquals(9.725611199111238, reg.resolve("smog").score(TEXT_B), 1e-12);
        assertEquals(15.086060606060606, reg.resolve("ari").score(TEXT_B), 1e-12);
        assertEquals(19.425454545454546, reg.resolve("coleman_liau").score(TEXT_B), 1e-12);
        assertEquals(67.3030303030303, reg.resolve("lix").score(TEXT_B), 1e-12);
        assertEquals(2.3333333333333335, reg.resolve("rix").score(TEXT_B), 1e-12);
    }

    @Test
    void enGbPatternsAsPyphenEn() {
        // Pyphen(lang="en") reads hyph_en_GB.dic; positions from Pyphen 0.13.2 with that file.
        Hyphenator h = Hyphenator.en();
        assertArrayEquals(new int[] {2, 6, 7}, h.positions("hyphenation"));
        assertArrayEquals(new int[] {4, 6}, h.positions("beautiful"));
        assertArrayEquals(new int[] {4, 6, 8}, h.positions("readability"));
        assertArrayEquals(new int[] {2, 5, 7, 11}, h.positions("international"));
        assertArrayEquals(new int[] {3, 6}, h.positions("university"));
        assertArrayEquals(new int[] {2}, h.positions("water"));
        assertArrayEquals(new int[] {}, h.positions("apples"));
        assertArrayEquals(new int[] {}, h.positions("everything"));
        // "Apples provide water.": 3 words, 1 sentence, 1 + 1 + 2 syllables:
        // FRE = 206.835 − 1.015·3 − 84.6·4/3 = 90.99; FK = 0.39·3 + 11.8·4/3 − 15.59 = 1.31
        MetricRegistry reg = MetricRegistry.standard();
        assertEquals(
                90.99, reg.resolve("flesch_reading_ease").score("Apples provide water."), 1e-9);
        assertEquals(
                1.3133333333333361,
                reg.resolve("flesch_kincaid_grade").score("Apples provide water."),
                1e-9);
    }

    @Test
    void whitespaceOnlyTextIsOneWhitespaceToken() {
        // TextDescriptives: one whitespace token in one sentence, no hard words → 0.4 · (1 + 0).
        MetricRegistry reg = MetricRegistry.standard();
        assertEquals(0.4, reg.resolve("gunning_fog").score("   "), 1e-12);
        assertEquals(0.4, reg.resolve("gunning_fog").score("\n"), 1e-12);
        assertTrue(Double.isNaN(reg.resolve("gunning_fog").score("")));
    }

    @Test
    void handComputedShortText() {
        // "The cat sat." 3 words, 1 sentence, 3 syllables, no hard or long words:
        // fog = 0.4 * 3 = 1.2; FRE = 206.835 - 1.015*3 - 84.6*1 = 119.19; FK = 1.17 + 11.8 - 15.59
        Readability r = Readability.of(new TextScan().scan("The cat sat."), Hyphenator.enUs());
        assertEquals(1.2, r.gunningFog(), 1e-12);
        assertEquals(119.19, r.fleschReadingEase(), 1e-9);
        assertEquals(-2.62, r.fleschKincaidGrade(), 1e-9);
        assertTrue(Double.isNaN(r.smog())); // fewer than 3 sentences
        assertEquals(3.0, r.lix(), 1e-12);
        assertEquals(0.0, r.rix(), 1e-12);
    }
}
