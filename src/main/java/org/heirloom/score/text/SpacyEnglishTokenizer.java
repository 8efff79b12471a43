package org.heirloom.score.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spaCy's English tokenizer, re-implemented from its published algorithm and rule definitions
 * ({@code tokenizer.pyx}, {@code lang/punctuation.py}, {@code lang/char_classes.py}, {@code
 * lang/en/tokenizer_exceptions.py}), for counting as TextDescriptives counts. The text is cut at
 * whitespace: one space after a token belongs to it, any other whitespace run is a token of its
 * own. Each remaining chunk is a special case (an exception such as "don't" → do + n't, "Dr.",
 * "e.g."), or loses prefixes and suffixes (punctuation, quotes, currency, a final period) until a
 * special case or nothing is left; the middle is kept whole when it is a URL, else split at infixes
 * (hyphens and slashes between letters, commas between letters, a period between a lower- and an
 * upper-case letter, operators between digits, ellipses).
 *
 * <p>Approximations: letter classes are Unicode's (spaCy lists scripts), the exception table covers
 * contractions, titles, months, Latin abbreviations and single letters rather than spaCy's full
 * 1,300 entries, and the URL pattern is simpler than spaCy's. Measured agreement with spaCy 3.8 is
 * in docs/metrics.md.
 */
public final class SpacyEnglishTokenizer {

    private static final String PUNCT =
            "…|……|,|:|;|!|\\?|¿|؟|¡|\\(|\\)|\\[|\\]|\\{|\\}|<|>|_|#|\\*|&|。|？|！|，|、|；|：|～|·|।|،|۔|؛|٪";
    private static final String QUOTES =
            "'|\"|”|“|`|‘|´|’|‚|,|„|»|«|「|」|『|』|（|）|〔|〕|【|】|《|》|〈|〉|⟦|⟧";
    private static final String QUOTE_CHARS = "'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉⟦⟧";
    private static final String PUNCT_CHARS = "…,:;!?¿؟¡()\\[\\]{}<>_#*&。？！，、；：～·।،۔؛٪";
    private static final String CURRENCY = "\\$|£|€|¥|฿|US\\$|C\\$|A\\$|₽|﷼|[₠-₿]";
    private static final String ICONS = "\\p{So}";
    private static final String ELLIPSES = "\\.\\.+|…";
    private static final String UNITS =
            "km|km²|km³|m|m²|m³|dm|dm²|dm³|cm|cm²|cm³|mm|mm²|mm³|ha|µm|nm|yd|in|ft|kg|g|mg|µg|t|lb"
                    + "|oz|m/s|km/h|kmh|mph|hPa|Pa|mbar|mb|MB|kb|KB|gb|GB|tb|TB|T|G|M|K|%";
    private static final String HYPHENS = "-|–|—|--|---|——|~";

    private static final Pattern PREFIX =
            Pattern.compile(
                    "^(?:§|%|=|—|–|\\+(?![0-9])|"
                            + PUNCT
                            + "|"
                            + ELLIPSES
                            + "|"
                            + QUOTES
                            + "|"
                            + CURRENCY
                            + "|"
                            + ICONS
                            + ")");

    private static final Pattern SUFFIX =
            Pattern.compile(
                    "(?:"
                            + PUNCT
                            + "|"
                            + ELLIPSES
                            + "|"
                            + QUOTES
                            + "|"
                            + ICONS
                            + "|'s|'S|’s|’S|—|–"
                            + "|(?<=[0-9])\\+"
                            + "|(?<=°[FfCcKk])\\."
                            + "|(?<=[0-9])(?:"
                            + CURRENCY
                            + ")"
                            + "|(?<=[0-9])(?:"
                            + UNITS
                            + ")"
                            + "|(?<=[0-9\\p{Ll}%²\\-+"
                            + PUNCT_CHARS
                            + QUOTE_CHARS
                            + "])\\."
                            + "|(?<=\\p{Lu}\\p{Lu})\\."
                            + ")$");

