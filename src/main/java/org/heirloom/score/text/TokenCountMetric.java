package org.heirloom.score.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.heirloom.score.FileHash;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricId;
import org.heirloom.score.SharedResources;

/**
 * Token count under a Hugging Face tokenizer.json (DJL HuggingFaceTokenizer, no special tokens, no
 * truncation: DJL truncates to 512 by default, which would cap the count).
 */
public final class TokenCountMetric implements Metric {

    private final MetricId id;
    private final SharedResources.Lease<HuggingFaceTokenizer> tokenizer;

    private TokenCountMetric(MetricId id, SharedResources.Lease<HuggingFaceTokenizer> tokenizer) {
        this.id = id;
        this.tokenizer = tokenizer;
    }

    /** Opens (or shares) the tokenizer at {@code path} (a tokenizer.json or a folder with one). */
    public static TokenCountMetric open(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("tokens: no tokenizer file at " + file);
        }
        Path abs = file.toAbsolutePath().normalize();
        String sha = FileHash.sha256(abs);
        SharedResources.Lease<HuggingFaceTokenizer> lease =
                SharedResources.acquire("tokenizer:" + abs, () -> load(abs));
        return new TokenCountMetric(
                new MetricId("tokens", "1", Map.of("tokenizer", abs.toString(), "sha256", sha)),
                lease);
    }

    /** Loads a tokenizer without special tokens, truncation or padding. */
    public static HuggingFaceTokenizer load(Path tokenizerJson) throws IOException {
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
    }

    @Override
    public MetricId id() {
        return id;
    }

    @Override
    public String description() {
        return "Tokens under " + id.params().get("tokenizer");
    }

    @Override
    public double[] score(List<String> texts) {
        double[] out = new double[texts.size()];
        HuggingFaceTokenizer tok = tokenizer.get();
        for (int i = 0; i < out.length; i++) {
            Encoding enc = tok.encode(texts.get(i), false, false);
            out[i] = enc.getIds().length;
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
