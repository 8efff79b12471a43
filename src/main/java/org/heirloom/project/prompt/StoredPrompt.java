package org.heirloom.project.prompt;

/** A prompt as stored in a project. */
public record StoredPrompt(long id, int index, String text, String reference, String split) {}
