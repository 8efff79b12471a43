package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.heirloom.bench.score.BenchTexts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The hand-cut common chunks ({@link FastChunk}) and the one-pass counts ({@link TdCounts}) against
 * the rule-based tokenizer and the String-based counts they replace, on generated prose, on random
 * strings over the characters the rules care about, and on the Dolly-200 answers and
 * RealToxicityPrompts texts from ../shared.
 */
class SpacyFastPathTest {

    /** Characters that trigger prefixes, suffixes, infixes, exceptions, URLs and sentences. */
    private static final String ALPHABET =
            "aAbBdDeEgGiIlLmMnNoOrRsStTwWkKhH09125 .,;:!?'’\"-–—/()[]$€%+*^=<>…@#&_~\n\t"
                    + "\u00a0ÉéßΣσİ°²😀।。";

    private static final String[] PIECES = {
        "don't",
        "dont",
        "Dr.",
        "e.g.",
        "I'm",
        "cannot",
        "gonna",
        "it's",
        "U.S.",
        "USA.",
        "a.",
        "km",
        "3.5",
        "1,000",
        "well-known",
        "co-op--",
        "www.x.com",
        "http://a.b/c",
        "and/or",
        "x.Y",
        "Wed.",
        "ill",
        "Im",
        "youre",
        "10%",
        "$5",
        "US$",
        "5km",
        "°F.",
        "...",
        "?!",
        "(a)",
        "\"Hi\""
    };

    @Test
    void fastPathEqualsTheRules() {
        List<String> texts = new ArrayList<>(BenchTexts.generate(300, 120, 7));
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 4000; t++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + rnd.nextInt(40);
            for (int i = 0; i < len; i++) {
                int r = rnd.nextInt(10);
                if (r < 2) {
                    sb.append(PIECES[rnd.nextInt(PIECES.length)]);
                } else if (r < 4) {
                    sb.append(' ');
                } else {
                    sb.appendCodePoint(
                            ALPHABET.codePointAt(
                                    ALPHABET.offsetByCodePoints(
                                            0,
                                            rnd.nextInt(
                                                    ALPHABET.codePointCount(
                                                            0, ALPHABET.length())))));
                }
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            assertSame(text);
        }
    }

    @Test
    void fastPathEqualsTheRulesOnSharedDatasets() {
        List<String> texts = shared();
        assertTrue(texts.size() > 400);
        for (String text : texts) {
            assertSame(text);
        }
    }

    @Test
    void aWordWithDroppedCharsIsNotTheLexicalRichnessWord() {
        // LexicalRichness drops digits and hyphens ("x1y" -> "xy"); spaCy keeps "x1y" whole.
        TdCounts td = new TdCounts();
        LexTokens lex = new LexTokens();
        assertTrue(td.count("x1y xy 2x xy- x-y", lex));
        // spaCy: x1y, xy, 2x, xy- (no suffix or infix takes a final hyphen), x - y.
        assertEquals(6, td.words());
        assertEquals(6, td.uniqueWords());
        assertEquals(List.of("xy", "xy", "x", "xy", "xy"), words(lex));
        assertEquals(2, lex.terms());
    }

    @Test
    void theFastPathIsTakenForCommonChunks() {
        List<String> got = new ArrayList<>();
        SpacyEnglishTokenizer.Sink sink = (t, s, e) -> got.add(t.substring(s, e));
        assertTrue(cut("word,", 0, 5, sink));
        assertTrue(cut("well-known.", 0, 11, sink));
        assertTrue(cut("2019.", 0, 5, sink));
        assertEquals(List.of("word", ",", "well", "-", "known", ".", "2019", "."), got);
        // Exceptions, a period after a capital, units and apostrophes go to the rules.
        assertFalse(cut("dont", 0, 4, sink));
        assertFalse(cut("Dr.", 0, 3, sink));
        assertFalse(cut("A.", 0, 2, sink));
        assertFalse(cut("5km", 0, 3, sink));
        assertFalse(cut("it's", 0, 4, sink));
    }

    private static boolean cut(String t, int s, int e, SpacyEnglishTokenizer.Sink sink) {
        return FastChunk.cut(t, t.toCharArray(), s, e, sink, new SpacyEnglishTokenizer.HandCut())
                == e;
    }

    @Test
    void everyExceptionSplitsItsKeyIntoConsecutivePieces() {
        // The range-based scan relies on it.
        for (Map.Entry<String, String[]> e : SpacyEnglishTokenizer.specialsTable().entrySet()) {
            assertEquals(e.getKey(), String.join("", e.getValue()), e.getKey());
        }
    }

