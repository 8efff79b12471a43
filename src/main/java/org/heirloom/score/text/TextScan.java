package org.heirloom.score.text;

/**
 * Words, sentences and characters of a text in one pass over its chars (no regex, no String per
 * word). The rules, documented in docs/metrics.md:
 *
 * <ul>
 *   <li><b>Characters</b>: code points other than U+0020 SPACE, as TextDescriptives counts them
 *       ({@code len(text.replace(" ", ""))}).
 *   <li><b>Word</b>: a maximal run of letters, digits and combining marks. An apostrophe ({@code '}
 *       or {@code ’}) between two letters joins ({@code don't}); {@code .} or {@code ,} between two
 *       digits joins ({@code 3.5}, {@code 1,000}). Everything else separates, hyphens included
 *       ({@code well-known} is two words, as spaCy tokenises it).
 *   <li><b>Word length</b>: code points of the word.
 *   <li><b>Sentence</b>: ends after {@code . ! ? …} (and CJK {@code 。！？}), possibly followed by
 *       closing quotes or brackets, when whitespace or the end of the text follows; also at a blank
 *       line. A period after a single capital letter (initials) or after Mr, Mrs, Ms, Dr, Prof, Sr,
 *       Jr, St, vs does not end a sentence. Only sentences containing a word count; a text with
 *       words but no final punctuation is one sentence.
 * </ul>
 *
 * Not thread-safe; {@link TextAnalysis} keeps one per thread.
 */
public final class TextScan {

    int words;
    int sentences;
    int characters;
    long wordChars;

    /** Word boundaries in the source text: [wordBegin[i], wordEnd[i]). */
    int[] wordBegin = new int[512];

    int[] wordEnd = new int[512];
    int[] wordLen = new int[512];

    private char[] buf = new char[4096];
    private char[] src = new char[4096];
    private final TermTable table = new TermTable();
    private String text;

    public TextScan scan(String s) {
        scan(s, null);
        return this;
    }

    /**
     * Scans {@code s} and, in the same pass, tokenises it for LexicalRichness into {@code lex}
     * (when not null). Returns false if {@code lex} could not be filled in the same pass (the text
     * has non-ASCII characters, which need whole-string lower-casing first); the caller then runs
     * {@link LexTokens#tokenize}.
     */
    public boolean scan(String s, LexTokens lex) {
        this.text = s;
        words = 0;
        sentences = 0;
        characters = 0;
        wordChars = 0;
        table.reset();
        int n = s.length();
        if (buf.length < n + 1) {
            buf = new char[Math.max(n + 1, buf.length * 2)];
        }
        char[] b = buf;
        int pos = 0;
        boolean inWord = false;
        int wordStartPos = 0;
        int begin = 0;
        int len = 0;
        int hash = 0;
        boolean sentenceHasWord = false;
        boolean pendingEnd = false;
        int newlines = 0;
        if (src.length < n) {
            src = new char[Math.max(n, src.length * 2)];
        }
        char[] a = src;
        s.getChars(0, n, a, 0);
        // LexicalRichness tokens in the same pass (ASCII only): lb/lpos/lstart/lhash mirror
        // LexTokens.scan.
        boolean lexOn = lex != null;
        char[] lb = lexOn ? lex.beginFused(n) : null;
        int lpos = 0;
        int lstart = 0;
        int lhash = 0;
        for (int i = 0; i < n; i++) {
            char c = a[i];
            // Fast paths for the common cases: a letter inside a word, and a space.
            if (c < 128) {
                if (inWord && ASCII_WORD[c]) {
                    // Tight inner loop over the rest of an ASCII word.
                    int j = i;
                    if (lexOn) {
                        while (true) {
                            char l = ASCII_LOWER[c];
                            b[pos++] = l;
                            hash = 31 * hash + l;
                            if (c >= 'A') { // LexicalRichness keeps letters, drops digits
                                lb[lpos++] = l;
                                lhash = 31 * lhash + l;
                            }
                            if (++j == n) {
                                break;
                            }
                            c = a[j];
                            if (c >= 128 || !ASCII_WORD[c]) {
                                break;
                            }
                        }
                    } else {
                        while (true) {
                            char l = ASCII_LOWER[c];
                            b[pos++] = l;
                            hash = 31 * hash + l;
                            if (++j == n) {
                                break;
                            }
                            c = a[j];
                            if (c >= 128 || !ASCII_WORD[c]) {
                                break;
                            }
                        }
                    }
                    characters += j - i;
                    len += j - i;
                    i = j - 1;
                    continue;
                }
                if (c == ' ') {
                    if (lexOn) {
                        if (lpos > lstart) {
                            lpos = lex.endWord(lstart, lpos, lhash);
                        }
                        lstart = lpos;
                        lhash = 0;
                    }
                    if (inWord) {
                        pos = endWord(wordStartPos, pos, hash, begin, i, len);
                        inWord = false;
                        sentenceHasWord = true;
                    }
                    if (pendingEnd) {
                        sentences++;
                        sentenceHasWord = false;
                        pendingEnd = false;
                    }
                    continue;
                }
            }
            if (lexOn) {
                if (c >= 128) {
                    lexOn = false;
                } else {
                    int cls = LexTokens.asciiClass(c);
                    if (cls == LexTokens.KEEP || cls == LexTokens.UPPER) {
                        char l = ASCII_LOWER[c];
                        lb[lpos++] = l;
                        lhash = 31 * lhash + l;
                    } else if (cls == LexTokens.SPLIT) {
                        if (lpos > lstart) {
                            lpos = lex.endWord(lstart, lpos, lhash);
                        }
                        lstart = lpos;
                        lhash = 0;
                    }
                }
            }
            if (c != ' ' && !Character.isLowSurrogate(c)) {
                characters++;
            }
            boolean wordChar;
            int cp = c;
            if (c < 128) {
                wordChar = ASCII_WORD[c];
            } else if (Character.isHighSurrogate(c) && i + 1 < n) {
                cp = s.codePointAt(i);
                wordChar = isWordCodePoint(cp);
            } else if (Character.isLowSurrogate(c)) {
                continue; // handled with its high surrogate
            } else {
                wordChar = isWordCodePoint(c);
            }
            if (!wordChar && inWord && i + 1 < n) {
                // Joiners: apostrophe between letters, '.' or ',' between digits.
                char next = s.charAt(i + 1);
                char prev = s.charAt(i - 1);
                if ((c == '\'' || c == '\u2019')
                        && Character.isLetter(prev)
                        && Character.isLetter(next)) {
                    wordChar = true;
                } else if ((c == '.' || c == ',') && isDigit(prev) && isDigit(next)) {
                    wordChar = true;
                }
            }
            if (wordChar) {
                if (!inWord) {
                    inWord = true;
                    wordStartPos = pos;
                    begin = i;
                    len = 0;
                    hash = 0;
                }
                pendingEnd = false;
                newlines = 0;
                len++;
                if (cp == c) {
                    char l = c < 128 ? ASCII_LOWER[c] : Character.toLowerCase(c);
                    b[pos++] = l;
                    hash = 31 * hash + l;
                } else {
                    int l = Character.toLowerCase(cp);
                    int k = Character.toChars(l, b, pos);
                    for (int j = 0; j < k; j++) {
                        hash = 31 * hash + b[pos + j];
                    }
                    pos += k;
                    i++; // the low surrogate
                }
                continue;
            }
            if (inWord) {
                pos = endWord(wordStartPos, pos, hash, begin, i, len);
                inWord = false;
                sentenceHasWord = true;
            }
            if (c == '\u3002' || c == '\uff01' || c == '\uff1f') {
                // CJK terminators: no space follows, so they end the sentence at once.
                if (sentenceHasWord) {
                    sentences++;
                    sentenceHasWord = false;
                }
                pendingEnd = false;
                newlines = 0;
            } else if (c == '.' || c == '!' || c == '?' || c == '\u2026') {
                if (sentenceHasWord && !(c == '.' && isAbbreviation(s, i))) {
                    pendingEnd = true;
                }
                newlines = 0;
            } else if (Character.isWhitespace(c) || c == '\u00a0') {
                if (pendingEnd) {
                    sentences++;
                    sentenceHasWord = false;
                    pendingEnd = false;
                }
                if (c == '\n') {
                    if (++newlines >= 2 && sentenceHasWord) {
                        sentences++;
                        sentenceHasWord = false;
                    }
                }
            } else if (!isCloser(c)) {
                pendingEnd = false;
                newlines = 0;
            }
        }
        if (inWord) {
            endWord(wordStartPos, pos, hash, begin, n, len);
            sentenceHasWord = true;
        }
        if (sentenceHasWord) {
            sentences++;
        }
        if (lexOn && lpos > lstart) {
            lex.endWord(lstart, lpos, lhash);
        }
        return lexOn;
    }

