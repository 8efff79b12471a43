package org.heirloom.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model's {@code tokenizer.json} through DJL's Hugging Face tokenizers, configured explicitly: no
 * truncation, no padding (DJL would otherwise cut at 512 tokens), and special tokens exactly as the
 * tokenizer's own post-processor adds them (so a Llama tokenizer prepends one BOS, never two).
 * Decoding keeps special tokens, as {@code tokenizers} does by default.
 */
public final class ModelTokenizer implements AutoCloseable {

    public static final String FILE = "tokenizer.json";
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /** Opens {@code dir/tokenizer.json}. */
    public static ModelTokenizer open(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + FILE);
        }
        HuggingFaceTokenizer t;
        try {
            t =
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(file)
                            .optAddSpecialTokens(true)
                            .optTruncation(false)
                            .optPadding(false)
                            .optMaxLength(Integer.MAX_VALUE / 2)
                            .build();
        } catch (RuntimeException e) {
            // The Rust parser reports a bad file as a bare RuntimeException without the path.
            throw new IllegalArgumentException(
                    file + ": not a usable tokenizer (" + e.getMessage() + ")", e);
        }
        return new ModelTokenizer(t, file);
    }

    public Path file() {
        return file;
    }

    /** Encodes with the post-processor's special tokens (e.g. Llama's leading BOS). */
    public long[] encode(String text) {
        return encode(text, true);
    }

    /**
     * Encodes {@code text}; {@code addSpecialTokens} false for text that already spells its special
     * tokens (a rendered chat template).
     */
    public long[] encode(String text, boolean addSpecialTokens) {
        Encoding e = tokenizer.encode(text, addSpecialTokens, false);
        return e.getIds();
    }

    /** Decodes, keeping special tokens. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
