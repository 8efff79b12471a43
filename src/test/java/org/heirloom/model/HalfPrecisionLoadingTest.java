package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.junit.jupiter.api.Test;

/** Half-precision fixtures: torch's widening on load equals our own bit-level conversion. */
class HalfPrecisionLoadingTest {

    @Test
    void f16AndBf16WeightsLoadExactly() throws Exception {
        for (String name : new String[] {"tiny-qwen2", "tiny-llama-untied-bf16"}) {
            Path dir = Fixtures.model(name);
            Map<String, Tensor> stored = SafeTensors.read(dir.resolve("model.safetensors"));
            DType want = name.contains("bf16") ? DType.BF16 : DType.F16;
            try (LocalModel m = LocalModel.load(dir)) {
                assertEquals(stored.keySet(), m.decoder().parameters().keySet());
                for (var e : stored.entrySet()) {
                    assertEquals(want, e.getValue().dtype(), e.getKey());
                    assertArrayEquals(
                            e.getValue().toFloatArray(),
                            m.decoder().parameters().get(e.getKey()).toFloatArray(),
                            0f,
                            name + " " + e.getKey());
                }
            }
        }
    }
}
