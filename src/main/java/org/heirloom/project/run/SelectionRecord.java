package org.heirloom.project.run;

/** A stored selection; {@code summary} is JSON. */
public record SelectionRecord(long id, long runId, String name, String strategy, String summary) {}
