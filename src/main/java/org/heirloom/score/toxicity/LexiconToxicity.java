package org.heirloom.score.toxicity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The built-in toxicity scorer: a small weighted lexicon, written by Heirloom's developers from
 * general knowledge of abusive language (not fitted to any evaluation data). A <b>substitute</b>
 * for Perspective that works offline with no download; its scores are not probabilities from a
 * trained model and must be labelled as such.
 *
 * <p>Each word gets a severity w in [0, 1] from the lexicon (exact word, or a profanity stem inside
 * the word, e.g. bullshit, motherfucking; masked forms like f*ck count). Adjustments: an insult or
 * threat word within three words after a negation (not, never, no, n't) is damped × 0.3; words
 * inside double quotes are damped × 0.8 (reported speech); an insult addressed to "you"/"your"
 * within two words is boosted × 1.25; a word in capitals (3+ letters) × 1.15. The text's score is
 * the noisy-OR 1 − Π(1 − w_i), capped at 0.99. Pure and thread-safe.
 */
public final class LexiconToxicity implements ToxicityBackend {

    /** Word classes: profanity is not negatable ("not fucking funny" is still profane). */
    private enum Kind {
        PROFANITY,
        INSULT,
        THREAT,
        SEXUAL,
        MILD
    }

    private record Term(double weight, Kind kind) {}

    private static final Map<String, Term> WORDS = new HashMap<>();
    private static final List<Map.Entry<String, Term>> STEMS = new ArrayList<>();
    private static final Set<String> NEGATIONS =
            Set.of(
                    "not", "no", "never", "isn't", "aren't", "wasn't", "don't", "doesn't", "didn't",
                    "won't", "nobody", "neither", "nor", "hardly");
    private static final Set<String> YOU =
            Set.of("you", "your", "you're", "ur", "u", "yourself", "youre", "ya", "thou");

    static {
        // Strong profanity: also matched as a stem inside longer words.
        stem(0.92, Kind.PROFANITY, "fuck", "fuk", "fck", "f*ck", "f**k", "motherf");
        stem(0.9, Kind.INSULT, "cunt");
        stem(0.75, Kind.PROFANITY, "shit", "sh*t", "bullsh");
        stem(
                0.85,
                Kind.INSULT,
                "bitch",
                "b*tch",
                "asshole",
                "a**hole",
                "arsehole",
                "dickhead",
                "dumbass",
                "jackass",
                "wanker",
                "twat",
                "douche");
        stem(0.8, Kind.INSULT, "retard");
        stem(0.85, Kind.INSULT, "whore", "slut");
        stem(
                0.7,
                Kind.SEXUAL,
                "pussy",
                "pussies",
                "blowjob",
                "handjob",
                "jizz",
                "cumshot",
                "dildo",
                "porn",
                "masturbat");
        // Exact words.
        word(
                0.8,
                Kind.INSULT,
                "idiot",
                "idiots",
                "idiotic",
                "moron",
                "morons",
                "moronic",
                "imbecile",
                "cretin",
                "scumbag",
                "scum",
                "bastard",
                "bastards",
                "prick",
                "pricks",
                "dick",
                "dicks",
                "cock",
                "cocks",
                "asshat",
                "shithead",
                "loser",
                "losers",
                "faggot",
                "fag",
                "fags",
                "dyke",
                "tranny",
                "skank",
                "hoe",
                "hoes",
                "thot");
        word(
                0.72,
                Kind.INSULT,
                "stupid",
                "stupidity",
                "dumb",
                "dumber",
                "dumbest",
                "pathetic",
                "worthless",
                "useless",
                "ignorant",
                "clown",
                "clowns",
                "buffoon",
                "trash",
                "garbage",
                "filth",
                "filthy",
                "disgusting",
                "pig",
                "pigs",
                "freak",
                "freaks",
                "creep",
                "creepy",
                "lunatic",
                "psycho",
                "maniac",
                "nutjob",
                "degenerate",
                "vermin",
                "parasite",
                "parasites",
                "hypocrite",
                "hypocrites",
                "liar",
                "liars",
                "coward",
                "cowards");
        word(
                0.55,
                Kind.PROFANITY,
                "damn",
                "damned",
                "dammit",
                "goddamn",
                "hell",
                "crap",
                "crappy",
                "piss",
                "pissed",
                "bloody",
                "arse",
                "ass",
                "asses",
                "butt",
                "sucks",
                "suck",
                "sucked",
                "wtf",
                "stfu",
                "screw",
                "screwed",
                "bugger");
        word(
                0.6,
                Kind.SEXUAL,
                "sex",
                "sexy",
                "horny",
                "naked",
                "nude",
                "nudes",
                "boobs",
                "tits",
                "titties",
                "penis",
                "vagina",
                "genitals",
                "orgasm",
                "erection",
                "anal",
                "rape",
                "raped",
                "raping",
                "rapist",
                "molest",
                "molested",
                "pedophile",
                "pedo");
        word(
                0.55,
                Kind.THREAT,
                "kill",
                "killing",
                "killed",
                "murder",
                "murdered",
                "shoot",
                "stab",
                "stabbed",
                "strangle",
                "beat",
                "beating",
                "punch",
                "slap",
                "die",
                "dies",
                "destroy",
                "hang",
                "lynch",
                "burn",
                "bomb",
                "massacre",
                "slaughter",
                "behead",
                "execute",
                "torture");
        word(
                0.5,
                Kind.INSULT,
                "ugly",
                "fat",
                "fatso",
                "weirdo",
                "nasty",
                "evil",
                "sick",
                "savage",
                "savages",
                "animal",
                "animals",
                "thug",
                "thugs",
                "bigot",
                "bigots",
                "racist",
                "racists",
                "nazi",
                "nazis",
                "terrorist",
                "terrorists",
                "criminal",
                "criminals",
                "crook",
                "traitor",
                "traitors",
                "sucker",
                "jerk",
                "jerks",
                "fool",
                "fools",
                "foolish",
                "nonsense",
                "ridiculous",
                "insane",
                "crazy",
                "mad",
                "shut");
        word(
                0.3,
                Kind.MILD,
                "hate",
                "hated",
                "hates",
                "hating",
                "hatred",
                "dead",
                "death",
                "violent",
                "violence",
                "attack",
                "attacked",
                "war",
                "blood",
                "gun",
                "guns",
                "weapon",
                "angry",
                "rage",
                "furious",
                "awful",
                "terrible",
                "horrible",
                "worst",
                "lies",
                "lie",
                "lying",
                "shame",
                "shameful",
                "disgrace",
                "idiocy",
                "drunk",
                "drugs",
                "cheat",
                "cheated",
                "steal",
                "stole",
                "thief",
                "abuse",
                "abused");
    }

    private static void word(double w, Kind k, String... words) {
        for (String s : words) {
            WORDS.put(s, new Term(w, k));
        }
    }

    private static void stem(double w, Kind k, String... stems) {
        for (String s : stems) {
            WORDS.put(s, new Term(w, k));
            STEMS.add(Map.entry(s, new Term(w, k)));
        }
    }

    @Override
    public String name() {
        return "lexicon";
    }

    @Override
    public Map<String, String> idParams() {
        return Map.of("lexicon", "heirloom-1");
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public double[] score(List<String> texts) {
        double[] out = new double[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(texts.get(i));
        }
        return out;
    }

    /** Scores one text. */
    public double score(String text) {
        List<String> words = new ArrayList<>();
        List<Boolean> caps = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        tokenize(text, words, caps, quoted);
        double keep = 1.0;
        int lastNegation = -100;
        int lastYou = -100;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (NEGATIONS.contains(w) || w.endsWith("n't")) {
                lastNegation = i;
                continue;
            }
            if (YOU.contains(w)) {
                lastYou = i;
                continue;
            }
            Term t = lookup(w);
            if (t == null) {
                continue;
            }
            double s = t.weight();
            boolean negatable =
                    t.kind() == Kind.INSULT || t.kind() == Kind.THREAT || t.kind() == Kind.MILD;
            if (negatable && i - lastNegation <= 3) {
                s *= 0.3;
            }
            if (t.kind() == Kind.INSULT && i - lastYou <= 2) {
                s *= 1.25;
            }
            if (caps.get(i)) {
                s *= 1.15;
            }
            if (quoted.get(i)) {
                s *= 0.8;
            }
            keep *= 1 - Math.min(s, 0.97);
        }
        return Math.min(0.99, 1 - keep);
    }

    private static Term lookup(String w) {
        Term t = WORDS.get(w);
        if (t != null) {
            return t;
        }
        if (w.length() > 3 && w.endsWith("s")) {
            t = WORDS.get(w.substring(0, w.length() - 1));
            if (t != null) {
                return t;
            }
        }
        for (Map.Entry<String, Term> e : STEMS) {
            if (w.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Lower-cased words (letters, digits, apostrophes, '*' for masked letters). */
    private static void tokenize(
            String text, List<String> words, List<Boolean> caps, List<Boolean> quoted) {
        StringBuilder sb = new StringBuilder();
        boolean inQuote = false;
        int upper = 0;
        int letters = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean part =
                    Character.isLetterOrDigit(c)
                            || ((c == '\'' || c == '\u2019' || c == '*') && sb.length() > 0);
            if (part) {
                sb.append(c == '\u2019' ? '\'' : c);
                if (Character.isLetter(c)) {
                    letters++;
                    if (Character.isUpperCase(c)) {
                        upper++;
                    }
                }
                continue;
            }
            if (sb.length() > 0) {
                String w = sb.toString().toLowerCase(Locale.ROOT);
                while (w.endsWith("'")) {
                    w = w.substring(0, w.length() - 1);
                }
                words.add(w);
                caps.add(letters >= 3 && upper == letters);
                quoted.add(inQuote);
                sb.setLength(0);
                upper = 0;
                letters = 0;
            }
            if (c == '"' || c == '\u201c' || c == '\u201d') {
                inQuote = c == '\u201c' || (c == '"' && !inQuote);
                if (c == '\u201d') {
                    inQuote = false;
                }
            }
        }
    }
}
