package org.heirloom.train.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /**
     * An example as a chat: the user turn rendered with the generation prompt is context; the
     * assistant turn, as the template renders it, is the target, ending with the template's own
     * end-of-turn token (the first token the template writes after the completion, e.g. Llama 3's
     * {@code <|eot_id|>} or ChatML's {@code <|im_end|>}) instead of the model's EOS. Only when the
     * template writes nothing after the completion is {@code eos} appended. Returns null when
     * nothing of the completion fits in {@code maxLen}.
     */
    public static TokenizedExample ofChat(
            ModelTokenizer tokenizer,
            PromptTemplate.ChatTemplate template,
            TrainingExample example,
            long eos,
            int maxLen) {
        Map<String, String> user = Map.of("role", "user", "content", example.prompt());
        String prompt = template.renderMessages(List.of(user), true);
        String full =
                template.renderMessages(
                        List.of(user, Map.of("role", "assistant", "content", example.completion())),
                        false);
        if (!full.startsWith(prompt)) {
            throw new IllegalArgumentException(
                    "chat template: a conversation with the assistant's reply does not start with"
                            + " the prompt rendered for generation, so the assistant turn cannot be"
                            + " told apart; use a {prompt} template instead");
        }
        String turn = full.substring(prompt.length());
        String completion = example.completion();
        int at = completion.isEmpty() ? -1 : turn.indexOf(completion);
        if (at < 0 && !completion.isBlank()) {
            // Templates often trim the content.
            completion = completion.strip();
            at = turn.indexOf(completion);
        }
        long[] body;
        long end = eos;
        boolean appendEnd = true;
        if (at >= 0) {
            String rest = turn.substring(at + completion.length());
            body = tokenizer.encode(prompt + turn.substring(0, at + completion.length()), false);
            if (!rest.isEmpty()) {
                long[] restIds = tokenizer.encode(rest, false);
                if (restIds.length > 0) {
                    end = restIds[0];
                }
            }
        } else {
            // The template rewrote the reply beyond recognition: the whole rendered turn is
            // the target, ending however the template ends it.
            body = tokenizer.encode(full, false);
            appendEnd = false;
        }
        long[] promptIds = tokenizer.encode(prompt, false);
        int shared = 0;
        while (shared < promptIds.length
                && shared < body.length
                && promptIds[shared] == body[shared]) {
            shared++;
        }
        long[] ids = body;
        if (appendEnd) {
            ids = Arrays.copyOf(body, body.length + 1);
            ids[body.length] = end;
        }
        shared = Math.max(shared, 1);
        if (ids.length > maxLen) {
            ids = Arrays.copyOf(ids, maxLen);
        }
        if (shared >= ids.length) {
            return null;
        }
        return new TokenizedExample(ids, shared);
    }
}
