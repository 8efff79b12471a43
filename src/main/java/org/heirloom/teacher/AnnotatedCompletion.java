package org.heirloom.teacher;

/**
 * A completion with how it was obtained, as JSON (e.g. one of {@code n} choices of one request, or
 * a request of its own with its own seed), stored with the candidate.
 */
public record AnnotatedCompletion(Completion completion, String provenance) {}
