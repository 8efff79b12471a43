package org.heirloom.run;

/**
 * What a generation call did.
 *
 * @param expected prompts × teachers × k
 * @param alreadyStored candidates present before this call (resume)
 * @param generated candidates stored by this call
 */
public record RunResult(
        long runId, String name, long expected, long alreadyStored, long generated) {}