    private static void assertSame(String text) {
        List<String> rules = SpacyEnglishTokenizer.tokenizeGeneral(text);
        assertEquals(rules, SpacyEnglishTokenizer.tokenize(text), text);
        Readability r = Readability.textDescriptives(rules, Hyphenator.en());
        Set<String> unique = new HashSet<>();
        for (String t : rules) {
            if (SpacyEnglishTokenizer.tdWord(t)) {
                unique.add(PyLower.lower(t));
            }
        }
        LexTokens reference = new LexTokens().tokenize(text);
        List<String> lexWords = words(reference);
        for (boolean fused : new boolean[] {false, true}) {
            TdCounts td = new TdCounts();
            LexTokens lex = new LexTokens();
            boolean filled = td.count(text, fused ? lex : null);
            assertEquals(r.words(), td.words(), "words: " + text);
            assertEquals(r.sentences(), td.sentences(), "sentences: " + text);
            assertEquals(r.wordChars(), td.wordChars(), "word chars: " + text);
            assertEquals(unique.size(), td.uniqueWords(), "unique words: " + text);
            boolean ascii = text.chars().allMatch(c -> c < 128);
            assertEquals(fused && ascii, filled, text);
            if (filled) {
                // The same tokens, ids and distinct terms as LexicalRichness's own pass.
                assertEquals(lexWords, words(lex), "LexicalRichness tokens: " + text);
                assertEquals(reference.terms(), lex.terms(), text);
                for (int i = 0; i < lex.words(); i++) {
                    assertEquals(reference.id(i), lex.id(i), text);
                }
                assertEquals(TextAnalysis.characters(text + ""), td.characters(), "chars: " + text);
            }
        }
    }

    private static List<String> words(LexTokens t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.words(); i++) {
            out.add(t.term(t.id(i)));
        }
        return out;
    }

    @Test
    void metricsAgreeWhicheverAnalysesRunTogether() {
        // Scored text-major in the default order, the second and later texts take the one pass
        // (MTLD and the word counts together); each figure must equal the text scored alone.
        org.heirloom.score.MetricRegistry reg = org.heirloom.score.MetricRegistry.standard();
        List<String> names =
                List.of(
                        "mtld",
                        "characters",
                        "words",
                        "unique_words",
                        "sentences",
                        "mean_word_length",
                        "ttr",
                        "words(tokens=heirloom)");
        List<org.heirloom.score.Metric> metrics = reg.resolveAll(names);
        List<String> texts = new ArrayList<>(BenchTexts.generate(40, 80, 3));
        texts.add("Ünïcode “quotes” — and Σ words, don’t split.");
        texts.add("plain again, after non-ASCII.");
        texts.addAll(BenchTexts.generate(5, 30, 4));
        double[][] together = new double[texts.size()][names.size()];
        for (int t = 0; t < texts.size(); t++) {
            for (int m = 0; m < names.size(); m++) {
                together[t][m] = metrics.get(m).score(texts.get(t));
            }
        }
        for (int t = 0; t < texts.size(); t++) {
            for (int m = 0; m < names.size(); m++) {
                // A fresh String per metric: nothing is shared between the two analyses.
                double alone = metrics.get(m).score(new String(texts.get(t)));
                assertEquals(alone, together[t][m], names.get(m) + " of " + texts.get(t));
            }
        }
    }

    private static List<String> shared() {
        String shared = System.getProperty("heirloom.shared");
        Path dolly =
                shared == null ? null : Path.of(shared, "datasets/dolly200/dolly_eval_eng.json");
        Path rtp = shared == null ? null : Path.of(shared, "datasets/rtp/rtp_toxic_test_set.jsonl");
        Assumptions.assumeTrue(
                dolly != null && Files.isRegularFile(dolly) && Files.isRegularFile(rtp),
                "../shared/datasets (dolly200, rtp) is absent; compared on generated texts only");
        List<String> texts = new ArrayList<>();
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode d = json.readTree(dolly.toFile());
            for (String field : List.of("inputs", "targets")) {
                d.get(field).forEach(n -> texts.add(n.asText()));
            }
            for (String line : Files.readAllLines(rtp)) {
                JsonNode n = json.readTree(line);
                texts.add(n.get("prompt").asText() + n.get("completion").asText());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return texts;
    }
}
