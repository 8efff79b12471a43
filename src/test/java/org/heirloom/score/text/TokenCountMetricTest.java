package org.heirloom.score.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token counts under a hand-written WordLevel tokenizer.json (one token per whitespace word). */
class TokenCountMetricTest {

    @TempDir Path tmp;

    @Test
    void countsTokensWithoutSpecialTokensOrTruncation() throws Exception {
        Path tok = tmp.resolve("tokenizer.json");
        Files.writeString(
                tok,
                "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
                        + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},"
                        + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":"
                        + "\"WordLevel\",\"vocab\":{\"[UNK]\":0,\"a\":1,\"b\":2},"
                        + "\"unk_token\":\"[UNK]\"}}");
        StringBuilder long600 = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            long600.append("a ");
        }
        try (Metric m = MetricRegistry.standard().resolve("tokens(tokenizer=" + tmp + ")")) {
            double[] s = m.score(List.of("a b a", "", "unknown words here", long600.toString()));
            assertEquals(3, s[0]);
            assertEquals(0, s[1]);
            assertEquals(3, s[2]);
            assertEquals(600, s[3]); // DJL's default would truncate to 512
            assertEquals(64, m.id().params().get("sha256").length());
        }
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        MetricRegistry.standard()
                                .resolve("tokens(tokenizer=" + tmp.resolve("x") + ")"));
        assertThrows(
                IllegalArgumentException.class, () -> MetricRegistry.standard().resolve("tokens"));
    }
}
