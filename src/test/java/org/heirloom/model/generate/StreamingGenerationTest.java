package org.heirloom.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.junit.jupiter.api.Test;

/** The per-token hook observes without changing outputs, and can stop generation. */
class StreamingGenerationTest {

    private static final List<SequenceRequest> REQUESTS =
            List.of(
                    new SequenceRequest(new long[] {1, 5, 9, 33, 2}, 7),
                    new SequenceRequest(new long[] {1, 70}, 8));

    @Test
    void listenerHearsEveryOutputTokenInOrderAndOutputsAreUnchanged() throws Exception {
        GenerationOptions sampled = new GenerationOptions(8, 0.9, 0.95, 0, 1.0, List.of());
        try (LocalModel model =
                LocalModel.builder().optRandomInit(Fixtures.smallLlama(true), 11, 0.3).build()) {
            Generator g = new Generator(model.decoder(), List.of(), null);
            List<GeneratedSequence> plain = g.generate(REQUESTS, sampled, JobContext.none());
            List<List<Long>> heard = List.of(new ArrayList<>(), new ArrayList<>());
            List<GeneratedSequence> streamed =
                    g.generate(
                            REQUESTS,
                            sampled,
                            JobContext.none(),
                            (seq, id) -> heard.get(seq).add(id));
            for (int i = 0; i < REQUESTS.size(); i++) {
                assertArrayEquals(plain.get(i).ids(), streamed.get(i).ids());
                assertArrayEquals(plain.get(i).logprobs(), streamed.get(i).logprobs());
                assertArrayEquals(
                        plain.get(i).ids(),
                        heard.get(i).stream().mapToLong(Long::longValue).toArray());
            }
        }
    }

    @Test
    void aListenerThatThrowsStopsAtTheNextToken() throws Exception {
        try (LocalModel model =
                LocalModel.builder().optRandomInit(Fixtures.smallLlama(true), 11, 0.3).build()) {
            Generator g = new Generator(model.decoder(), List.of(), null);
            List<Long> heard = new ArrayList<>();
            assertThrows(
                    JobCancelledException.class,
                    () ->
                            g.generate(
                                    List.of(REQUESTS.get(0)),
                                    GenerationOptions.greedy(20),
                                    JobContext.none(),
                                    (seq, id) -> {
                                        heard.add(id);
                                        if (heard.size() == 3) {
                                            throw new JobCancelledException();
                                        }
                                    }));
            assertEquals(3, heard.size());
        }
    }

    @Test
    void textStreamHoldsBackSplitUtf8Characters() {
        // Byte-level "tokenizer": each id is one UTF-8 byte; é is C3 A9, € is E2 82 AC.
        TextStream s =
                new TextStream(
                        ids -> {
                            byte[] b = new byte[ids.length];
                            for (int i = 0; i < ids.length; i++) {
                                b[i] = (byte) ids[i];
                            }
                            return new String(b, StandardCharsets.UTF_8);
                        });
        assertEquals("a", s.push('a'));
        assertEquals("", s.push(0xC3));
        assertEquals("é", s.push(0xA9));
        assertEquals("", s.push(0xE2));
        assertEquals("", s.push(0x82));
        assertEquals("€", s.push(0xAC));
        assertEquals("", s.push(0xE2)); // cut off mid-character: finish renders what is there
        assertEquals("\uFFFD", s.finish());
        assertEquals(7, s.tokens());
    }

    @Test
    void streamedTextOfARealTokenizerEqualsTheFinalText() throws Exception {
        try (LocalModel model = LocalModel.load(Fixtures.model("tiny-qwen2"))) {
            long[] prompt = model.tokenizer().encode("Once upon a time", true);
            List<SequenceRequest> one = List.of(new SequenceRequest(prompt, 3));
            GenerationOptions sampled = new GenerationOptions(24, 1.0, 1.0, 0, 1.0, List.of());
            TextStream text = new TextStream(model.tokenizer()::decode);
            StringBuilder streamed = new StringBuilder();
            GeneratedSequence out =
                    model.newGenerator()
                            .generate(
                                    one,
                                    sampled,
                                    JobContext.none(),
                                    (seq, id) -> streamed.append(text.push(id)))
                            .get(0);
            streamed.append(text.finish());
            assertEquals(out.text(), streamed.toString());
            assertEquals(out.ids().length, text.tokens());
        }
    }
}
