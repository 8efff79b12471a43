package org.heirloom.run;

/**
 * What a generation call did.
 *
 * @param expected prompts × teachers × k
 * @param alreadyStored candidates present before this call (resume)
 * @param generated candidates stored by this call
 * @param skips prompts left out or truncated for a teacher because they do not fit its context
 */
public record RunResult(
        long runId,
        String name,
        long expected,
        long alreadyStored,
        long generated,
        java.util.List<RunSkips.Skip> skips) {

    public RunResult(long runId, String name, long expected, long alreadyStored, long generated) {
        this(runId, name, expected, alreadyStored, generated, java.util.List.of());
    }
}
