package org.heirloom.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Generation runs and their teachers. */
public final class RunRepository {

    private final Project project;

    public RunRepository(Project project) {
        this.project = project;
    }

    /** Creates a run with its teachers (spec, provenance) in one transaction; returns it. */
    public RunRecord create(
            String name,
            long promptSetId,
            int k,
            long seed,
            String params,
            List<String> teacherSpecs,
            List<String> teacherProvenance) {
        return project.write(
                c -> {
                    long id;
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO run(name, prompt_set_id, k, seed, params, status,"
                                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'created', ?, ?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                        String now = Instant.now().toString();
                        ps.setString(1, name);
                        ps.setLong(2, promptSetId);
                        ps.setInt(3, k);
                        ps.setLong(4, seed);
                        ps.setString(5, params);
                        ps.setString(6, now);
                        ps.setString(7, now);
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO run_teacher(run_id, idx, spec, provenance)"
                                            + " VALUES (?, ?, ?, ?)")) {
                        for (int i = 0; i < teacherSpecs.size(); i++) {
                            ps.setLong(1, id);
                            ps.setInt(2, i);
                            ps.setString(3, teacherSpecs.get(i));
                            ps.setString(4, teacherProvenance.get(i));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return new RunRecord(id, name, promptSetId, k, seed, params, "created");
                });
    }

    public Optional<RunRecord> find(String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, name, prompt_set_id, k, seed, params, status"
                                            + " FROM run WHERE name = ?")) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                        }
                    }
                });
    }

    /** The run named {@code name}, or an {@link IllegalArgumentException} listing the runs. */
    public RunRecord require(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no run named '"
                                                + name
                                                + "' in "
                                                + project.file()
                                                + " (runs: "
                                                + String.join(", ", names())
                                                + ")"));
    }

    public List<String> names() {
        return project.read(
                c -> {
                    List<String> out = new ArrayList<>();
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT name FROM run ORDER BY name")) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    public List<RunTeacherRecord> teachers(long runId) {
        return project.read(
                c -> {
                    List<RunTeacherRecord> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, run_id, idx, spec, provenance FROM run_teacher"
                                            + " WHERE run_id = ? ORDER BY idx")) {
                        ps.setLong(1, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new RunTeacherRecord(
                                                rs.getLong(1),
                                                rs.getLong(2),
                                                rs.getInt(3),
                                                rs.getString(4),
                                                rs.getString(5)));
                            }
                        }
                    }
                    return out;
                });
    }

    public void setStatus(long runId, String status) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE run SET status = ?, updated_at = ? WHERE id = ?")) {
                        ps.setString(1, status);
                        ps.setString(2, Instant.now().toString());
                        ps.setLong(3, runId);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    public void setTeacherProvenance(long teacherId, String provenance) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE run_teacher SET provenance = ? WHERE id = ?")) {
                        ps.setString(1, provenance);
                        ps.setLong(2, teacherId);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    private static RunRecord row(ResultSet rs) throws SQLException {
        return new RunRecord(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getInt(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7));
    }

    static long count(Connection c, String sql, long arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
