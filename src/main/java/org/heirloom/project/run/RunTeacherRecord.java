package org.heirloom.project.run;

/** One teacher of a run: its position, the spec as written, and its provenance JSON. */
public record RunTeacherRecord(long id, long runId, int index, String spec, String provenance) {}
