package org.heirloom.project.profile;

/**
 * A profile: one suite run on one model with one configuration.
 *
 * @param id row id
 * @param modelId the profiled model
 * @param suite suite name ({@code text}, {@code toxicity}, {@code calibration}, …)
 * @param config the suite's configuration as canonical JSON (part of the identity)
 * @param status {@code running} or {@code complete}
 * @param summary the suite's aggregate results as JSON, once complete
 */
public record ProfileRecord(
        long id, long modelId, String suite, String config, String status, String summary) {}
