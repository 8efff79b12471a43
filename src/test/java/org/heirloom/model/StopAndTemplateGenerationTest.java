package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.FinishReason;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.template.PromptTemplate;
import org.junit.jupiter.api.Test;

/** Stop strings and templates on the tiny-llama fixture, checked against EXPECTED.jsonl. */
class StopAndTemplateGenerationTest {

    @Test
    void stopStringCutsTheTextAtTheReferenceGreedyOutput() throws Exception {
        Path models = Fixtures.models();
        JsonNode hello =
                new ObjectMapper()
                        .readTree(Files.readAllLines(models.resolve("EXPECTED.jsonl")).get(0));
        assertEquals("Hello", hello.get("prompt").asText());
        String full = hello.get("greedy_text").asText(); // "\"o\"u]1e:<s>..."
        try (LocalModel m = LocalModel.load(models.resolve("tiny-llama"))) {
            GeneratedSequence s =
                    PromptGeneration.generate(
                                    m,
                                    PromptTemplate.RAW,
                                    "Hello",
                                    new GenerationOptions(40, 0, 1, 0, 1, List.of("u]", "zzz")),
                                    List.of(0L),
                                    JobContext.none())
                            .completions()
                            .get(0);
            assertEquals(FinishReason.STOP, s.finishReason());
            assertEquals(full.substring(0, full.indexOf("u]")), s.text());
            // The ids run up to the token that completed the stop string: '"', 'o', '"', 'u', ']'.
            assertEquals(5, s.ids().length);
            for (int i = 0; i < 5; i++) {
                assertEquals(hello.get("greedy_ids").get(i).asLong(), s.ids()[i]);
            }
        }
    }

    @Test
    void templateStringIsTokenizedWithOneBos() throws Exception {
        try (LocalModel m = LocalModel.load(Fixtures.model("tiny-llama"))) {
            PromptTemplate t = PromptTemplate.parse("Q: {prompt}\\nA:", m);
            long[] ids = PromptGeneration.promptIds(m, t, "Hi");
            // One char per token: ids 3..97 are ASCII 32..126, "\n" is 98, BOS 1 prepended once.
            long[] want = {
                1, 'Q' - 29, ':' - 29, ' ' - 29, 'H' - 29, 'i' - 29, 98, 'A' - 29, ':' - 29
            };
            assertArrayEquals(want, ids);
        }
    }
}
