package org.heirloom.recipe;

import java.util.Locale;

/** The stages of a recipe, in the order {@link RecipeRunner} runs them. */
public enum RecipeStage {
    PROMPTS,
    GENERATION,
    SCORING,
    SELECTIONS,
    EXPORTS,
    STUDENTS,
    PROFILES,
    COMPARISONS;

    /** The name progress messages use ({@code generation}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the recipe has work for this stage (prompts and generation always have). */
    public boolean usedBy(Recipe r) {
        return switch (this) {
            case PROMPTS, GENERATION -> true;
            case SCORING -> !r.scorers().isEmpty();
            case SELECTIONS -> !r.selections().isEmpty();
            case EXPORTS -> !r.exports().isEmpty();
            case STUDENTS -> !r.students().isEmpty();
            case PROFILES -> !r.profiles().isEmpty();
            case COMPARISONS -> !r.comparisons().isEmpty();
        };
    }
}
