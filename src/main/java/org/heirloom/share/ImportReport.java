package org.heirloom.share;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did: rows added per kind, entities reused because the target already held the same
 * thing, and names changed because the target used them for something different.
 */
public final class ImportReport {

    private final Map<String, Long> added = new LinkedHashMap<>();
    private final Map<String, Long> reused = new LinkedHashMap<>();
    private final List<String> renamed = new ArrayList<>();

    void added(String kind, long n) {
        if (n > 0) {
            added.merge(kind, n, Long::sum);
        }
    }

    void reuse(String kind) {
        reused.merge(kind, 1L, Long::sum);
    }

    void renamed(String kind, String from, String to) {
        renamed.add(kind + " '" + from + "' imported as '" + to + "'");
    }

    void addAll(ImportReport other) {
        other.added.forEach(this::added);
        other.reused.forEach((k, v) -> reused.merge(k, v, Long::sum));
        renamed.addAll(other.renamed);
    }

    /** Rows added of a kind ({@code runs}, {@code candidates}, {@code scores}, …). */
    public long added(String kind) {
        return added.getOrDefault(kind, 0L);
    }

    /** Entities of a kind that the target already held and that were reused. */
    public long reused(String kind) {
        return reused.getOrDefault(kind, 0L);
    }

    public List<String> renamed() {
        return Collections.unmodifiableList(renamed);
    }

    public boolean addedNothing() {
        return added.isEmpty();
    }

    /** Human-readable lines: what was added, reused and renamed. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add(
                added.isEmpty()
                        ? "Added nothing (the target already holds everything chosen)."
                        : "Added: " + join(added));
        if (!reused.isEmpty()) {
            out.add("Already present, reused: " + join(reused));
        }
        out.addAll(renamed);
        return out;
    }

    private static String join(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(v + " " + k));
        return String.join(", ", parts);
    }
}
