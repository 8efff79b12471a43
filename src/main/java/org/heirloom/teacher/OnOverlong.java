package org.heirloom.teacher;

import java.util.Locale;

/**
 * What a run (or a profile) does with a prompt that, with the new tokens asked for, does not fit a
 * local teacher's context. Every prompt is checked before anything is generated.
 */
public enum OnOverlong {
    /** Leave the prompt out for that teacher and record why (the default). */
    SKIP,
    /** Drop the prompt's start (keeping BOS) so that it fits; recorded too. */
    TRUNCATE_LEFT,
    /** Refuse the whole run before it starts, naming the prompts. */
    FAIL;

    /** {@code skip}, {@code truncate-left} or {@code fail}. */
    public static OnOverlong parse(String s) {
        for (OnOverlong o : values()) {
            if (o.label().equals(s == null ? "" : s.strip().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "on-overlong: expected skip, truncate-left or fail, got '" + s + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
