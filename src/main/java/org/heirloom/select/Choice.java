package org.heirloom.select;

/** The candidate kept for a prompt and its objective value (NaN for baselines). */
public record Choice(long promptId, long candidateId, double value) {}
