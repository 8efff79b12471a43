package org.heirloom.sample.corpus;

import java.util.List;
import java.util.SplittableRandom;
import org.heirloom.sample.corpus.SamplePrompt.Kind;

/** Draws instructions from a handful of templates over the topic lists of {@link Words}. */
final class Prompts {

    private static final List<String> TIMES =
            List.of(
                    "in the morning",
                    "in the afternoon",
                    "in the evening",
                    "at night",
                    "at sunrise",
                    "at sunset");

    private Prompts() {}

    static SamplePrompt draw(SplittableRandom r) {
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        return switch (kind) {
            case STORY -> story(r);
            case MAKING -> {
                String p = pick(r, Words.PRODUCTS);
                String text =
                        r.nextBoolean()
                                ? "Explain how " + p + " is made."
                                : "Describe how people make " + p + ".";
                yield new SamplePrompt(kind, text, p, pick(r, Words.PLACES));
            }
            case WHY -> {
                String[] w = Words.WHY.get(r.nextInt(Words.WHY.size()));
                yield new SamplePrompt(kind, "Explain why " + w[0] + ".", w[1], w[1]);
            }
            case DESCRIBE -> {
                String place = pick(r, Words.PLACES);
                String when = r.nextBoolean() ? "in " + pick(r, Words.SEASONS) : pick(r, TIMES);
                yield new SamplePrompt(
                        kind, "Describe " + Text.a(place) + " " + when + ".", place, when);
            }
            case ADVICE -> {
                String[] a = Words.ACTIVITIES.get(r.nextInt(Words.ACTIVITIES.size()));
                String text =
                        r.nextBoolean()
                                ? "Give advice to someone who wants to " + a[0] + "."
                                : "Give three tips for people who want to " + a[0] + ".";
                yield new SamplePrompt(kind, text, a[1], a[0]);
            }
        };
    }

    private static SamplePrompt story(SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0 -> {
                String animal = pick(r, Words.ANIMALS);
                String place = pick(r, Words.PLACES);
                return new SamplePrompt(
                        Kind.STORY,
                        "Write a short story about "
                                + Text.a(animal)
                                + " and "
                                + Text.a(place)
                                + ".",
                        animal,
                        place);
            }
            case 1 -> {
                String who = pick(r, Words.CHARACTERS);
                String[] goal = Words.GOALS.get(r.nextInt(Words.GOALS.size()));
                return new SamplePrompt(
                        Kind.STORY,
                        "Tell a story about " + Text.a(who) + " who " + goal[0] + ".",
                        who,
                        pick(r, Words.PLACES));
            }
            default -> {
                String animal = pick(r, Words.ANIMALS);
                String place = pick(r, Words.PLACES);
                String adj = pick(r, Words.ADJECTIVES.subList(0, 30));
                return new SamplePrompt(
                        Kind.STORY,
                        "Write a story about "
                                + Text.a(adj)
                                + " "
                                + animal
                                + " who lives near "
                                + Text.a(place)
                                + ".",
                        animal,
                        place);
            }
        }
    }

    static String pick(SplittableRandom r, List<String> pool) {
        return pool.get(r.nextInt(pool.size()));
    }
}
