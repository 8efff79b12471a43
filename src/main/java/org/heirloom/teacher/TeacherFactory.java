package org.heirloom.teacher;

/**
 * Makes teachers for one spec scheme ({@code local}, {@code openai}, {@code import}). The model
 * engine provides {@code local}; others can be added through {@link TeacherRegistry#register} or
 * {@code META-INF/services/org.heirloom.teacher.TeacherFactory}.
 */
public interface TeacherFactory {

    /** The scheme before the first colon of a spec. */
    String scheme();

    /**
     * Checks a spec's syntax without opening anything, and returns its identity: the spec with
     * operational options that cannot change the generated text (concurrency, timeouts, retries,
     * key variable) removed. A run's parameters hold identities, so that such options may change
     * between a run and its resumption.
     *
     * @param location the spec after {@code scheme:}
     */
    default String identity(String location, TeacherEnvironment env) {
        return scheme() + ":" + location;
    }

    /** Opens a teacher (may load a model or read a file). */
    Teacher create(String location, TeacherEnvironment env) throws Exception;
}
