package org.heirloom.project.run;

/** The candidate a selection keeps for one prompt, with its objective value (NaN if none). */
public record SelectedRow(long promptId, long candidateId, double value) {}
