package org.heirloom.train;

import java.util.Arrays;
import org.heirloom.model.ModelTokenizer;
import org.heirloom.model.template.PromptTemplate;

/**
 * One example as ids: rendered prompt (BOS included), completion, EOS. Positions {@code >=
 * promptLength} are targets of the loss; the prompt is context only.
 *
 * @param ids prompt + completion + EOS
 * @param promptLength leading ids that are not predicted
 */
public record TokenizedExample(long[] ids, int promptLength) {

    public TokenizedExample {
        if (promptLength < 1 || promptLength >= ids.length) {
            throw new IllegalArgumentException(
                    "need at least one prompt id and one target id (prompt "
                            + promptLength
                            + " of "
                            + ids.length
                            + ")");
        }
    }

    /** Ids the loss is taken on. */
    public int targetCount() {
        return ids.length - promptLength;
    }

    /**
     * Tokenises {@code prompt + completion} as one text (so ids across the boundary are what the
     * tokenizer makes of the whole), masks the longest prefix shared with the prompt's own ids, and
     * appends EOS. Returns null when nothing of the completion fits in {@code maxLen}.
     */
    public static TokenizedExample of(
            ModelTokenizer tokenizer,
            PromptTemplate template,
            TrainingExample example,
            long eos,
            int maxLen) {
        String rendered = template.render(example.prompt());
        long[] prompt = tokenizer.encode(rendered, template.addSpecialTokens());
        long[] full =
                tokenizer.encode(rendered + example.completion(), template.addSpecialTokens());
        int shared = 0;
        while (shared < prompt.length && shared < full.length && prompt[shared] == full[shared]) {
            shared++;
        }
        long[] ids = Arrays.copyOf(full, full.length + 1);
        ids[full.length] = eos;
        if (shared < 1) {
            shared = 1; // the first id is never predicted
        }
        if (ids.length > maxLen) {
            ids = Arrays.copyOf(ids, maxLen);
        }
        if (shared >= ids.length) {
            return null;
        }
        return new TokenizedExample(ids, shared);
    }
}
