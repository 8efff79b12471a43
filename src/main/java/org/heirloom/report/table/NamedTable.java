package org.heirloom.report.table;

/** A table with a file-safe name, unique within a dashboard. */
public record NamedTable(String name, Table table) {}
