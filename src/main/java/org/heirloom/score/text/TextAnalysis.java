package org.heirloom.score.text;

import java.util.List;

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
    private String analysed;
    private Readability readability;
    private String readabilityText;
    private List<String> spacyTokens;
    private String spacyText;

    private TextAnalysis() {}

    /** LexicalRichness tokens of {@code text} (valid until this thread's next call). */
    public static LexTokens lex(String text) {
        TextAnalysis a = LOCAL.get();
        a.analyse(text);
        return a.lex;
    }

    /** Words, sentences and characters of {@code text} (valid until this thread's next call). */
    public static TextScan scan(String text) {
        TextAnalysis a = LOCAL.get();
        a.analyse(text);
        return a.scan;
    }

    /** Both analyses in one pass over the chars (two for non-ASCII text). */
    private void analyse(String text) {
        if (analysed != text) {
            if (!scan.scan(text, lex)) {
                lex.tokenize(text);
            }
            analysed = text;
        }
    }

    /**
     * spaCy English tokens of {@code text} ({@link SpacyEnglishTokenizer}), whitespace tokens
     * included; shared by the word counts and the readability metrics of the same text.
     */
    public static List<String> spacyTokens(String text) {
        TextAnalysis a = LOCAL.get();
        if (a.spacyText != text) {
            a.spacyTokens = SpacyEnglishTokenizer.tokenize(text);
            a.spacyText = text;
        }
        return a.spacyTokens;
    }

    /** Syllable-based counts of {@code text}, counted as TextDescriptives counts. */
    public static Readability readability(String text) {
        TextAnalysis a = LOCAL.get();
        if (a.readabilityText != text) {
            a.readability = Readability.textDescriptives(spacyTokens(text), Hyphenator.en());
            a.readabilityText = text;
        }
        return a.readability;
    }
}
