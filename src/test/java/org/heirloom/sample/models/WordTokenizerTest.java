package org.heirloom.sample.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.heirloom.model.ModelTokenizer;
import org.heirloom.sample.corpus.SampleCorpus;
import org.heirloom.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTokenizerTest {

    @Test
    void piecesKeepOneTrailingSpaceAndIsolatePunctuationAndNewlines() {
        assertEquals(
                List.of("TheĠ", "foxĠ", "ran", ".Ġ", "Then", "!"),
                WordTokenizer.pieces("The fox ran. Then!"));
        assertEquals(
                List.of("###Ġ", "Question", ":Ġ", "Hi", ".", "Ċ", "Ġ", "###Ġ", "Answer", ":Ġ"),
                WordTokenizer.pieces("### Question: Hi.\n ### Answer: "));
        assertEquals(List.of("don'tĠ", "stop"), WordTokenizer.pieces("don't stop"));
        // Non-ASCII: its UTF-8 bytes in the byte-level alphabet (é = C3 A9 -> Ã ©).
        assertEquals(List.of("caf", "Ã©"), WordTokenizer.pieces("café"));
    }

    @Test
    void vocabularyIsSpecialsThenMostFrequentFirstTiesInStringOrder() {
        List<String> v = WordTokenizer.vocabulary(List.of("b a. a b", "c a"), 1);
        // "b a. a b" -> bĠ a .Ġ aĠ b ; "c a" -> cĠ a : "a" twice, the rest once.
        assertEquals(List.of("<unk>", "<s>", "</s>", "<pad>", "a", ".Ġ", "aĠ", "b", "bĠ", "cĠ"), v);
        assertEquals(
                List.of("<unk>", "<s>", "</s>", "<pad>", "a"),
                WordTokenizer.vocabulary(List.of("b a. a b", "c a"), 2));
    }

    @Test
    void huggingFaceTokenizerRoundTripsCorpusTextExactly(@TempDir Path dir) throws Exception {
        String template = TrainingConfig.PAPER_TEMPLATE.replace("\\n", "\n");
        List<String> prompts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (SampleCorpus.Example e : SampleCorpus.generate(4, 300)) {
            String p = template.replace("{prompt}", e.prompt().text());
            prompts.add(p);
            texts.add(p + e.answer());
        }
        List<String> vocab = WordTokenizer.vocabulary(texts, 1);
        WordTokenizer.write(dir, vocab, 1024);
        try (ModelTokenizer t = ModelTokenizer.open(dir)) {
            for (int i = 0; i < texts.size(); i++) {
                String s = texts.get(i);
                long[] ids = t.encode(s);
                assertEquals(1, ids[0], "BOS first");
                long[] expected = new long[ids.length - 1];
                List<String> pieces = WordTokenizer.pieces(s);
                for (int j = 0; j < pieces.size(); j++) {
                    expected[j] = vocab.indexOf(pieces.get(j));
                }
                assertArrayEquals(expected, Arrays.copyOfRange(ids, 1, ids.length));
                assertEquals(s, t.decode(Arrays.copyOfRange(ids, 1, ids.length)));
                // The prompt (ending in a space) tokenises as a prefix of prompt + answer, so
                // generation continues from the ids training saw.
                long[] p = t.encode(prompts.get(i));
                assertArrayEquals(p, Arrays.copyOf(ids, p.length));
            }
            long[] unknown = t.encode("The zyzzyva ran", false);
            assertEquals(
                    List.of("TheĠ", "zyzzyvaĠ", "ran"), WordTokenizer.pieces("The zyzzyva ran"));
            assertEquals(0, unknown[1], "unknown word -> <unk>");
            assertEquals("</s>", t.decode(new long[] {2}));
        }
    }

    @Test
    void vocabularyMustStartWithTheSpecials(@TempDir Path dir) {
        assertThrows(
                IllegalArgumentException.class,
                () -> WordTokenizer.write(dir, List.of("a", "b", "c", "d", "e"), 16));
    }
}
