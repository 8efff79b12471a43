package org.heirloom.project.candidate;

/** The identity of a candidate within a run: what makes resume exact. */
public record CandidateKey(long promptId, long teacherId, int index) {}
