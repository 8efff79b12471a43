package org.heirloom.project;

/** A prompt set with its size, for lists. */
public record PromptSetSummary(long id, String name, String source, long prompts) {}
