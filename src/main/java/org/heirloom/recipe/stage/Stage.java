package org.heirloom.recipe.stage;

import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.JobContext;
import org.heirloom.recipe.RecipeStage;

/**
 * One stage of a recipe, bound to the recipe and the project. All eight (prompts, generation,
 * scoring, selections, exports, students, profiles, comparisons) share this contract, so the runner
 * only walks a list:
 *
 * <ul>
 *   <li>{@link #plan} says what is missing, reading the project only;
 *   <li>{@link #run} does it, reporting progress on the job context and one line per unit;
 *   <li>resuming is running again: what is stored is found and kept, so after a complete walk every
 *       plan is empty and a second run changes nothing.
 * </ul>
 */
public interface Stage {

    /** Which stage this is (progress messages, the designer's stage list). */
    RecipeStage kind();

    /**
     * The units of work still missing, one human-readable line each (empty when the stage is done).
     * Changes nothing in the project or on disk. A stage whose input an earlier stage makes plans
     * as if that input were empty or whole, whichever its count can tell.
     */
    List<String> plan();

    /**
     * Does what is missing. Reports progress through {@code ctx} (cancellable between units) and
     * one line per unit, also for units found done, to {@code report}.
     */
    void run(JobContext ctx, Consumer<String> report) throws Exception;
}
