package org.heirloom.score.text;

/**
 * Per-thread analysis buffers. Each thread reuses one {@link LexTokens} and one {@link TextScan};
 * the last text analysed is remembered by identity, so several metrics scoring the same String in a
 * row (text-major batch scoring) tokenise it once.
 */
public final class TextAnalysis {

    private static final ThreadLocal<TextAnalysis> LOCAL =
            ThreadLocal.withInitial(TextAnalysis::new);

    private final LexTokens lex = new LexTokens();
    private final TextScan scan = new TextScan();
    private String lexText;
    private String scanText;
    private Readability readability;
    private String readabilityText;

    private TextAnalysis() {}

    /** LexicalRichness tokens of {@code text} (valid until this thread's next call). */
    public static LexTokens lex(String text) {
        TextAnalysis a = LOCAL.get();
        if (a.lexText != text) {
            a.lex.tokenize(text);
            a.lexText = text;
        }
        return a.lex;
    }

    /** Words, sentences and characters of {@code text} (valid until this thread's next call). */
    public static TextScan scan(String text) {
        TextAnalysis a = LOCAL.get();
        if (a.scanText != text) {
            a.scan.scan(text);
            a.scanText = text;
        }
        return a.scan;
    }

    /** Syllable-based counts of {@code text}. */
    public static Readability readability(String text) {
        TextAnalysis a = LOCAL.get();
        if (a.readabilityText != text) {
            a.readability = Readability.of(scan(text), Hyphenator.enUs());
            a.readabilityText = text;
        }
        return a.readability;
    }
}
