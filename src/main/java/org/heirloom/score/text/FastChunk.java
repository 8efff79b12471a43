package org.heirloom.score.text;

/**
 * The common chunks of English prose cut without the tokenizer's rules: a run of letters or of
 * ASCII digits, two letter runs joined by one ASCII hyphen, and either followed by one of {@code ,
 * ; : ! ?} or by a period that the suffix rule splits off (after a lower-case letter or a digit).
 *
 * <p>Why these cuts equal the rules': no prefix, suffix or infix pattern matches inside a letter
 * run (each needs punctuation, a symbol, or a digit next to a unit); between digits only operators
 * and units split; a hyphen between letters is the hyphen infix; the final mark is a punctuation
 * suffix, and a period is one after {@code \p{Ll}} or a digit. Exceptions ("dont", "Dr.") are the
 * one thing a letter run can be, so a chunk that is an exception, with or without its final mark,
 * takes the rules.
 */
final class FastChunk {

    private FastChunk() {}

    /**
     * Emits the tokens of {@code text[start, end)} (whose chars are in {@code a}) and returns true,
     * or returns false.
     */
    static boolean cut(String text, char[] a, int start, int end, SpacyEnglishTokenizer.Sink sink) {
        char c = a[start];
        boolean letters;
        if (isLetter(c)) {
            letters = true;
        } else if (c >= '0' && c <= '9') {
            letters = false;
        } else {
            return false;
        }
        int h = 0;
        int j = start;
        while (j < end && same(a[j], letters)) {
            h = 31 * h + a[j];
            j++;
        }
        int hyphen = -1;
        if (letters && j + 1 < end && a[j] == '-' && isLetter(a[j + 1])) {
            hyphen = j;
            h = 31 * h + '-';
            j++;
            while (j < end && isLetter(a[j])) {
                h = 31 * h + a[j];
                j++;
            }
        }
        int core = j;
        int coreHash = h;
        if (j < end) {
            if (j != end - 1) {
                return false;
            }
            char last = a[j];
            boolean suffix =
                    last == ','
                            || last == ';'
                            || last == ':'
                            || last == '!'
                            || last == '?'
                            || (last == '.'
                                    && (!letters
                                            || Character.getType(a[j - 1])
                                                    == Character.LOWERCASE_LETTER));
            if (!suffix) {
                return false;
            }
            h = 31 * h + last;
            if (SpacyEnglishTokenizer.special(text, start, end, h)) {
                return false;
            }
        }
        if (SpacyEnglishTokenizer.special(text, start, core, coreHash)) {
            return false;
        }
        if (hyphen < 0) {
            sink.token(text, start, core);
        } else {
            sink.token(text, start, hyphen);
            sink.token(text, hyphen, hyphen + 1);
            sink.token(text, hyphen + 1, core);
        }
        if (core < end) {
            sink.token(text, core, end);
        }
        return true;
    }

    private static boolean same(char c, boolean letters) {
        return letters ? isLetter(c) : c >= '0' && c <= '9';
    }

    /** A letter in one char (surrogate pairs take the rules). */
    private static boolean isLetter(char c) {
        if (c < 128) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        }
        return !Character.isSurrogate(c) && Character.isLetter(c);
    }
}
