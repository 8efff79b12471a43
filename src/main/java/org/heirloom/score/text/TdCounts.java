package org.heirloom.score.text;

/**
 * TextDescriptives' word and sentence counts over spaCy tokens ({@link SpacyEnglishTokenizer}) in
 * one pass, without a String per token: words are tokens that are not punctuation and hold no
 * straight apostrophe (whitespace tokens included), unique words are distinct Python-lower-cased
 * words, word length is in code points, and sentences follow spaCy's rule-based sentencizer. The
 * same counts as {@link Readability#textDescriptives} without the syllables, which the word and
 * sentence metrics do not need.
 *
 * <p>For an ASCII text it can fill LexicalRichness's tokens ({@link LexTokens}) in the same pass:
 * their rules (lower-case, drop digits and hyphens, split at punctuation and whitespace) never
 * cross a whitespace chunk, so each chunk is tokenised both ways, and a word both rules produce
 * from the same chars is looked up once in a table shared by the two. Not thread-safe; {@link
 * TextAnalysis} keeps one per thread.
 */
public final class TdCounts implements SpacyEnglishTokenizer.Sink {

    private final TermTable table = new TermTable();
    private char[] src = new char[4096];
    private char[] buf = new char[8192];
    private int pos;
    private int words;
    private long wordChars;
    private int sentences;
    private boolean seenFinal;
    private int unique;
    private int characters;

    // Per term of the shared table: its LexicalRichness id (-1: none yet) and whether it is a
    // TextDescriptives word.
    private int[] lexIdOf = new int[256];
    private boolean[] tdWord = new boolean[256];

    // The chunk's LexicalRichness words: source range, term, and whether the range held only kept
    // chars (then a spaCy token with the same range is the same word).
    private LexTokens lex;
    private int[] lwStart = new int[16];
    private int[] lwEnd = new int[16];
    private int[] lwTerm = new int[16];
    private int lwCount;
    private int lwCursor;

    /**
     * Counts {@code text} (the figures hold until the next call) and, when {@code lexTarget} is not
     * null and the text is ASCII, fills it with the text's LexicalRichness tokens; returns whether
     * it did.
     */
    boolean count(String text, LexTokens lexTarget) {
        table.reset();
        int n = text.length();
        if (src.length < n) {
            src = new char[Math.max(n, src.length * 2)];
        }
        if (buf.length < 2 * n + 16) {
            buf = new char[Math.max(2 * n + 16, buf.length * 2)];
        }
        text.getChars(0, n, src, 0);
        char[] a = src;
        int or = 0;
        int spaces = 0;
        for (int i = 0; i < n; i++) {
            char c = a[i];
            or |= c;
            spaces += c == ' ' ? 1 : 0;
        }
        boolean ascii = or < 128;
        characters = ascii ? n - spaces : -1;
        lex = ascii ? lexTarget : null;
        if (lex != null) {
            lex.beginExternal();
        }
        pos = 0;
        words = 0;
        wordChars = 0;
        sentences = 0;
        unique = 0;
        seenFinal = false;
        lwCount = 0;
        lwCursor = 0;
        SpacyEnglishTokenizer.scan(text, src, this);
        boolean filled = lex != null;
        lex = null;
        return filled;
    }

    @Override
    public boolean chunk(
            String text, int start, int end, int core, SpacyEnglishTokenizer.HandCut cut) {
        lwCount = 0;
        lwCursor = 0;
        if (lex == null) {
            return false;
        }
        if (core >= 0) {
            // A hand-cut chunk: ASCII letters make one LexicalRichness word (the hyphen dropped),
            // digits none, and the final mark splits.
            if (!cut.letters) {
                return false;
            }
            int term = lexWord(start, core, cut);
            if (cut.hyphen >= 0) {
                return false;
            }
            // The commonest chunk, a plain word perhaps with one final mark, counted here: the
            // word is neither punctuation nor final, and the mark is punctuation.
            sentenceStep(false, false);
            words++;
            wordChars += core - start;
            markWord(term);
            if (core < end) {
                char mark = src[core];
                sentenceStep(true, mark == '.' || mark == '!' || mark == '?');
            }
            return true;
        }
        char[] a = src;
        int i = start;
        while (i < end) {
            int p = ensure(end - i);
            char[] b = buf;
            int h = 0;
            int first = -1;
            int last = -1;
            boolean dropped = false;
            boolean pure = true;
            for (; i < end; i++) {
                char c = a[i];
                int cls = LexTokens.asciiClass(c);
                if (cls == LexTokens.KEEP || cls == LexTokens.UPPER) {
                    char l = cls == LexTokens.UPPER ? (char) (c + 32) : c;
                    b[p++] = l;
                    h = 31 * h + l;
                    if (first < 0) {
                        first = i;
                    } else if (dropped) {
                        pure = false;
                    }
                    last = i + 1;
                } else if (cls == LexTokens.DROP) {
                    dropped = first >= 0;
                } else {
                    break; // SPLIT
                }
            }
            i++;
            if (first >= 0) {
                int len = p - pos;
                int term = intern(b, pos, len, h);
                int id = lexIdOf[term];
                if (id < 0) {
                    lexIdOf[term] = lex.addNew(buf, table.termStart[term], len);
                } else {
                    lex.addKnown(id);
                }
                if (pure) {
                    if (lwCount == lwStart.length) {
                        lwStart = java.util.Arrays.copyOf(lwStart, lwCount * 2);
                        lwEnd = java.util.Arrays.copyOf(lwEnd, lwCount * 2);
                        lwTerm = java.util.Arrays.copyOf(lwTerm, lwCount * 2);
                    }
                    lwStart[lwCount] = first;
                    lwEnd[lwCount] = last;
                    lwTerm[lwCount++] = term;
                }
            }
        }
        return false;
    }

