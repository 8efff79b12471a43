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
     * Cuts the chunk that starts at {@code start} (and ends at the next whitespace or {@code
     * limit}), whose chars are in {@code a}: reports it (in {@code cut}) and its tokens to {@code
     * sink} and returns its end, or returns -1 when it is not one of the common shapes.
     */
    static int cut(
            String text,
            char[] a,
            int start,
            int limit,
            SpacyEnglishTokenizer.Sink sink,
            SpacyEnglishTokenizer.HandCut cut) {
        char c = a[start];
        boolean letters;
        if (isLetter(c)) {
            letters = true;
        } else if (c >= '0' && c <= '9') {
            letters = false;
        } else {
            return -1;
        }
        int h = 0;
        int caps = 0;
        int j = start;
        while (j < limit && same(c = a[j], letters)) {
            h = 31 * h + (c | 0x20);
            caps |= ~c & 0x20;
            j++;
        }
        int hyphen = -1;
        if (letters && j + 1 < limit && a[j] == '-' && isLetter(a[j + 1])) {
            hyphen = j;
            j++;
            while (j < limit && isLetter(c = a[j])) {
                h = 31 * h + (c | 0x20);
                caps |= ~c & 0x20;
                j++;
            }
        }
        int core = j;
        int end = core;
        if (j < limit && !SpacyEnglishTokenizer.space(a[j])) {
            if (j + 1 < limit && !SpacyEnglishTokenizer.space(a[j + 1])) {
                return -1;
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
                return -1;
            }
            end = j + 1;
            if (SpacyEnglishTokenizer.special(text, start, end, 31 * h + last)) {
                return -1;
            }
        }
        if (SpacyEnglishTokenizer.special(text, start, core, h)) {
            return -1;
        }
        cut.hyphen = hyphen;
        cut.letters = letters;
        cut.foldedCore = h;
        cut.lowerCase = caps == 0;
        if (sink.chunk(text, start, end, core, cut)) {
            return end;
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
        return end;
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
