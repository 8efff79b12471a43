package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multimodal {@code gemma3} checkpoint (Gemma3ForConditionalGeneration's layout: text config
 * nested, the language model under {@code model.language_model.}, a vision tower beside it) loads
 * its language model, which then equals the text-only model with the same weights.
 */
class Gemma3MultimodalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void languageModelOfAMultimodalCheckpointEqualsTheTextModel() throws Exception {
        Path text = Fixtures.model("tiny-gemma3");
        for (String prefix : new String[] {"model.language_model.", "language_model.model."}) {
            Path dir = tmp.resolve(prefix.replace('.', '_'));
            Files.createDirectories(dir);
            ObjectNode cfg = JSON.createObjectNode();
            cfg.putArray("architectures").add("Gemma3ForConditionalGeneration");
            cfg.put("model_type", "gemma3");
            cfg.set("text_config", JSON.readTree(text.resolve("config.json").toFile()));
            cfg.putObject("vision_config").put("model_type", "siglip_vision_model");
            cfg.put("image_token_index", 97); // '~' in the fixture's char vocabulary
            cfg.put("eos_token_id", 2);
            JSON.writeValue(dir.resolve("config.json").toFile(), cfg);
            Files.copy(text.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            SafeTensors.read(text.resolve("model.safetensors"))
                    .forEach((n, t) -> tensors.put(prefix + n.substring("model.".length()), t));
            tensors.put(
                    "model.vision_tower.vision_model.embeddings.patch_embedding.weight",
                    Tensor.ofFloats(new float[] {1, 2, 3, 4}, 2, 2));
            SafeTensors.write(dir.resolve("model.safetensors"), tensors);
            long[] ids = {1, 55, 72, 69, 3, 84, 88, 76, 70, 78, 3, 69, 85};
            try (LocalModel mm = LocalModel.load(dir);
                    LocalModel tm = LocalModel.load(text)) {
                assertEquals("gemma3", mm.config().modelType());
                assertEquals(tm.config().arch().withImageToken(97), mm.config().arch());
                float[][] a = mm.allLogits(ids);
                float[][] b = tm.allLogits(ids);
                for (int i = 0; i < ids.length; i++) {
                    assertArrayEquals(b[i], a[i], 0f, "position " + i);
                }
                // An image placeholder in a prompt is refused with one clear line.
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        mm.newGenerator()
                                                .generate(
                                                        List.of(
                                                                new SequenceRequest(
                                                                        new long[] {1, 97, 5}, 0)),
                                                        GenerationOptions.greedy(2),
                                                        JobContext.none()));
                assertTrue(e.getMessage().contains("image token (id 97)"), e.getMessage());
                // Saved again as a multimodal checkpoint: text weights only, reloadable.
                mm.save(dir.resolve("saved"));
            }
            var saved = SafeTensors.read(dir.resolve("saved/model.safetensors")).keySet();
            assertFalse(saved.stream().anyMatch(n -> n.contains("vision")), saved.toString());
            try (LocalModel back = LocalModel.load(dir.resolve("saved"));
                    LocalModel tm = LocalModel.load(text)) {
                assertEquals("gemma3", back.config().modelType());
                assertEquals(97, back.config().arch().imageTokenId());
                long[] two = {1, 9};
                assertArrayEquals(tm.allLogits(two)[1], back.allLogits(two)[1], 0f);
            }
        }
    }
}
