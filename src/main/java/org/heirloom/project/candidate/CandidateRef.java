package org.heirloom.project.candidate;

/** A stored candidate without its text: what selection needs. */
public record CandidateRef(long id, long promptId, long teacherId, int index) {}
