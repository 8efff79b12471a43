package org.heirloom.project.model;

/**
 * A model registered in a project.
 *
 * @param id row id
 * @param name unique display name
 * @param kind {@code local}, {@code endpoint}, {@code imported} or {@code trained}
 * @param location directory or endpoint spec
 * @param contentHash SHA-256 of the weights (local, trained) or null
 * @param role comparison role ({@code teacher}, {@code base}, {@code baseline}, {@code steered}) or
 *     null
 * @param parentId the model it was trained from, or null
 */
public record ModelRecord(
        long id,
        String name,
        String kind,
        String location,
        String contentHash,
        String role,
        Long parentId) {}
