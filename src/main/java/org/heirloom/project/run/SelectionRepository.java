package org.heirloom.project.run;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;

/** Selections (the steering) and the candidate each keeps per prompt. */
public final class SelectionRepository {

    private final Project project;

    public SelectionRepository(Project project) {
        this.project = project;
    }

    /** Stores a selection and its rows in one transaction; refuses an existing name. */
    public long create(
            long runId, String name, String strategy, String summary, List<SelectedRow> rows) {
        return project.write(
                c -> {
                    if (Sql.exists(c, "SELECT 1 FROM selection WHERE name = ?", name)) {
                        throw new IllegalArgumentException(
                                "a selection named '" + name + "' already exists");
                    }
                    long id =
                            Sql.insert(
                                    c,
                                    "INSERT INTO selection(run_id, name, strategy, summary, created_at)"
                                            + " VALUES (?, ?, ?, ?, ?)",
                                    runId,
                                    name,
                                    strategy,
                                    summary,
                                    Instant.now().toString());
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO selected(selection_id, prompt_id, candidate_id, value)"
                                            + " VALUES (?, ?, ?, ?)")) {
                        for (SelectedRow r : rows) {
                            ps.setLong(1, id);
                            ps.setLong(2, r.promptId());
                            ps.setLong(3, r.candidateId());
                            if (Double.isNaN(r.value()) || Double.isInfinite(r.value())) {
                                ps.setNull(4, Types.REAL);
                            } else {
                                ps.setDouble(4, r.value());
                            }
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return id;
                });
    }

    public Optional<SelectionRecord> find(String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, run_id, name, strategy, summary FROM selection"
                                            + " WHERE name = ?")) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            return Optional.of(
                                    new SelectionRecord(
                                            rs.getLong(1),
                                            rs.getLong(2),
                                            rs.getString(3),
                                            rs.getString(4),
                                            rs.getString(5)));
                        }
                    }
                });
    }

    public SelectionRecord require(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no selection named '" + name + "' in " + project.file()));
    }

    /** The kept candidates of a selection, in prompt order. */
    public List<SelectedRow> rows(long selectionId) {
        return project.read(
                c -> {
                    List<SelectedRow> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT s.prompt_id, s.candidate_id, s.value FROM selected s"
                                            + " JOIN prompt p ON p.id = s.prompt_id"
                                            + " WHERE s.selection_id = ? ORDER BY p.idx")) {
                        ps.setLong(1, selectionId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                double v = Sql.doubleOrNaN(rs, 3);
                                out.add(new SelectedRow(rs.getLong(1), rs.getLong(2), v));
                            }
                        }
                    }
                    return out;
                });
    }

    /** A kept candidate with its prompt's text and split: one training example. */
    public record Pair(String prompt, String completion, String split) {}

    /** The prompt and kept completion texts of a selection, in prompt order. */
    public List<Pair> pairs(long selectionId) {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT p.text, k.text, p.split FROM selected s"
                                        + " JOIN prompt p ON p.id = s.prompt_id"
                                        + " JOIN candidate k ON k.id = s.candidate_id"
                                        + " WHERE s.selection_id = ? ORDER BY p.idx",
                                rs -> new Pair(rs.getString(1), rs.getString(2), rs.getString(3)),
                                selectionId));
    }

    /** Every selection of the project, in creation order. */
    public List<SelectionRecord> list() {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT id, run_id, name, strategy, summary FROM selection ORDER BY id",
                                rs ->
                                        new SelectionRecord(
                                                rs.getLong(1),
                                                rs.getLong(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5))));
    }
}
