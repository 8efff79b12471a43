package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass analysis (TextScan filling LexTokens) must equal the two separate passes. */
class FusedAnalysisTest {

    static final String ALPHABET = "abcXYZ   \n\t09-–—'’.,!?;:()[]\"é\u00a0Σ";

    @Test
    void fusedEqualsSeparateOnRandomTexts() {
        SplittableRandom rnd = new SplittableRandom(1);
        int fusedCount = 0;
        for (int t = 0; t < 3000; t++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(80);
            boolean asciiOnly = rnd.nextBoolean();
            for (int i = 0; i < len; i++) {
                char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
                if (asciiOnly && c >= 128) {
                    c = ' ';
                }
                sb.append(c);
            }
            String s = sb.toString();
            LexTokens separate = new LexTokens().tokenize(s);
            TextScan alone = new TextScan().scan(s);
            LexTokens fused = new LexTokens();
            TextScan both = new TextScan();
            if (both.scan(s, fused)) {
                fusedCount++;
                assertEquals(
                        LexicalDiversityTest.words(separate), LexicalDiversityTest.words(fused), s);
                assertEquals(separate.terms(), fused.terms(), s);
                assertEquals(
                        LexicalDiversity.mtld(separate, 0.72), LexicalDiversity.mtld(fused, 0.72));
            } else {
                assertFalse(s.chars().allMatch(c -> c < 128), s);
            }
            assertEquals(alone.words(), both.words(), s);
            assertEquals(alone.uniqueWords(), both.uniqueWords(), s);
            assertEquals(alone.sentences(), both.sentences(), s);
            assertEquals(alone.characters(), both.characters(), s);
            assertEquals(alone.wordChars(), both.wordChars(), s);
        }
        assertEquals(true, fusedCount > 1000, "fused path exercised " + fusedCount + " times");
    }
}
