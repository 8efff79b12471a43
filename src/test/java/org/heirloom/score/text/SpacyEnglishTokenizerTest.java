package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected tokens, word counts (TextDescriptives' filter_tokens: not punctuation, no straight
 * apostrophe) and sentence counts are spaCy 3.8's, from {@code spacy.blank("en")} with the {@code
 * sentencizer} on the same strings.
 */
class SpacyEnglishTokenizerTest {

    private static void check(String text, List<String> tokens, int words, int sentences) {
        List<String> got = SpacyEnglishTokenizer.tokenize(text);
        assertEquals(tokens, got, text);
        assertEquals(
                words,
                got.stream().filter(SpacyEnglishTokenizer::tdWord).count(),
                "words: " + text);
        assertEquals(
                sentences, SpacyEnglishTokenizer.sentenceStarts(got).size(), "sentences: " + text);
    }

    @Test
    void contractionsSplit() {
        // The curly n’t has no straight apostrophe, so TextDescriptives counts it: 4 words.
        check("They don’t care.", List.of("They", "do", "n’t", "care", "."), 4, 1);
        check("They don't care.", List.of("They", "do", "n't", "care", "."), 3, 1);
        check(
                "I'm sure it's 3.5km/h or 10%.",
                List.of("I", "'m", "sure", "it", "'s", "3.5", "km/h", "or", "10", "%", "."), 7, 1);
    }

    @Test
    void urlsAndWhitespaceRuns() {
        // A URL is one token; extra spaces and newlines are tokens (and words) of their own; the
        // blank line does not end the sentence, the period does.
        check(
                "See https://example.com/a?b=1 now.  Two  spaces\n\nNew para.",
                List.of(
                        "See",
                        "https://example.com/a?b=1",
                        "now",
                        ".",
                        " ",
                        "Two",
                        " ",
                        "spaces",
                        "\n\n",
                        "New",
                        "para",
                        "."),
                10,
                2);
        check(
                "First line\n\nsecond line without stop",
                List.of("First", "line", "\n\n", "second", "line", "without", "stop"),
                7,
                1);
    }

    @Test
    void affixesInfixesAndExceptions() {
        check(
                "Dr. Smith's well-known (U.S.) cafe costs $5.50, e.g. 100°F... Really?! Yes",
                List.of(
                        "Dr.", "Smith", "'s", "well", "-", "known", "(", "U.S.", ")", "cafe",
                        "costs", "$", "5.50", ",", "e.g.", "100", "°", "F", "...", "Really", "?",
                        "!", "Yes"),
                15,
                2);
    }

    @Test
    void readabilityCountsAsTextDescriptives() {
        // "They don’t care." → 4 words (They, do, n’t, care), 1 sentence, 4 syllables:
        // FK = 0.39·4 + 11.8·1 − 15.59 = −2.23.
        Readability r = Readability.textDescriptives("They don’t care.", Hyphenator.en());
        assertEquals(4, r.words());
        assertEquals(1, r.sentences());
        assertEquals(-2.23, r.fleschKincaidGrade(), 1e-9);
        // A hyphen already in a token is one more hyphen in Pyphen's inserted() form: "COVID-19"
        // is "cov-id-19" → 3 syllables.
        assertEquals(3, Readability.textDescriptives("COVID-19", Hyphenator.en()).syllables());
    }
}
