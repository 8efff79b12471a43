package org.heirloom.sample.corpus;

/**
 * An instruction of the sample corpus and what its answer talks about.
 *
 * @param kind what sort of answer it asks for
 * @param text the instruction as a user writes it
 * @param subject the noun the answer is about (an animal, a product, a place...)
 * @param setting a second noun or phrase (a place, a season...), part of the answer's scenery
 */
public record SamplePrompt(Kind kind, String text, String subject, String setting) {

    /** Answer families; each has its own openings, sentences and endings. */
    public enum Kind {
        STORY,
        MAKING,
        WHY,
        DESCRIBE,
        ADVICE
    }
}
