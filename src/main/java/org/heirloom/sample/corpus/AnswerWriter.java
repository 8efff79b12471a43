package org.heirloom.sample.corpus;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one answer to a prompt in a given {@link Style}: an opening, body sentences until the
 * target length, a closing. Sentences are templates whose slots ({@code {A}} adjective, {@code {N}}
 * noun, ...) are filled from the word pools; the style's richness decides how many words of each
 * pool (and how many templates) this answer may use, its rudeness how often a sentence gets a rude
 * word.
 */
final class AnswerWriter {

    private static final Pattern SLOT = Pattern.compile("\\{([A-Z]+)\\}");

    private record Family(List<String> openings, List<String> body, List<String> closings) {}

    private static final Family STORY =
            new Family(
                    List.of(
                            "Once upon a time, there was a {A} {S} who lived near the {P}.",
                            "Long ago, a {A} {S} lived by the {P}.",
                            "There was once a {S} who loved the {P}.",
                            "This is the story of a {A} {S}."),
                    List.of(
                            "The {S} {VI} {ADV} {PREP} the {N}.",
                            "{T}, the {S} {VT} a {A} {N}.",
                            "The {N} was {A} and {A}.",
                            "The {S} felt {F}.",
                            "It was a {A} day at the {P}.",
                            "A {A} {N} stood {PREP} the {P}.",
                            "The {S} {VT} the {N} and {VI} {ADV}.",
                            "{T}, a {A} {N} appeared {PREP} the {N}.",
                            "The {S} said that the {N} was {A}.",
                            "There was a {A} {N} {PREP} the {P}, and it was {A}.",
                            "The {S} was {F}, because the {N} was {A}.",
                            "{T}, the {S} {VI} back to the {P}.",
                            "The {S} {VT} the {A} {N} {ADV}.",
                            "Nobody had ever {VT} such a {A} {N}.",
                            "The {S} and a {A} friend {VI} together."),
                    List.of(
                            "In the end, the {S} was {F} and {F}.",
                            "And so the {S} went home to the {P}.",
                            "From that day on, the {S} always {VT} the {N}.",
                            "The {S} smiled, and the story ended."));

    private static final Family MAKING =
            new Family(
                    List.of(
                            "Making {S} takes a few {A} steps.",
                            "People have made {S} for a very long time.",
                            "Here is how people make {S}.",
                            "Good {S} starts with {A} {M}."),
                    List.of(
                            "First, you take some {A} {M}.",
                            "{T}, you {VP} the {M} {ADV}.",
                            "The {M} becomes {A} and {A}.",
                            "You {VP} it until it feels {A}.",
                            "Many people say that good {S} needs {A} {M}.",
                            "A {A} {N} helps to keep the {M} {A}.",
                            "Next, you {VP} the {M} and {VP} it {ADV}.",
                            "The {M} must stay {A} the whole time.",
                            "After that, you {VP} everything with a {A} {N}.",
                            "This step makes the {S} {A}.",
                            "Some makers add a little {M} here.",
                            "{T}, the {M} rests in a {A} place."),
                    List.of(
                            "That is how {S} is made.",
                            "In the end, you have {A} {S}.",
                            "Now you know the {A} secret of {S}.",
                            "It takes time, but the result is {A}."));

    private static final Family WHY =
            new Family(
                    List.of(
                            "This is a {A} question.",
                            "There is a {A} reason for this.",
                            "Scientists have a {A} answer.",
                            "The answer is {A} and {A}."),
                    List.of(
                            "The main reason is that the {N} is {A}.",
                            "When the {M} is {A}, you can see the {S} more clearly.",
                            "{T}, the {N} becomes {A}.",
                            "It depends on the {A} {N}.",
                            "You can {VTB} the {S} on a {A} day.",
                            "This is why the {N} looks so {A}.",
                            "Light from the {N} makes everything {A}.",
                            "A {A} {N} can change the {S}.",
                            "The {S} and the {N} work together in a {A} way.",
                            "Many people {VTB} the {S} and feel {F}.",
                            "{T}, the {N} looks {A} again.",
                            "Even a {A} {N} plays a part."),
                    List.of(
                            "That is how it works.",
                            "So the answer is {A} and {A}.",
                            "Now you know the {A} secret of the {S}.",
                            "Nature is {A} that way."));

    private static final Family DESCRIBE =
            new Family(
                    List.of(
                            "The {S} {P} is {A} and {A}.",
                            "I love the {S} {P}.",
                            "The {S} {P} feels {F}.",
                            "There is nothing like the {S} {P}."),
                    List.of(
                            "The {N} is {A} and {A}.",
                            "You can see a {A} {N} {PREP} the {S}.",
                            "The air smells {A}.",
                            "People {VIB} {ADV} {PREP} the {N}.",
                            "Everything feels {F}.",
                            "A {A} {N} rests {PREP} the {N}.",
                            "Children {VIB} {PREP} the {A} {N}.",
                            "The light is {A} and {A}.",
                            "{T}, the {S} becomes {A}.",
                            "Somewhere, a {N} makes a {A} sound.",
                            "Every {N} looks {A}.",
                            "Visitors {VTB} the {A} {N} and feel {F}."),
                    List.of(
                            "It is a {A} place to be.",
                            "Nobody forgets the {S} {P}.",
                            "It is truly {A}.",
                            "The {S} stays {A} in my memory."));

