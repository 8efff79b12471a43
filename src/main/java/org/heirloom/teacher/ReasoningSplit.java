package org.heirloom.teacher;

/**
 * A reasoning model's output split into its reasoning and its answer, so that scores see only the
 * answer. Two conventions: {@code <think>…</think>} (Qwen3, DeepSeek R1, SmolLM3; R1's generation
 * prompt already opens {@code <think>}, so the output may hold only the closing tag), and the
 * harmony channels of gpt-oss ({@code <|channel|>analysis<|message|>…<|end|>} then {@code
 * <|channel|>final<|message|>answer}). Text without these markers is all answer.
 *
 * @param reasoning the reasoning text, or null when there was none
 * @param answer the answer (leading whitespace after the reasoning removed)
 */
public record ReasoningSplit(String reasoning, String answer) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";
    private static final String FINAL = "<|channel|>final<|message|>";
    private static final String ANALYSIS = "<|channel|>analysis<|message|>";

    public static ReasoningSplit of(String text) {
        int close = text.indexOf(CLOSE);
        if (close >= 0) {
            String before = text.substring(0, close);
            int open = before.indexOf(OPEN);
            String reasoning = open >= 0 ? before.substring(open + OPEN.length()) : before;
            return new ReasoningSplit(
                    reasoning.strip(), text.substring(close + CLOSE.length()).stripLeading());
        }
        int open = text.indexOf(OPEN);
        if (open >= 0 && text.substring(0, open).isBlank()) {
            // Cut off while still thinking: everything is reasoning, there is no answer yet.
            return new ReasoningSplit(text.substring(open + OPEN.length()).strip(), "");
        }
        int fin = text.indexOf(FINAL);
        if (fin >= 0) {
            String before = text.substring(0, fin);
            int a = before.indexOf(ANALYSIS);
            String reasoning = a >= 0 ? before.substring(a + ANALYSIS.length()) : before;
            reasoning = cut(reasoning, "<|end|>");
            String answer = cut(cut(text.substring(fin + FINAL.length()), "<|return|>"), "<|end|>");
            return new ReasoningSplit(reasoning.strip(), answer);
        }
        int a = text.indexOf(ANALYSIS);
        if (a >= 0 && text.substring(0, a).isBlank()) {
            return new ReasoningSplit(
                    cut(text.substring(a + ANALYSIS.length()), "<|end|>").strip(), "");
        }
        return new ReasoningSplit(null, text);
    }

    /**
     * Splits a completion of {@code prompt}: when the prompt ends inside an open {@code <think>}
     * (Qwen3 and DeepSeek R1 generation prompts open it), the output starts as reasoning.
     */
    public static ReasoningSplit of(String prompt, String output) {
        boolean open = prompt.lastIndexOf(OPEN) > prompt.lastIndexOf(CLOSE);
        return of(open ? OPEN + output : output);
    }

    private static String cut(String s, String marker) {
        int i = s.indexOf(marker);
        return i >= 0 ? s.substring(0, i) : s;
    }

    /** Whether a chat template is a reasoning model's (it mentions thinking or channel markers). */
    public static boolean templateReasons(String templateSource) {
        return templateSource != null
                && (templateSource.contains(CLOSE) || templateSource.contains("<|channel|>"));
    }
}
