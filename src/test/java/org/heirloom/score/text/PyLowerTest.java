package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected strings are CPython 3's {@code str.lower()} output (Unicode's Final_Sigma context: a
 * capital sigma after a cased letter, with only case-ignorable characters between, and no cased
 * letter after it, becomes ς). Java's {@code toLowerCase} gives the opposite on several of them.
 */
class PyLowerTest {

    @Test
    void finalSigmaAsPython() {
        assertEquals("οδος οδος-α", PyLower.lower("ΟΔΟΣ ΟΔΟΣ-Α"));
        assertEquals("ας-β ας-β", PyLower.lower("ΑΣ-Β ας-β")); // Java: ασ-β
        assertEquals("ας_β", PyLower.lower("ΑΣ_Β")); // Java: ασ_β
        assertEquals("ασ:β", PyLower.lower("ΑΣ:Β")); // ':' is case-ignorable; Java: ας:β
        assertEquals("ασ’β", PyLower.lower("ΑΣ’Β")); // Java: ας’β
        assertEquals("ας\u0301 βς1", PyLower.lower("ΑΣ\u0301 ΒΣ1"));
        assertEquals("σ", PyLower.lower("Σ")); // nothing cased before it
        assertEquals("i\u0307stanbul", PyLower.lower("İSTANBUL"));
        assertEquals("plain ascii", PyLower.lower("Plain ASCII"));
    }

    @Test
    void ttrFollowsPythonsLowerCasing() {
        // LexicalRichness lower-cases the whole text, then strips punctuation: both tokens are
        // "αςβ" under Python (TTR 1/2); Java's lower-casing would make them differ (TTR 1).
        assertEquals(0.5, LexicalDiversity.ttr(new LexTokens().tokenize("ΑΣ-Β ας-β")), 1e-12);
    }
}