    private static final Pattern INFIX =
            Pattern.compile(
                    ELLIPSES
                            + "|"
                            + ICONS
                            + "|(?<=[0-9])[+\\-*^](?=[0-9-])"
                            + "|(?<=[\\p{Ll}"
                            + QUOTE_CHARS
                            + "])\\.(?=[\\p{Lu}"
                            + QUOTE_CHARS
                            + "])"
                            + "|(?<=\\p{L}),(?=\\p{L})"
                            + "|(?<=[\\p{L}0-9])(?:"
                            + HYPHENS
                            + ")(?=\\p{L})"
                            + "|(?<=[\\p{L}0-9])[:<>=/](?=\\p{L})");

    /** Scheme or www, or a dotted host name with a letter TLD; optional port and path. */
    private static final Pattern URL =
            Pattern.compile(
                    "^(?:(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\\.)\\S+"
                            + "|(?:[a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,}(?::\\d+)?/\\S*"
                            + "|(?:[a-zA-Z0-9-]+\\.)+(?:com|org|net|edu|gov|io|co|uk|de|fr|info)"
                            + "(?::\\d+)?)$");

    /** Apostrophe-less forms that are words of their own are not split ("ill", "were", "well"). */
    private static final java.util.Set<String> NOT_CONTRACTIONS =
            java.util.Set.of(
                    "ill", "well", "were", "shell", "hell", "wed", "hed", "shed", "whore", "its",
                    "lets", "whod", "whered", "hows", "whys", "whens", "thisd");

    private static final Map<String, String[]> SPECIALS = specials();

    private SpacyEnglishTokenizer() {}

    /** Receives tokens as ranges of the text, in order; together they cover it but for spaces. */
    interface Sink {
        void token(String text, int start, int end);

        /**
         * Called before the tokens of each chunk between whitespace, with {@code core} -1 when the
         * rules cut it; else see {@link HandCut}. Returning true for a hand-cut chunk says the sink
         * took its tokens from the cut itself, so they are not sent one by one.
         */
        default boolean chunk(String text, int start, int end, int core, HandCut cut) {
            return false;
        }
    }

    /**
     * A hand-cut chunk: a run of letters ({@code letters}) or of ASCII digits ending at {@code
     * core}, perhaps with one hyphen at {@code hyphen} (else -1), then at most one final mark;
     * {@code foldedCore} is the {@link #foldedHash} of the run (the hyphen left out), and {@code
     * lowerCase} says the run has no ASCII capital.
     */
    static final class HandCut {
        int hyphen;
        boolean letters;
        int foldedCore;
        boolean lowerCase;
    }

    /** Token texts, whitespace tokens included. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        scan(text, (t, s, e) -> out.add(t.substring(s, e)));
        return out;
    }

    /**
     * The tokens of {@code text} as ranges, without a String per token. Common chunks (a word of
     * letters or of digits, perhaps two letter words joined by one hyphen, perhaps one final {@code
     * , ; : ! ?} or period) are cut by hand; the result equals the rule-based path's, which every
     * other chunk takes ({@code SpacyFastPathTest} compares the two).
     */
    static void scan(String text, Sink sink) {
        walk(text, text.toCharArray(), sink, false);
    }

    /** As {@link #scan(String, Sink)}, with the text's chars already in {@code chars}. */
    static void scan(String text, char[] chars, Sink sink) {
        walk(text, chars, sink, false);
    }

    /** The rule-based path for every chunk (the reference for the fast path). */
    static List<String> tokenizeGeneral(String text) {
        List<String> out = new ArrayList<>();
        walk(text, text.toCharArray(), (t, s, e) -> out.add(t.substring(s, e)), true);
        return out;
    }

