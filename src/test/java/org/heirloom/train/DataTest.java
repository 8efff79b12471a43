package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.model.ModelTokenizer;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.train.data.DataOrder;
import org.heirloom.train.data.JsonlTrainingData;
import org.heirloom.train.data.MicroBatch;
import org.heirloom.train.data.TokenizedExample;
import org.heirloom.train.data.TrainingExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {

    @TempDir Path dir;

    @Test
    void readsJsonlAndNamesFileLineAndField() throws Exception {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(
                f,
                "{\"prompt\":\"a\",\"completion\":\"b\",\"x\":1}\n\n{\"prompt\":\"c\",\"completion\":\"d\"}\n");
        JsonlTrainingData d = JsonlTrainingData.read(f);
        assertEquals(
                List.of(new TrainingExample("a", "b"), new TrainingExample("c", "d")),
                d.examples());
        Files.writeString(f, "{\"prompt\":\"a\",\"completion\":\"b\"}\n{\"prompt\":\"c\"}\n");
        var e = assertThrows(IllegalArgumentException.class, () -> JsonlTrainingData.read(f));
        assertEquals(f + ":2: field 'completion' is missing", e.getMessage());
        Files.writeString(f, "{\"prompt\":3,\"completion\":\"b\"}\n");
        e = assertThrows(IllegalArgumentException.class, () -> JsonlTrainingData.read(f));
        assertEquals(f + ":1: field 'prompt' must be a string", e.getMessage());
        Files.writeString(f, "{\"prompt\":\"a\",\n");
        e = assertThrows(IllegalArgumentException.class, () -> JsonlTrainingData.read(f));
        assertEquals(true, e.getMessage().startsWith(f + ":1: not valid JSON"), e.getMessage());
    }

    /**
     * Chat training: context is the user turn with the generation prompt, targets the assistant
     * reply and the template's end of turn ({@code <unk>} here, id 0), never the EOS (id 2). Char
     * ids are ASCII - 29.
     */
    @Test
    void chatExamplesEndWithTheTemplatesEndOfTurn() throws Exception {
        String t =
                "{% for m in messages %}{{ m.role[0] }}:{{ m.content }}<unk>{% endfor %}"
                        + "{% if add_generation_prompt %}a:{% endif %}";
        var chat = new PromptTemplate.ChatTemplate(t, java.util.Map.of());
        try (ModelTokenizer tok = ModelTokenizer.open(TinyModels.tokenizerDir())) {
            TokenizedExample e =
                    TokenizedExample.ofChat(tok, chat, new TrainingExample("ab", "xy"), 2, 100);
            assertArrayEquals(
                    new long[] {
                        'u' - 29, ':' - 29, 'a' - 29, 'b' - 29, 0, 'a' - 29, ':' - 29, 'x' - 29,
                        'y' - 29, 0
                    },
                    e.ids());
            assertEquals(7, e.promptLength());
            // A template that writes nothing after the reply: the model's EOS ends it.
            var bare =
                    new PromptTemplate.ChatTemplate(
                            "{% for m in messages %}{{ m.content }}{% endfor %}",
                            java.util.Map.of());
            TokenizedExample b =
                    TokenizedExample.ofChat(tok, bare, new TrainingExample("ab", "xy"), 2, 100);
            assertArrayEquals(new long[] {'a' - 29, 'b' - 29, 'x' - 29, 'y' - 29, 2}, b.ids());
            assertEquals(2, b.promptLength());
        }
    }

    @Test
    void masksPromptAndAppendsEos() throws Exception {
        try (ModelTokenizer tok = ModelTokenizer.open(TinyModels.tokenizerDir())) {
            PromptTemplate t = PromptTemplate.parse("Q:{prompt} A:", null);
            TokenizedExample e =
                    TokenizedExample.of(tok, t, new TrainingExample("ab", "xy"), 2, 100);
            // BOS + "Q:ab A:" (7 chars) are context; "xy" + EOS are targets. Char ids = ASCII - 29.
            assertEquals(8, e.promptLength());
            assertArrayEquals(
                    new long[] {
                        1, 'Q' - 29, ':' - 29, 'a' - 29, 'b' - 29, ' ' - 29, 'A' - 29, ':' - 29,
                        'x' - 29, 'y' - 29, 2
                    },
                    e.ids());
            assertEquals(3, e.targetCount());
            // Cut at max length: one completion id survives; none left → null.
            assertEquals(
                    9,
                    TokenizedExample.of(tok, t, new TrainingExample("ab", "xy"), 2, 9)
                            .ids()
                            .length);
            assertNull(TokenizedExample.of(tok, t, new TrainingExample("ab", "xy"), 2, 8));
        }
    }

    @Test
    void paddedAndPackedBatches() {
        TokenizedExample a = new TokenizedExample(new long[] {1, 10, 11, 2}, 2);
        TokenizedExample b = new TokenizedExample(new long[] {1, 20, 2}, 1);
        MicroBatch padded = MicroBatch.of(List.of(List.of(a), List.of(b)));
        assertEquals(4, padded.length());
        assertArrayEquals(new long[] {1, 10, 11, 2, 1, 20, 2, 0}, padded.ids());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 0}, padded.keyValid());
        // a predicts 11 from slot 1 and 2 from slot 2; b predicts 20 from slot 4, 2 from slot 5.
        assertArrayEquals(new long[] {1, 2, 4, 5}, padded.targetRows());
        assertArrayEquals(new long[] {11, 2, 20, 2}, padded.targets());
        MicroBatch packed = MicroBatch.of(List.of(List.of(a, b)));
        assertNull(packed.keyValid());
        assertArrayEquals(new long[] {0, 1, 2, 3, 0, 1, 2}, packed.positions());
        assertArrayEquals(new long[] {1, 2, 4, 5}, packed.targetRows());
    }

    @Test
    void dataOrderIsAFunctionOfSeedAndIndex() {
        List<TokenizedExample> ex = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ex.add(new TokenizedExample(new long[] {1, 3 + i, 2}, 1));
        }
        DataOrder x = new DataOrder(ex, false, 16, 3, 5);
        DataOrder y = new DataOrder(ex, false, 16, 3, 5);
        assertEquals(3, x.microBatchesPerEpoch());
        // Each epoch covers every example once.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            MicroBatch mb = x.microBatch(i);
            for (int r = 0; r < mb.rows(); r++) {
                seen.add(mb.ids()[r * mb.length() + 1]);
            }
        }
        assertEquals(7, seen.size());
        assertArrayEquals(y.microBatch(4).ids(), x.microBatch(4).ids()); // random access
        assertEquals(
                false,
                java.util.Arrays.equals(
                        new DataOrder(ex, false, 16, 7, 6).microBatch(0).ids(),
                        new DataOrder(ex, false, 16, 7, 5).microBatch(0).ids()));
    }
}
