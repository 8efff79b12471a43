package org.heirloom.project.prompt;

/** A prompt set with its size, for lists. */
public record PromptSetSummary(long id, String name, String source, long prompts) {}
