package org.heirloom.project;

/**
 * One named thing in a project, for the explorer tree.
 *
 * @param kind what it is
 * @param id its row id
 * @param name its display name
 * @param detail a short description (size, kind, status)
 */
public record CatalogEntry(Kind kind, long id, String name, String detail) {

    /** The kinds of things a project holds. */
    public enum Kind {
        PROMPT_SET,
        MODEL,
        RUN,
        EXPERIMENT,
        /** A generation suite's stored samples (the generations view); name = the suite. */
        GENERATIONS
    }
}
