package org.heirloom.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * Where a recipe's relative paths ({@code local:../models/x}, {@code prompts.import}) resolve, and
 * why there. A recipe read from a file resolves against the file's folder (as {@code heirloom run}
 * does). A recipe stored in a project carries no folder of its own: the project may be a working
 * copy far from the models it was made with (the bundled sample opens as a copy in the user's data
 * folder), so the candidates are tried in order and the first under which the recipe checks out
 * wins.
 */
public record RecipeBase(Path dir, Origin origin) {

    /** The reason for a base, as the designer states it. */
    public enum Origin {
        RECIPE_FILE("the recipe file's folder"),
        PROJECT_FILE("the project file's folder"),
        INSTALLATION("the installation's bundled recipes");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public RecipeBase {
        dir = dir.toAbsolutePath().normalize();
    }

    /** A recipe read from {@code file}. */
    public static RecipeBase ofRecipeFile(Path file) {
        return new RecipeBase(file.toAbsolutePath().getParent(), Origin.RECIPE_FILE);
    }

    /** The folder of the project file. */
    public static RecipeBase ofProject(Path projectFile) {
        return new RecipeBase(projectFile.toAbsolutePath().getParent(), Origin.PROJECT_FILE);
    }

    /** Where the bundled recipes (and, relative to them, the bundled models) live. */
    public static RecipeBase installation(Path installDir) {
        return new RecipeBase(installDir.resolve("sample-projects"), Origin.INSTALLATION);
    }

    /**
     * For a recipe stored in a project: the first of {@code candidates} under which the recipe
     * parses (every path it names exists); the first candidate when none does, so that the problem
     * is reported against the most natural base.
     */
    public static RecipeBase choose(
            String yaml, TeacherEnvironment env, List<RecipeBase> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no base folder to resolve the recipe against");
        }
        List<RecipeBase> tried = new ArrayList<>();
        for (RecipeBase b : candidates) {
            if (tried.contains(b)) {
                continue;
            }
            tried.add(b);
            try {
                RecipeParser.parse(yaml, "recipe", env.withBaseDir(b.dir()));
                return b;
            } catch (IllegalArgumentException e) {
                // Not here: a path is missing (or the recipe is wrong anywhere); try the next.
            }
        }
        return candidates.get(0);
    }

    /** {@code /x/sample-projects (the installation's bundled recipes)}. */
    public String describe() {
        return dir + " (" + origin.label() + ")";
    }
}
