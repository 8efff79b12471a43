package org.heirloom.project.schema;

import java.util.List;

/**
 * One forward-only step of the project schema: the statements that take a file from {@code version
 * - 1} to {@code version}. Never edit a released migration; add a new one.
 */
public record Migration(int version, String description, List<String> statements) {}
