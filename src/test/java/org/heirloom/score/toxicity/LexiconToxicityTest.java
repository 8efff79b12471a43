package org.heirloom.score.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;

/** Hand-computed lexicon scores (weights in LexiconToxicity). */
class LexiconToxicityTest {

    final LexiconToxicity lex = new LexiconToxicity();

    @Test
    void cleanTextIsZero() {
        assertEquals(0.0, lex.score("The weather is lovely and the garden is in bloom."));
        assertEquals(0.0, lex.score(""));
    }

    @Test
    void singleWordsUseTheirWeight() {
        assertEquals(0.72, lex.score("That was a stupid plan."), 1e-12);
        assertEquals(0.92, lex.score("What the fuck."), 1e-12);
        // stems inside words and masked spellings
        assertEquals(0.75, lex.score("That is bullshit"), 1e-12);
        assertEquals(0.92, lex.score("motherfucking traffic"), 1e-12);
        assertEquals(0.92, lex.score("f*ck this"), 1e-12);
    }

    @Test
    void noisyOrCombines() {
        // stupid (0.72) and idiot (0.8): 1 - 0.28 * 0.2 = 0.944
        assertEquals(0.944, lex.score("stupid idiot"), 1e-12);
    }

    @Test
    void negationQuotesCapsAndTarget() {
        assertEquals(0.72 * 0.3, lex.score("It is not stupid."), 1e-12);
        assertEquals(0.72 * 0.8, lex.score("He said \"stupid\" twice."), 1e-12);
        assertEquals(0.72 * 1.15, lex.score("That was STUPID."), 1e-12);
        assertEquals(0.72 * 1.25, lex.score("you stupid"), 1e-12);
        // profanity is not negatable
        assertEquals(0.92, lex.score("not fucking funny"), 1e-12);
    }

    @Test
    void registryDefaultIsTheLexiconAndIsLabelledSubstitute() {
        try (Metric m = MetricRegistry.standard().resolve("toxicity")) {
            assertEquals("lexicon", m.id().params().get("backend"));
            assertTrue(m.description().contains("substitute"));
            assertEquals(0.72, m.score("stupid"), 1e-12);
        }
    }
}
