package org.heirloom.share;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows an imported entity owns (a run's candidates, a profile's items, …) as a table of what to
 * copy, walked by one routine: read the parent's rows from the source, map foreign keys to the
 * target's ids, insert in batches. Only the entities themselves (models, prompt sets, runs,
 * selections, trainings, profiles) need code of their own, because each is matched to the target by
 * its own rule before its rows are copied.
 */
final class ChildRows {

    /** How a source value becomes the target's: a foreign key through an id map, a cleaned text. */
    @FunctionalInterface
    interface Remap {
        Object apply(Object sourceValue) throws SQLException;
    }

    /**
     * One kind of owned row.
     *
     * @param table the table, the same in source and target
     * @param kind what the import report counts it as; null: not counted (a run's teachers)
     * @param parent the column holding the owner's id, bound to the target owner; null where the
     *     row has no such column (a score hangs on its candidate)
     * @param columns the copied columns, in insert order after {@code parent}
     * @param from the query's FROM … WHERE clause, one {@code ?} for the source owner's id, with
     *     the table under alias {@code r}
     * @param onConflict what a row the target already has does: {@code ""} (none expected, as in a
     *     freshly made owner) or an {@code ON CONFLICT} clause that skips it
     */
    record Spec(
            String table,
            String kind,
            String parent,
            List<String> columns,
            String from,
            String onConflict) {

        /** Rows {@code WHERE parent = ?}, in {@code order}, skipping rows the target has. */
        static Spec owned(String table, String kind, String parent, String order, String... cols) {
            return new Spec(
                    table,
                    kind,
                    parent,
                    List.of(cols),
                    "FROM " + table + " r WHERE r." + parent + " = ?" + order,
                    " ON CONFLICT DO NOTHING");
        }

        Spec onConflict(String clause) {
            return new Spec(table, kind, parent, columns, from, clause);
        }
    }

    static final Spec MODEL_FILES =
            Spec.owned("model_file", "model files", "model_id", "", "path", "data");

    static final Spec PROMPTS =
            Spec.owned(
                            "prompt",
                            "prompts",
                            "prompt_set_id",
                            " ORDER BY r.idx",
                            "idx",
                            "text",
                            "reference",
                            "split",
                            "content_hash")
                    .onConflict("");

    static final Spec RUN_TEACHERS =
            Spec.owned(
                            "run_teacher",
                            null,
                            "run_id",
                            " ORDER BY r.idx",
                            "idx",
                            "spec",
                            "model_id",
                            "provenance")
                    .onConflict("");

    static final Spec CANDIDATES =
            Spec.owned(
                            "candidate",
                            "candidates",
                            "run_id",
                            " ORDER BY r.id",
                            "prompt_id",
                            "teacher_id",
                            "idx",
                            "seed",
                            "text",
                            "token_count",
                            "finish_reason",
                            "logprob",
                            "provenance",
                            "reasoning")
                    .onConflict(" ON CONFLICT(run_id, prompt_id, teacher_id, idx) DO NOTHING");

    static final Spec SCORES =
            new Spec(
                    "score",
                    "scores",
                    null,
                    List.of("candidate_id", "metric_id", "value"),
                    "FROM score r JOIN candidate c ON c.id = r.candidate_id WHERE c.run_id = ?",
                    " ON CONFLICT(candidate_id, metric_id) DO NOTHING");

    static final Spec SELECTED =
            Spec.owned(
                    "selected",
                    "selected rows",
                    "selection_id",
                    "",
                    "prompt_id",
                    "candidate_id",
                    "value");

    static final Spec TRAINING_LOG =
            Spec.owned(
                    "training_log",
                    "training log rows",
                    "training_id",
                    "",
                    "step",
                    "split",
                    "loss",
                    "lr",
                    "tokens");

    static final Spec PROFILE_ITEMS =
            Spec.owned(
                    "profile_item",
                    "profile items",
                    "profile_id",
                    "",
                    "item_key",
                    "sample_idx",
                    "text",
                    "value",
                    "data");

    private ChildRows() {}

    /**
     * Copies the rows {@code spec} names of source owner {@code sourceOwner} to target owner {@code
     * targetOwner}, each column through its remap (as is where it has none); returns the rows
     * really added, also counted in {@code report}.
     */
    static long copy(
            Spec spec,
            Connection s,
            Connection t,
            long sourceOwner,
            Long targetOwner,
            Map<String, Remap> remaps,
            ImportReport report)
            throws SQLException {
        List<String> insertColumns = new ArrayList<>();
        if (spec.parent() != null) {
            insertColumns.add(spec.parent());
        }
        insertColumns.addAll(spec.columns());
        String insert =
                "INSERT INTO "
                        + spec.table()
                        + "("
                        + String.join(", ", insertColumns)
                        + ") VALUES ("
                        + String.join(", ", insertColumns.stream().map(c -> "?").toList())
                        + ")"
                        + spec.onConflict();
        String select =
                "SELECT "
                        + String.join(", ", spec.columns().stream().map(c -> "r." + c).toList())
                        + " "
                        + spec.from();
        Remap[] map = new Remap[spec.columns().size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = remaps.getOrDefault(spec.columns().get(i), v -> v);
        }
        int offset = spec.parent() != null ? 1 : 0;
        try (Db.Batch b = new Db.Batch(t, insert)) {
            Db.each(
                    s,
                    select,
                    r -> {
                        Object[] row = new Object[offset + r.length];
                        if (offset == 1) {
                            row[0] = targetOwner;
                        }
                        for (int i = 0; i < r.length; i++) {
                            row[offset + i] = map[i].apply(r[i]);
                        }
                        b.add(row);
                    },
                    sourceOwner);
            long added = b.added();
            if (spec.kind() != null) {
                report.added(spec.kind(), added);
            }
            return added;
        }
    }
}
