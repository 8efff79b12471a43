package org.heirloom.project.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Project;
import org.heirloom.project.Secrets;
import org.heirloom.project.Sql;

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
                    String now = Instant.now().toString();
                    long id =
                            Sql.insert(
                                    c,
                                    "INSERT INTO run(name, prompt_set_id, k, seed, params, status,"
                                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'created', ?, ?)",
                                    name,
                                    promptSetId,
                                    k,
                                    seed,
                                    Secrets.stripUserInfo(params),
                                    now,
                                    now);
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO run_teacher(run_id, idx, spec, provenance)"
                                            + " VALUES (?, ?, ?, ?)")) {
                        for (int i = 0; i < teacherSpecs.size(); i++) {
                            Sql.bind(
                                    ps,
                                    id,
                                    i,
                                    Secrets.stripUserInfo(teacherSpecs.get(i)),
                                    Secrets.stripUserInfo(teacherProvenance.get(i)));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return new RunRecord(
                            id,
                            name,
                            promptSetId,
                            k,
                            seed,
                            Secrets.stripUserInfo(params),
                            "created");
                });
    }

    public Optional<RunRecord> find(String name) {
        return project.read(
                c ->
                        Sql.first(
                                c,
                                "SELECT id, name, prompt_set_id, k, seed, params, status FROM run WHERE name = ?",
                                RunRepository::row,
                                name));
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
                c -> Sql.list(c, "SELECT name FROM run ORDER BY name", rs -> rs.getString(1)));
    }

    public List<RunTeacherRecord> teachers(long runId) {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT id, run_id, idx, spec, provenance FROM run_teacher WHERE run_id = ? ORDER BY idx",
                                rs ->
                                        new RunTeacherRecord(
                                                rs.getLong(1),
                                                rs.getLong(2),
                                                rs.getInt(3),
                                                rs.getString(4),
                                                rs.getString(5)),
                                runId));
    }

    public void setStatus(long runId, String status) {
        project.write(
                c ->
                        Sql.update(
                                c,
                                "UPDATE run SET status = ?, updated_at = ? WHERE id = ?",
                                status,
                                Instant.now().toString(),
                                runId));
    }

    public void setTeacherProvenance(long teacherId, String provenance) {
        project.write(
                c ->
                        Sql.update(
                                c,
                                "UPDATE run_teacher SET provenance = ? WHERE id = ?",
                                Secrets.stripUserInfo(provenance),
                                teacherId));
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

    public static long count(Connection c, String sql, long arg) throws SQLException {
        return Sql.first(c, sql, rs -> rs.getLong(1), arg).orElse(0L);
    }
}