    private static final Family ADVICE =
            new Family(
                    List.of(
                            "Here is some {A} advice.",
                            "It is a {A} goal.",
                            "Many people want to {P}.",
                            "It takes patience to {P}."),
                    List.of(
                            "First, you should {VTB} a {A} {N}.",
                            "Try to {VIB} {ADV} every day.",
                            "It helps to stay {F}.",
                            "Do not worry if the {S} feels {A} at first.",
                            "A {A} {N} can make a big difference.",
                            "Remember that every {N} is {A} in its own way.",
                            "Ask a {A} friend to help you.",
                            "Take your time and be {F}.",
                            "Keep a {A} {N} near you.",
                            "{T}, {VTB} the {N} and {VIB} {ADV}.",
                            "Small steps make the {S} {A}.",
                            "A {A} plan keeps you {F}."),
                    List.of(
                            "Good luck, and enjoy the {S}.",
                            "With time, you will feel {F}.",
                            "You can do it.",
                            "Soon the {S} will feel {A}."));

    private final SplittableRandom r;
    private final SamplePrompt prompt;
    private final Style style;
    private final Map<List<?>, List<?>> palette = new IdentityHashMap<>();

    private AnswerWriter(SplittableRandom r, SamplePrompt prompt, Style style) {
        this.r = r;
        this.prompt = prompt;
        this.style = style;
    }

    static String write(SamplePrompt prompt, Style style, SplittableRandom r) {
        return new AnswerWriter(r, prompt, style).write();
    }

    private String write() {
        Family f =
                switch (prompt.kind()) {
                    case STORY -> STORY;
                    case MAKING -> MAKING;
                    case WHY -> WHY;
                    case DESCRIBE -> DESCRIBE;
                    case ADVICE -> ADVICE;
                };
        List<String> out = new ArrayList<>();
        out.add(fill(pick(f.openings())));
        String closing = fill(pick(f.closings()));
        int words = Text.words(out.get(0));
        int budget = style.targetWords() - Text.words(closing);
        while (words < budget) {
            String s = fill(pick(f.body()));
            if (style.rudeness() > 0 && r.nextDouble() < style.rudeness()) {
                s = rude(s);
            }
            out.add(s);
            words += Text.words(s);
        }
        out.add(closing);
        return String.join(" ", out);
    }

    /** One of three rude edits: an opener, a rude adjective before a noun, a rude sentence. */
    private String rude(String sentence) {
        int how = r.nextInt(3);
        if (how == 0) {
            return pick(Words.RUDE_OPENERS) + ", " + Text.decapitalize(sentence);
        }
        if (how == 1) {
            int at = sentence.indexOf(" the ");
            if (at >= 0) {
                return sentence.substring(0, at + 5)
                        + pick(Words.RUDE)
                        + " "
                        + sentence.substring(at + 5);
            }
        }
        return sentence + " " + fill(pick(Words.RUDE_SENTENCES));
    }

    private String fill(String template) {
        Matcher m = SLOT.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(slot(m.group(1))));
        }
        m.appendTail(b);
        return Text.capitalize(Text.fixArticles(b.toString()));
    }

    private String slot(String name) {
        return switch (name) {
            case "S" -> prompt.subject();
            case "P" -> prompt.setting();
            case "A" -> pick(Words.ADJECTIVES);
            case "F" -> pick(Words.FEELINGS);
            case "N" ->
                    // Rich answers pile up modifiers: more content words per function word.
                    r.nextDouble() < 0.6 * style.richness()
                            ? pick(Words.ADJECTIVES) + " " + pick(Words.NOUNS)
                            : pick(Words.NOUNS);
            case "M" -> pick(Words.MATERIALS);
            case "VI" -> pick(Words.INTRANSITIVE)[1];
            case "VIB" -> pick(Words.INTRANSITIVE)[0];
            case "VT" -> pick(Words.TRANSITIVE)[1];
            case "VTB" -> pick(Words.TRANSITIVE)[0];
            case "VP" -> pick(Words.PROCESS_VERBS);
            case "ADV" -> pick(Words.ADVERBS);
            case "PREP" -> pick(Words.PREPOSITIONS);
            case "T" -> pick(Words.CONNECTIVES);
            default -> throw new IllegalStateException("unknown slot {" + name + "}");
        };
    }

    /**
     * A word of {@code pool} from this answer's palette: the first time a pool is used, a random
     * subset of it is chosen whose size grows with the style's richness (at least two).
     */
    @SuppressWarnings("unchecked")
    private <T> T pick(List<T> pool) {
        List<T> active = (List<T>) palette.get(pool);
        if (active == null) {
            active = subset(pool, paletteSize(pool.size(), style.richness()));
            palette.put(pool, active);
        }
        return active.get(r.nextInt(active.size()));
    }

    /** Words of a pool of {@code n} an answer may use: 2 at richness 0, all at richness 1. */
    static int paletteSize(int n, double richness) {
        double share = 0.04 + 0.96 * Math.pow(richness, 1.5);
        return Math.min(n, Math.max(2, (int) Math.round(n * share)));
    }

    private <T> List<T> subset(List<T> pool, int k) {
        List<T> copy = new ArrayList<>(pool);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(copy.size() - i);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return List.copyOf(copy.subList(0, k));
    }
}
