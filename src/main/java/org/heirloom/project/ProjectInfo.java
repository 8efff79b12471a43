package org.heirloom.project;

/**
 * A summary of a project file for {@code heirloom info} and the overview view.
 *
 * @param file the project file's path as given
 * @param name the project's display name
 * @param schemaVersion {@code PRAGMA user_version}
 * @param promptSets number of prompt sets
 * @param prompts number of prompts over all sets
 * @param models number of registered models
 * @param runs number of generation runs
 * @param candidates number of candidates over all runs
 * @param recipes number of recipes
 */
public record ProjectInfo(
        String file,
        String name,
        int schemaVersion,
        long promptSets,
        long prompts,
        long models,
        long runs,
        long candidates,
        long recipes) {}
