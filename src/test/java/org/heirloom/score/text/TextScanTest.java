package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/** Hand-counted text statistics (rules in TextScan's javadoc and docs/metrics.md). */
class TextScanTest {

    static TextScan scan(String s) {
        return new TextScan().scan(s);
    }

    @Test
    void empty() {
        TextScan s = scan("");
        assertEquals(0, s.characters());
        assertEquals(0, s.words());
        assertEquals(0, s.uniqueWords());
        assertEquals(0, s.sentences());
        MetricRegistry r = MetricRegistry.standard();
        assertTrue(Double.isNaN(r.resolve("mean_word_length").score("")));
        assertTrue(Double.isNaN(r.resolve("mean_sentence_length").score("")));
        assertTrue(Double.isNaN(r.resolve("gunning_fog").score("")));
    }

    @Test
    void oneWordAndRepeatedWord() {
        TextScan s = scan("Hello");
        assertEquals(5, s.characters());
        assertEquals(1, s.words());
        assertEquals(1, s.sentences());
        s = scan("Hello hello HELLO.");
        assertEquals(16, s.characters()); // 18 code points minus 2 spaces
        assertEquals(3, s.words());
        assertEquals(1, s.uniqueWords());
        assertEquals(15, s.wordChars());
        assertEquals(1, s.sentences());
        assertEquals(
                5.0,
                MetricRegistry.standard()
                        .resolve("mean_word_length")
                        .score("Hi hello".replace("Hi", "Hello")));
    }

    @Test
    void punctuationOnlyHasCharactersButNoWords() {
        TextScan s = scan("!!! ???\n...");
        assertEquals(10, s.characters()); // 11 code points; the newline counts, the space not
        assertEquals(0, s.words());
        assertEquals(0, s.sentences());
    }

    @Test
    void digitsJoinOnDecimalPointsAndThousands() {
        TextScan s = scan("It costs 3.50 dollars, 1,000 in total.");
        assertEquals(7, s.words()); // It costs 3.50 dollars 1,000 in total
        assertEquals(1, s.sentences());
        assertEquals(2 + 5 + 4 + 7 + 5 + 2 + 5, s.wordChars());
    }

    @Test
    void dashesSeparateWords() {
        TextScan s = scan("A well-known state-of-the-art — fine.");
        assertEquals(8, s.words()); // A well known state of the art fine
        assertEquals(8, s.uniqueWords());
    }

    @Test
    void nonAscii() {
        TextScan s = scan("Ünïcödé café 😀 naïve. ÜNÏCÖDÉ");
        assertEquals(4, s.words()); // the emoji is not a word
        assertEquals(3, s.uniqueWords()); // Ünïcödé = ÜNÏCÖDÉ
        assertEquals(7 + 4 + 1 + 6 + 7, s.characters()); // code points, the emoji is one
        assertEquals(7 + 4 + 5 + 7, s.wordChars());
        assertEquals(2, s.sentences());
        // CJK full stop
        assertEquals(2, scan("你好。世界。").sentences());
    }

    @Test
    void apostrophesJoinContractions() {
        TextScan s = scan("Don't stop — it's John’s.");
        assertEquals(4, s.words()); // Don't stop it's John’s
    }

    @Test
    void sentenceSplitting() {
        assertEquals(
                5,
                scan("Mr. Smith went to Washington. He met J. R. Doe! Did he? Yes.\n\n"
                                + "New paragraph without end")
                        .sentences());
        assertEquals(2, scan("\"Stop.\" She said.").sentences());
        assertEquals(2, scan("First line\n\nSecond line").sentences());
        assertEquals(1, scan("One line\nand a wrapped line").sentences());
        assertEquals(1, scan("Version 3.5 is out").sentences());
        assertEquals(2, scan("Wait... what").sentences());
    }

    @Test
    void metricsThroughRegistry() {
        MetricRegistry r = MetricRegistry.standard();
        String text = "The cat sat. The dog ran away!";
        assertEquals(7, r.resolve("words").score(text));
        assertEquals(6, r.resolve("unique_words").score(text));
        assertEquals(2, r.resolve("sentences").score(text));
        assertEquals(24, r.resolve("characters").score(text));
        assertEquals(3.5, r.resolve("mean_sentence_length").score(text));
        assertEquals((3 + 3 + 3 + 3 + 3 + 3 + 4) / 7.0, r.resolve("mean_word_length").score(text));
    }
}
