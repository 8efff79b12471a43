package org.heirloom.project.run;

/**
 * A generation run as stored.
 *
 * @param params canonical JSON of everything that defines the run's candidates
 */
public record RunRecord(
        long id, String name, long promptSetId, int k, long seed, String params, String status) {}