    private static void walk(String text, char[] a, Sink sink, boolean general) {
        int n = text.length();
        HandCut cut = new HandCut();
        int i = 0;
        while (i < n) {
            if (space(a[i])) {
                int j = i + 1;
                while (j < n && space(a[j])) {
                    j++;
                }
                // One leading space after a token is that token's trailing space.
                int start = i > 0 && a[i] == ' ' ? i + 1 : i;
                if (start < j) {
                    sink.token(text, start, j);
                }
                i = j;
                continue;
            }
            int end = general ? -1 : FastChunk.cut(text, a, i, n, sink, cut);
            if (end < 0) {
                end = i + 1;
                while (end < n && !space(a[end])) {
                    end++;
                }
                sink.chunk(text, i, end, -1, null);
                List<String> out = new ArrayList<>();
                chunk(text.substring(i, end), out);
                // The rules split a chunk into consecutive pieces of it.
                int p = i;
                for (String t : out) {
                    sink.token(text, p, p + t.length());
                    p += t.length();
                }
            }
            i = end;
        }
    }

    /**
     * Whether {@code text[start, end)} is a key of the exception table. {@code folded} is its
     * {@link #foldedHash}, which filters first, so most chunks need no String.
     */
    static boolean special(String text, int start, int end, int folded) {
        int bit = folded & (SPECIAL_BITS.length * 64 - 1);
        return (SPECIAL_BITS[bit >>> 6] & (1L << bit)) != 0
                && SPECIALS.containsKey(text.substring(start, end));
    }

