package org.heirloom.score.text;

import java.util.List;

/**
 * Per-thread analysis buffers. Each thread reuses one {@link LexTokens}, {@link TextScan} and
 * {@link TdCounts}; the last text of each analysis is remembered by identity, so several metrics
 * scoring the same String in a row (text-major batch scoring) tokenise it once, and only the
 * analyses some metric asks for run (the default word counts need no version-1 scan).
 */
public final class TextAnalysis {

    private static final ThreadLocal<TextAnalysis> LOCAL =
            ThreadLocal.withInitial(TextAnalysis::new);

    private final LexTokens lex = new LexTokens();
    private final TextScan scan = new TextScan();
    private String lexed;
    private String askedText;
    private boolean askedLex;
    private boolean askedTd;
    private boolean askedScan;
    private boolean fuseTd;
    private boolean fuseScan;
    private String scanned;
    private Readability readability;
    private String readabilityText;
    private final TdCounts td = new TdCounts();
    private String tdText;
    private List<String> spacyTokens;
    private String spacyText;

    private TextAnalysis() {}

    /** LexicalRichness tokens of {@code text} (valid until this thread's next call). */
    public static LexTokens lex(String text) {
        TextAnalysis a = LOCAL.get();
        a.asked(text, LEX);
        if (a.lexed != text) {
            if (a.fuseTd && a.tdText != text) {
                a.countTd(text);
            } else if (a.fuseScan && a.scanned != text) {
                a.scanVersion1(text);
            }
            if (a.lexed != text) {
                a.lex.tokenize(text);
                a.lexed = text;
            }
        }
        return a.lex;
    }

    private static final int LEX = 0;
    private static final int TD = 1;
    private static final int SCAN = 2;

    /**
     * Notes which analyses this text asks for. When the previous text asked for the LexicalRichness
     * tokens beside the spaCy counts (MTLD with the default word counts) or beside the version-1
     * scan, the first request for a new text computes both in one pass.
     */
    private void asked(String text, int analysis) {
        if (askedText != text) {
            fuseTd = askedLex && askedTd;
            fuseScan = askedLex && askedScan && !fuseTd;
            askedText = text;
            askedLex = false;
            askedTd = false;
            askedScan = false;
        }
        switch (analysis) {
            case LEX -> askedLex = true;
            case TD -> askedTd = true;
            default -> askedScan = true;
        }
    }

    private void countTd(String text) {
        if (td.count(text, fuseTd && lexed != text ? lex : null)) {
            lexed = text;
        }
        tdText = text;
    }

    private void scanVersion1(String text) {
        if (lexed == text) {
            scan.scan(text, null);
        } else if (scan.scan(text, lex)) {
            lexed = text;
        }
        scanned = text;
    }

    /**
     * Heirloom's version-1 words, sentences and characters of {@code text} (valid until this
     * thread's next call); tokenises for LexicalRichness in the same pass when it can.
     */
    public static TextScan scan(String text) {
        TextAnalysis a = LOCAL.get();
        a.asked(text, SCAN);
        if (a.scanned != text) {
            a.scanVersion1(text);
        }
        return a.scan;
    }

    /**
     * Code points other than U+0020 (TextDescriptives' {@code len(text.replace(" ", ""))}); no
     * tokens needed.
     */
    public static int characters(String text) {
        TextAnalysis a = LOCAL.get();
        if (a.tdText == text && a.td.characters() >= 0) {
            return a.td.characters();
        }
        int c = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            if (ch != ' ' && !Character.isLowSurrogate(ch)) {
                c++;
            }
        }
        return c;
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

    /**
     * TextDescriptives' word and sentence counts of {@code text} (valid until this thread's next
     * call): what the word and sentence metrics need, without syllables.
     */
    public static TdCounts td(String text) {
        TextAnalysis a = LOCAL.get();
        a.asked(text, TD);
        if (a.tdText != text) {
            a.countTd(text);
        }
        return a.td;
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
