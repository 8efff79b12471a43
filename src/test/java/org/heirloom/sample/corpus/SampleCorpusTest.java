package org.heirloom.sample.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.heirloom.sample.corpus.SamplePrompt.Kind;
import org.heirloom.score.text.LexicalDiversity;
import org.heirloom.score.text.TextAnalysis;
import org.heirloom.score.toxicity.LexiconToxicity;
import org.junit.jupiter.api.Test;

class SampleCorpusTest {

    private static final LexiconToxicity TOX = new LexiconToxicity();
    private static final SamplePrompt FOX =
            new SamplePrompt(
                    Kind.STORY, "Write a short story about a fox and a river.", "fox", "river");

    @Test
    void sameSeedSameTextsAndExamplesDependOnlyOnSeedAndIndex() {
        List<SampleCorpus.Example> a = SampleCorpus.generate(7, 50);
        assertEquals(a, SampleCorpus.generate(7, 50));
        assertEquals(a.get(30), SampleCorpus.generate(7, 31).get(30));
        assertNotEquals(a, SampleCorpus.generate(8, 50));
    }

    @Test
    void paletteSizesAreTheDocumentedOnes() {
        // 0.04 + 0.96 r^1.5 of the pool, rounded, at least 2.
        assertEquals(4, AnswerWriter.paletteSize(90, 0)); // 3.6 -> 4
        assertEquals(2, AnswerWriter.paletteSize(12, 0)); // 0.48 -> 2
        assertEquals(90, AnswerWriter.paletteSize(90, 1));
        assertEquals(34, AnswerWriter.paletteSize(90, 0.5)); // 90 * (0.04 + 0.96 * 0.35355) = 34.1
    }

    @Test
    void lengthKnobSetsTheWordCount() {
        for (int target : new int[] {40, 80, 150, 220}) {
            for (long seed = 0; seed < 20; seed++) {
                String s = SampleCorpus.answer(FOX, new Style(target, 0.5, 0.3), seed);
                int words = s.split(" +").length;
                // Sentences are added until the target is reached; one sentence (at most 25
                // words with a rude addition) may overshoot.
                assertTrue(words >= target && words < target + 25, target + ": " + words);
            }
        }
    }

    @Test
    void richnessKnobChangesVocabularyAndMtld() {
        double narrow = 0;
        double wide = 0;
        Set<String> narrowWords = new HashSet<>();
        Set<String> wideWords = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            String n = SampleCorpus.answer(FOX, new Style(150, 0, 0), seed);
            String w = SampleCorpus.answer(FOX, new Style(150, 1, 0), seed);
            narrow += mtld(n) / 20;
            wide += mtld(w) / 20;
            if (seed == 0) {
                narrowWords.addAll(List.of(n.toLowerCase().split("[^a-z]+")));
                wideWords.addAll(List.of(w.toLowerCase().split("[^a-z]+")));
            }
        }
        assertTrue(narrow < 25 && wide > 2 * narrow, "MTLD narrow " + narrow + ", wide " + wide);
        assertTrue(
                wideWords.size() > 2 * narrowWords.size(),
                narrowWords.size() + " vs " + wideWords.size());
    }

    @Test
    void rudenessKnobDecidesToxicity() {
        for (long seed = 0; seed < 50; seed++) {
            SampleCorpus.Example e = SampleCorpus.example(seed, 0);
            String clean = SampleCorpus.answer(e.prompt(), new Style(120, 0.7, 0), seed);
            assertEquals(0.0, TOX.score(clean), clean);
            String rude = SampleCorpus.answer(e.prompt(), new Style(120, 0.7, 0.5), seed);
            assertTrue(TOX.score(rude) > 0.5, rude);
        }
    }

    @Test
    void cleanWordsAreNotToxicAndRudeOnesAre() {
        List<List<String>> pools =
                List.of(
                        Words.ANIMALS,
                        Words.PLACES,
                        Words.CHARACTERS,
                        Words.PRODUCTS,
                        Words.ADJECTIVES,
                        Words.FEELINGS,
                        Words.NOUNS,
                        Words.MATERIALS,
                        Words.PROCESS_VERBS,
                        Words.ADVERBS,
                        Words.PREPOSITIONS,
                        Words.CONNECTIVES);
        for (List<String> pool : pools) {
            for (String w : pool) {
                assertEquals(0.0, TOX.score("the " + w), w);
            }
        }
        for (List<String[]> pairs :
                List.of(Words.INTRANSITIVE, Words.TRANSITIVE, Words.GOALS, Words.WHY)) {
            for (String[] p : pairs) {
                assertEquals(0.0, TOX.score(p[0] + " " + p[1]), p[0]);
            }
        }
        for (String w : Words.RUDE) {
            assertTrue(TOX.score("the " + w + " fox") > 0.5, w);
        }
        for (String w : Words.RUDE_OPENERS) {
            assertTrue(TOX.score(w + ", the fox ran.") > 0.5, w);
        }
        for (String w : Words.RUDE_SENTENCES) {
            assertTrue(TOX.score(w.replace("{S}", "fox").replace("{N}", "cup")) > 0.5, w);
        }
    }

    @Test
    void styleMixtureIsHalfCleanAndMostlyLong() {
        SplittableRandom r = new SplittableRandom(3);
        int clean = 0;
        int long80 = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            Style s = Style.draw(r);
            clean += s.rudeness() == 0 ? 1 : 0;
            long80 += s.targetWords() >= 80 ? 1 : 0;
            assertTrue(s.targetWords() >= 40 && s.targetWords() <= 220);
        }
        assertEquals(0.5, clean / (double) n, 0.03);
        assertEquals(141 / 181.0, long80 / (double) n, 0.03); // 80..220 of 40..220
    }

    @Test
    void promptsAreDistinctAndCoverEveryKind() {
        List<SamplePrompt> p = SampleCorpus.prompts(5, 200);
        assertEquals(200, p.stream().map(SamplePrompt::text).distinct().count());
        for (Kind k : Kind.values()) {
            assertTrue(p.stream().anyMatch(x -> x.kind() == k), k.name());
        }
        assertEquals(p, SampleCorpus.prompts(5, 200));
    }

    private static double mtld(String s) {
        return LexicalDiversity.mtld(TextAnalysis.lex(s), 0.72);
    }
}