    /**
     * The String hash of {@code s} with every char OR 0x20 (ASCII lower case for letters, no change
     * to digits and the marks a hand-cut chunk may end with) and hyphens left out: the hash {@link
     * FastChunk} computes once for the exception filter and the lower-cased word.
     */
    static int foldedHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '-') {
                h = 31 * h + (c | 0x20);
            }
        }
        return h;
    }

    /** A bit per low 16 bits of the exception keys' folded hashes. */
    private static final long[] SPECIAL_BITS = specialBits();

    private static long[] specialBits() {
        long[] bits = new long[1 << 10];
        for (String k : SPECIALS.keySet()) {
            int bit = foldedHash(k) & (bits.length * 64 - 1);
            bits[bit >>> 6] |= 1L << bit;
        }
        return bits;
    }

    /** The exception table (for tests: each entry splits its key into consecutive pieces). */
    static Map<String, String[]> specialsTable() {
        return java.util.Collections.unmodifiableMap(SPECIALS);
    }

    /** spaCy's Sentencizer default punctuation (the scripts English text may contain). */
    private static final java.util.Set<String> SENTENCE_PUNCT =
            java.util.Set.of(
                    "!", ".", "?", "։", "؟", "۔", "܀", "܁", "܂", "߹", "।", "॥", "‼", "‽", "⁇", "⁈",
                    "⁉", "⸮", "⸼", "。", "！", "？", "｡");

    /**
     * Sentence starts as spaCy's rule-based {@code Sentencizer} sets them: a sentence begins at the
     * first token after a sentence-final punctuation token that is neither punctuation nor
     * sentence-final itself. (TextDescriptives' own runs use a dependency parser instead.)
     *
     * @return per sentence, the index of its first token
     */
    public static List<Integer> sentenceStarts(List<String> tokens) {
        List<Integer> starts = new ArrayList<>();
        if (tokens.isEmpty()) {
            return starts;
        }
        starts.add(0);
        boolean seenPeriod = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            boolean final_ = SENTENCE_PUNCT.contains(t);
            if (seenPeriod && !isPunct(t) && !final_) {
                starts.add(i);
                seenPeriod = false;
            } else if (final_) {
                seenPeriod = true;
            }
        }
        return starts;
    }

    /**
     * TextDescriptives' words ({@code utils.filter_tokens}): tokens that are not punctuation and
     * contain no straight apostrophe (whitespace tokens count).
     */
    public static boolean tdWord(String token) {
        return !isPunct(token) && token.indexOf('\'') < 0;
    }

    /** Python's str.isspace for one char: whitespace including no-break spaces. */
    static boolean space(char c) {
        if (c < 128) {
            return c <= ' ' && (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f));
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Unicode punctuation (category P*) throughout, as spaCy's is_punct. */
    public static boolean isPunct(String token) {
        for (int i = 0; i < token.length(); ) {
            char c = token.charAt(i);
            if (c < 128) {
                if (!ASCII_PUNCT[c]) {
                    return false;
                }
                i++;
                continue;
            }
            int cp = token.codePointAt(i);
            if (!punctType(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return !token.isEmpty();
    }

    /** {@link #isPunct(String)} of {@code a[start, end)}. */
    static boolean isPunct(char[] a, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = a[i];
            if (c < 128) {
                if (!ASCII_PUNCT[c]) {
                    return false;
                }
            } else if (Character.isSurrogate(c)) {
                return isPunct(new String(a, start, end - start));
            } else if (!punctType(c)) {
                return false;
            }
        }
        return end > start;
    }

    private static final boolean[] ASCII_PUNCT = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_PUNCT[c] = punctType(c);
        }
    }

    private static boolean punctType(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION ->
                    true;
            default -> false;
        };
    }

    /** Whether {@code text[start, end)} is one of the sentencizer's sentence-final marks. */
    static boolean sentenceFinal(char[] a, int start, int end) {
        // Every mark is one BMP char.
        if (end - start != 1) {
            return false;
        }
        char c = a[start];
        return c < 128
                ? c == '.' || c == '!' || c == '?'
                : SENTENCE_PUNCT.contains(String.valueOf(c));
    }

    private static void chunk(String s, List<String> out) {
        String[] special = SPECIALS.get(s);
        if (special != null) {
            out.addAll(List.of(special));
            return;
        }
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        int lastSize = -1;
        while (!s.isEmpty() && s.length() != lastSize) {
            if (SPECIALS.containsKey(s)) {
                break;
            }
            lastSize = s.length();
            int pre = match(PREFIX, s);
            String minusPre = s.substring(pre);
            if (pre > 0 && !minusPre.isEmpty() && SPECIALS.containsKey(minusPre)) {
                prefixes.add(s.substring(0, pre));
                s = minusPre;
                break;
            }
            int suf = suffixLength(minusPre);
            String minusSuf = s.substring(0, s.length() - suf);
            if (suf > 0 && !minusSuf.isEmpty() && SPECIALS.containsKey(minusSuf)) {
                suffixes.add(s.substring(s.length() - suf));
                s = minusSuf;
                break;
            }
            if (pre > 0 && suf > 0 && pre + suf <= s.length()) {
                prefixes.add(s.substring(0, pre));
                suffixes.add(s.substring(s.length() - suf));
                s = s.substring(pre, s.length() - suf);
            } else if (pre > 0) {
                prefixes.add(s.substring(0, pre));
                s = minusPre;
            } else if (suf > 0) {
                suffixes.add(s.substring(s.length() - suf));
                s = minusSuf;
            }
            if (!s.isEmpty() && SPECIALS.containsKey(s)) {
                break;
            }
        }
        out.addAll(prefixes);
        if (!s.isEmpty()) {
            special = SPECIALS.get(s);
            if (special != null) {
                out.addAll(List.of(special));
            } else if (URL.matcher(s).matches()) {
                out.add(s);
            } else {
                infixes(s, out);
            }
        }
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            out.add(suffixes.get(i));
        }
    }

    private static void infixes(String s, List<String> out) {
        Matcher m = INFIX.matcher(s);
        int start = 0;
        while (m.find()) {
            if (m.start() == 0) {
                continue;
            }
            if (m.start() != start) {
                out.add(s.substring(start, m.start()));
            }
            if (m.start() != m.end()) {
                out.add(s.substring(m.start(), m.end()));
            }
            start = m.end();
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
    }

    private static int match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.end() - m.start() : 0;
    }

    private static int suffixLength(String s) {
        Matcher m = SUFFIX.matcher(s);
        return m.find() ? m.end() - m.start() : 0;
    }

    /**
     * The exception table: contractions (both apostrophes, lower and capitalised), abbreviations.
     */
    private static Map<String, String[]> specials() {
        Map<String, String[]> m = new HashMap<>();
        String[][] nt = {
            {"do", "do"},
            {"does", "does"},
            {"did", "did"},
            {"is", "is"},
            {"are", "are"},
            {"was", "was"},
            {"were", "were"},
            {"have", "have"},
            {"has", "has"},
            {"had", "had"},
            {"could", "could"},
            {"would", "would"},
            {"should", "should"},
            {"must", "must"},
            {"might", "might"},
            {"need", "need"},
            {"ca", "ca"},
            {"wo", "wo"},
            {"ai", "ai"},
            {"sha", "sha"},
            {"dare", "dare"}
        };
        for (String[] b : nt) {
            contraction(m, b[0], "n't");
        }
        for (String p : List.of("i")) {
            for (String v : List.of("'m", "'ve", "'ll", "'d")) {
                contraction(m, p, v);
            }
        }
        for (String p : List.of("you", "we", "they")) {
            for (String v : List.of("'re", "'ve", "'ll", "'d")) {
                contraction(m, p, v);
            }
        }
        for (String p : List.of("he", "she", "it")) {
            for (String v : List.of("'ll", "'d")) {
                contraction(m, p, v);
            }
        }
        for (String p :
                List.of("that", "there", "this", "what", "who", "where", "when", "why", "how")) {
            for (String v : List.of("'ll", "'d", "'re", "'ve")) {
                contraction(m, p, v);
            }
        }
        for (String p : List.of("he", "she", "that", "there", "what", "who")) {
            contraction(m, p, "'s");
        }
        for (String suf : List.of("'m", "'re", "'ve", "'ll", "'d", "n't")) {
            m.put(suf, new String[] {suf});
            m.put(suf.replace('\'', '’'), new String[] {suf.replace('\'', '’')});
        }
        m.put("and/or", new String[] {"and/or"});
        m.put("cannot", new String[] {"can", "not"});
        m.put("Cannot", new String[] {"Can", "not"});
        m.put("gonna", new String[] {"gon", "na"});
        m.put("Gonna", new String[] {"Gon", "na"});
        m.put("gotta", new String[] {"got", "ta"});
        m.put("Gotta", new String[] {"Got", "ta"});
        for (String s :
                List.of(
                        "'s", "’s", "'S", "’S", "'em", "’em", "ma'am", "o'clock", "Mr.", "Mrs.",
                        "Ms.", "Dr.", "Prof.", "St.", "Mt.", "Jr.", "Sr.", "vs.", "Co.", "co.",
                        "Inc.", "Ltd.", "Corp.", "Bros.", "Gen.", "Gov.", "Sen.", "Rep.", "Rev.",
                        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
                        "Oct.", "Nov.", "Dec.", "e.g.", "E.g.", "E.G.", "i.e.", "I.e.", "I.E.",
                        "a.m.", "p.m.", "Ph.D.", "N.Y.", "D.C.")) {
            m.put(s, new String[] {s});
        }
        for (char c = 'a'; c <= 'z'; c++) {
            m.put(c + ".", new String[] {c + "."});
        }
        return m;
    }

    private static void contraction(Map<String, String[]> m, String base, String suffix) {
        for (String apo : List.of("'", "’", "")) {
            if (apo.isEmpty() && NOT_CONTRACTIONS.contains(base + suffix.substring(1))) {
                continue;
            }
            String suf = suffix.replace("'", apo);
            String cap = Character.toUpperCase(base.charAt(0)) + base.substring(1);
            String b = base.equals("i") ? "I" : base;
            m.put(base + suf, new String[] {base, suf});
            m.put(cap + suf, new String[] {cap, suf});
            if (base.equals("i")) {
                m.put("i" + suf, new String[] {"i", suf});
                m.put(b + suf, new String[] {b, suf});
            }
        }
    }
}