    private int endWord(int start, int end, int hash, int begin, int stop, int len) {
        int id = table.intern(buf, start, end - start, hash);
        if (words == wordBegin.length) {
            int m = words * 2;
            wordBegin = java.util.Arrays.copyOf(wordBegin, m);
            wordEnd = java.util.Arrays.copyOf(wordEnd, m);
            wordLen = java.util.Arrays.copyOf(wordLen, m);
        }
        wordBegin[words] = begin;
        wordEnd[words] = stop;
        wordLen[words] = len;
        words++;
        wordChars += len;
        return id < 0 ? start : end;
    }

    /** Whether the '.' at {@code dot} closes an initial or a title abbreviation. */
    private static boolean isAbbreviation(String s, int dot) {
        int j = dot;
        while (j > 0 && Character.isLetter(s.charAt(j - 1))) {
            j--;
        }
        int len = dot - j;
        if (len == 0 || (j > 0 && Character.isLetterOrDigit(s.charAt(j - 1)))) {
            return false;
        }
        if (len == 1) {
            return Character.isUpperCase(s.charAt(j));
        }
        if (len > 4) {
            return false;
        }
        String w = s.substring(j, dot);
        for (String a : TITLES) {
            if (a.equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] TITLES = {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "vs"
    };

    private static boolean isCloser(char c) {
        return c == '"'
                || c == '\''
                || c == ')'
                || c == ']'
                || c == '}'
                || c == '\u201d'
                || c == '\u2019'
                || c == '\u00bb'
                || c == '*'
                || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isWordCodePoint(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK
                || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK;
    }

    public int words() {
        return words;
    }

    public int uniqueWords() {
        return table.terms;
    }

    public int sentences() {
        return sentences;
    }

    public int characters() {
        return characters;
    }

    /** Total code points in words. */
    public long wordChars() {
        return wordChars;
    }

    /** The text last scanned. */
    String text() {
        return text;
    }

    private static final boolean[] ASCII_WORD = new boolean[128];
    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
            ASCII_LOWER[c] = (char) Character.toLowerCase(c);
        }
    }
}
