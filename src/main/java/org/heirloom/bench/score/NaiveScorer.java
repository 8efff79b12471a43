package org.heirloom.bench.score;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The straightforward implementation the benchmark compares against: regex preprocessing and
 * splitting, a String per word, HashSets — the way LexicalRichness is written, ported to Java. It
 * computes the same MTLD as the optimised code (the benchmark checks).
 */
public final class NaiveScorer {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…]+[\"')\\]]*(?=\\s|$)");
    private static final Pattern TRAILING_END = Pattern.compile("[.!?…]+[\"')\\]]*\\s*$");
    private static final String PUNCT = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~";

    private NaiveScorer() {}

    /** LexicalRichness tokens via regex and String replace. */
    public static List<String> lexTokens(String text) {
        String t = DIGITS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        t = t.replace("–", "").replace("—", "").replace("-", "");
        for (int i = 0; i < PUNCT.length(); i++) {
            t = t.replace(PUNCT.charAt(i), ' ');
        }
        List<String> out = new ArrayList<>();
        for (String w : SPACES.split(t.strip())) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    public static double mtld(String text, double threshold) {
        List<String> words = lexTokens(text);
        if (words.isEmpty()) {
            return 0;
        }
        double f = sub(words, threshold);
        List<String> rev = new ArrayList<>(words);
        java.util.Collections.reverse(rev);
        double b = sub(rev, threshold);
        return (f + b) / 2;
    }

    private static double sub(List<String> words, double threshold) {
        Set<String> terms = new HashSet<>();
        int wc = 0;
        double factors = 0;
        double ttr = 0;
        for (String w : words) {
            wc++;
            terms.add(w);
            ttr = (double) terms.size() / wc;
            if (ttr <= threshold) {
                wc = 0;
                terms = new HashSet<>();
                factors += 1;
            }
        }
        if (wc > 0) {
            factors += (1 - ttr) / (1 - threshold);
        }
        if (factors == 0) {
            double whole = (double) new HashSet<>(words).size() / words.size();
            factors += whole == 1 ? 1 : (1 - whole) / (1 - threshold);
        }
        return words.size() / factors;
    }

    /** characters, words, unique words, sentences, mean word length, mean sentence length. */
    public static double[] textStats(String text) {
        double chars = text.replace(" ", "").codePointCount(0, text.replace(" ", "").length());
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> unique = new HashSet<>();
        long wordChars = 0;
        for (String w : words) {
            unique.add(w.toLowerCase(Locale.ROOT));
            wordChars += w.codePointCount(0, w.length());
        }
        int sentences = 0;
        Matcher s = SENTENCE_END.matcher(text);
        while (s.find()) {
            sentences++;
        }
        if (!words.isEmpty() && !TRAILING_END.matcher(text).find()) {
            sentences++; // words after the last terminator form a sentence
        }
        int n = words.size();
        return new double[] {
            chars,
            n,
            unique.size(),
            sentences,
            n == 0 ? Double.NaN : (double) wordChars / n,
            sentences == 0 ? Double.NaN : (double) n / sentences
        };
    }
}
