package org.heirloom.score.text;

/**
 * Python 3's {@code str.lower()}, which LexicalRichness (TTR, MTLD) applies to the whole text.
 * Java's {@code String.toLowerCase} differs on the Greek capital sigma: Python makes it final (ς)
 * when a cased letter precedes it and none follows, skipping only case-ignorable characters
 * (Unicode's Final_Sigma context), whereas Java looks within a word-break segment, so "ΑΣ-Β" and
 * "ΑΣ:Β" lower differently. Every other character takes its full lower-case mapping, as both do.
 */
public final class PyLower {

    private static final int CAPITAL_SIGMA = 0x03A3;

    private PyLower() {}

    public static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == CAPITAL_SIGMA) {
                sb.append(finalSigma(s, i) ? 'ς' : 'σ');
            } else if (cp == 0x0130) {
                sb.append("i\u0307"); // the one unconditional multi-char lower-case mapping
            } else {
                sb.appendCodePoint(Character.toLowerCase(cp));
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /**
     * Python's {@code handle_capital_sigma}: cased, case-ignorable*, Σ, not (ignorable*, cased).
     */
    private static boolean finalSigma(String s, int at) {
        int j = at;
        int before = -1;
        while (j > 0) {
            int c = s.codePointBefore(j);
            j -= Character.charCount(c);
            if (!caseIgnorable(c)) {
                before = c;
                break;
            }
        }
        if (before < 0 || !cased(before)) {
            return false;
        }
        j = at + 1;
        while (j < s.length()) {
            int c = s.codePointAt(j);
            if (!caseIgnorable(c)) {
                return !cased(c);
            }
            j += Character.charCount(c);
        }
        return true;
    }

    /** Unicode's Cased: Lowercase, Uppercase or titlecase letter. */
    static boolean cased(int c) {
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /**
     * Unicode's Case_Ignorable: general category Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter,
     * MidNumLet or Single_Quote.
     */
    static boolean caseIgnorable(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.FORMAT,
                    Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL -> {
                return true;
            }
            default -> {
                return switch (c) {
                    case 0x27,
                            0x2E,
                            0x3A,
                            0xB7,
                            0x387,
                            0x55F,
                            0x5F4,
                            0x2018,
                            0x2019,
                            0x2024,
                            0x2027,
                            0xFE13,
                            0xFE52,
                            0xFE55,
                            0xFF07,
                            0xFF0E,
                            0xFF1A ->
                            true;
                    default -> false;
                };
            }
        }
    }
}