    /**
     * The lower-cased ASCII letters of {@code [start, end)} but the cut's hyphen, as a
     * LexicalRichness token; returns its term.
     */
    private int lexWord(int start, int end, SpacyEnglishTokenizer.HandCut cut) {
        char[] a = src;
        int p = ensure(end - start);
        char[] b = buf;
        int hyphen = cut.hyphen;
        if (hyphen < 0 && cut.lowerCase) {
            System.arraycopy(a, start, b, p, end - start);
            p += end - start;
        } else {
            for (int i = start; i < end; i++) {
                if (i != hyphen) {
                    b[p++] = (char) (a[i] | 0x20);
                }
            }
        }
        int len = p - pos;
        // The folded hash of ASCII letters is the String hash of the lower-cased word.
        int term = intern(b, pos, len, cut.foldedCore);
        int id = lexIdOf[term];
        if (id < 0) {
            lexIdOf[term] = lex.addNew(buf, table.termStart[term], len);
        } else {
            lex.addKnown(id);
        }
        return term;
    }

    /** The sentencizer, one token at a time. */
    private void sentenceStep(boolean punct, boolean fin) {
        // The first token opens a sentence, and so does the first token after a sentence-final
        // mark that is neither punctuation nor another final mark.
        if (sentences == 0) {
            sentences = 1;
        } else if (seenFinal && !punct && !fin) {
            sentences++;
            seenFinal = false;
        }
        if (fin) {
            seenFinal = true;
        }
    }

    @Override
    public void token(String text, int start, int end) {
        char[] a = src;
        boolean punct = SpacyEnglishTokenizer.isPunct(a, start, end);
        sentenceStep(punct, SpacyEnglishTokenizer.sentenceFinal(a, start, end));
        if (punct) {
            return;
        }
        while (lwCursor < lwCount && lwEnd[lwCursor] <= start) {
            lwCursor++;
        }
        if (lwCursor < lwCount && lwStart[lwCursor] == start && lwEnd[lwCursor] == end) {
            // The LexicalRichness word of exactly these chars: the same lower-cased string.
            words++;
            wordChars += end - start;
            markWord(lwTerm[lwCursor]);
            return;
        }
        // One pass: the apostrophe test, the code points, and the ASCII lower-cased copy.
        int p = ensure(end - start);
        char[] b = buf;
        int h = 0;
        boolean ascii = true;
        int lowSurrogates = 0;
        for (int i = start; i < end; i++) {
            char c = a[i];
            if (c == '\'') {
                return;
            }
            if (c < 128) {
                char l = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                b[p++] = l;
                h = 31 * h + l;
            } else {
                ascii = false;
                if (Character.isLowSurrogate(c)) {
                    lowSurrogates++;
                }
            }
        }
        words++;
        wordChars += end - start - lowSurrogates;
        if (!ascii) {
            String lower = PyLower.lower(text.substring(start, end));
            p = ensure(lower.length());
            b = buf;
            h = 0;
            for (int i = 0; i < lower.length(); i++) {
                char l = lower.charAt(i);
                b[p++] = l;
                h = 31 * h + l;
            }
        }
        markWord(intern(b, pos, p - pos, h));
    }

    private void markWord(int term) {
        if (!tdWord[term]) {
            tdWord[term] = true;
            unique++;
        }
    }

    /** Room for {@code len} more chars after the kept ones; returns where they go. */
    private int ensure(int len) {
        if (buf.length < pos + len) {
            buf = java.util.Arrays.copyOf(buf, Math.max(pos + len, buf.length * 2));
        }
        return pos;
    }

    /** The shared term of {@code buf[start, start+len)}; a new one keeps its chars. */
    private int intern(char[] b, int start, int len, int h) {
        int r = table.intern(b, start, len, h);
        if (r < 0) {
            return -r - 1;
        }
        pos = start + len;
        if (r == lexIdOf.length) {
            lexIdOf = java.util.Arrays.copyOf(lexIdOf, r * 2);
            tdWord = java.util.Arrays.copyOf(tdWord, r * 2);
        }
        lexIdOf[r] = -1;
        tdWord[r] = false;
        return r;
    }

    /** Words (non-punctuation tokens without an apostrophe). */
    public int words() {
        return words;
    }

    /** Distinct lower-cased words. */
    public int uniqueWords() {
        return unique;
    }

    /** Code points in words. */
    public long wordChars() {
        return wordChars;
    }

    /** Sentences (0 for a text without tokens). */
    public int sentences() {
        return sentences;
    }

    /** Code points other than U+0020 when the text was ASCII, else -1. */
    int characters() {
        return characters;
    }
}
