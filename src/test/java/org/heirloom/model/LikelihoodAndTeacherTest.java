package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.SamplingParams;
import org.junit.jupiter.api.Test;

class LikelihoodAndTeacherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The reference's per-token log-probabilities of its greedy continuations, scored in one batch
     * of contexts of different lengths.
     */
    @Test
    void continuationLogprobsMatchReference() throws Exception {
        Path models = Fixtures.models();
        for (String name : List.of("tiny-llama", "stories260k")) {
            List<long[]> ctx = new ArrayList<>();
            List<long[]> cont = new ArrayList<>();
            List<JsonNode> cases = new ArrayList<>();
            for (String line : Files.readAllLines(models.resolve("EXPECTED.jsonl"))) {
                JsonNode c = JSON.readTree(line);
                if (c.get("model").asText().equals(name)) {
                    cases.add(c);
                    ctx.add(longs(c.get("prompt_ids")));
                    cont.add(longs(c.get("greedy_ids")));
                }
            }
            try (LocalModel m = LocalModel.load(models.resolve(name))) {
                List<double[]> lp = m.likelihood().tokenLogprobs(ctx, cont, 3);
                double[] sums = m.likelihood().sumLogprobs(ctx, cont, 8);
                for (int i = 0; i < cases.size(); i++) {
                    JsonNode want = cases.get(i).get("logprobs");
                    assertEquals(want.size(), lp.get(i).length);
                    double total = 0;
                    for (int j = 0; j < want.size(); j++) {
                        assertEquals(
                                want.get(j).asDouble(),
                                lp.get(i)[j],
                                1e-4,
                                name + " case " + i + " token " + j);
                        total += want.get(j).asDouble();
                    }
                    assertEquals(total, sums[i], 1e-3);
                }
            }
        }
    }

    @Test
    void emptyContextIsRejected() throws Exception {
        try (LocalModel m =
                LocalModel.builder().optRandomInit(Fixtures.smallLlama(true), 1).build()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    m.likelihood()
                                            .tokenLogprobs(
                                                    List.of(new long[0]),
                                                    List.of(new long[] {3}),
                                                    1));
            assertTrue(e.getMessage().contains("context 0 is empty"));
        }
    }

    /**
     * A resumed run asks only for the missing indices: it must get exactly what the full request
     * produced for them, whatever the batch size.
     */
    @Test
    void localTeacherIsResumableAndRecordsProvenance() throws Exception {
        Path dir = Fixtures.model("tiny-llama");
        SamplingParams params = new SamplingParams(1.0, 0.95, 0, 10, 1.1);
        List<Completion> all;
        try (LocalTeacher t = new LocalTeacher("local:" + dir, "Q: {prompt}\\nA:", 8)) {
            all =
                    t.generate(
                            new GenerationRequest(
                                    "Hi",
                                    params,
                                    List.of(0, 1, 2, 3),
                                    List.of(100L, 101L, 102L, 103L)),
                            JobContext.none());
            JsonNode prov = JSON.readTree(t.provenance());
            assertEquals("tiny-llama", prov.get("model").asText());
            assertEquals(
                    ContentHash.of(Files.readAllBytes(dir.resolve("model.safetensors"))),
                    prov.get("weights_sha256").asText());
            assertEquals("local:" + dir, t.spec());
        }
        assertEquals(4, all.size());
        try (LocalTeacher t = new LocalTeacher("local:" + dir, "Q: {prompt}\\nA:", 1)) {
            List<Completion> resumed =
                    t.generate(
                            new GenerationRequest("Hi", params, List.of(3, 1), List.of(103L, 101L)),
                            JobContext.none());
            assertSame(all.get(3), resumed.get(0));
            assertSame(all.get(1), resumed.get(1));
        }
        for (Completion c : all) {
            assertEquals(c.index() + 100L, c.seed());
            assertTrue(c.tokenCount() > 0 && c.logprob() < 0);
        }
        assertThrows(IllegalArgumentException.class, () -> new LocalTeacher("openai:x", "raw", 1));
    }

    /** Same candidate; the log-probability may differ in float rounding across batch shapes. */
    private static void assertSame(Completion want, Completion got) {
        assertEquals(want.index(), got.index());
        assertEquals(want.seed(), got.seed());
        assertEquals(want.text(), got.text());
        assertEquals(want.tokenCount(), got.tokenCount());
        assertEquals(want.finishReason(), got.finishReason());
        assertEquals(want.logprob(), got.logprob(), 1e-4);
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
