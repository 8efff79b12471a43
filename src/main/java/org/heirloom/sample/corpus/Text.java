package org.heirloom.sample.corpus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small English helpers: articles, capitals, word counts. */
final class Text {

    private static final Pattern A_BEFORE_VOWEL = Pattern.compile("\\b([Aa]) ([aeiouAEIOU])");

    private Text() {}

    /** "a fox", "an owl". */
    static String a(String noun) {
        return (startsWithVowel(noun) ? "an " : "a ") + noun;
    }

    static boolean startsWithVowel(String w) {
        return !w.isEmpty() && "aeiouAEIOU".indexOf(w.charAt(0)) >= 0;
    }

    /** Turns every "a" before a vowel-initial word into "an". */
    static String fixArticles(String s) {
        Matcher m = A_BEFORE_VOWEL.matcher(s);
        return m.replaceAll("$1n $2");
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Words separated by spaces (what the corpus counts against a style's target). */
    static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split(" +").length;
    }
}
