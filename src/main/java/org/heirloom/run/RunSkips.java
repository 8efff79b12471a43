package org.heirloom.run;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;

/**
 * The prompts a run left out (or truncated) for a teacher, with the reason: a run over prompts some
 * of which do not fit a model's context completes for the others, and says which.
 */
public final class RunSkips {

    /**
     * One prompt a teacher could not take whole.
     *
     * @param action {@code skipped} or {@code truncated}
     */
    public record Skip(long promptId, long teacherId, String action, String reason) {}

    private final Project project;

    public RunSkips(Project project) {
        this.project = project;
    }

    /** Replaces the run's recorded skips (each call re-checks every prompt). */
    public void replace(long runId, List<Skip> skips) {
        project.write(
                c -> {
                    try (PreparedStatement del =
                            c.prepareStatement("DELETE FROM run_skip WHERE run_id = ?")) {
                        del.setLong(1, runId);
                        del.executeUpdate();
                    }
                    try (PreparedStatement ins =
                            c.prepareStatement(
                                    "INSERT INTO run_skip (run_id, prompt_id, teacher_id, action,"
                                            + " reason) VALUES (?,?,?,?,?)")) {
                        for (Skip s : skips) {
                            ins.setLong(1, runId);
                            ins.setLong(2, s.promptId());
                            ins.setLong(3, s.teacherId());
                            ins.setString(4, s.action());
                            ins.setString(5, s.reason());
                            ins.addBatch();
                        }
                        ins.executeBatch();
                    }
                    return null;
                });
    }

    /** The run's recorded skips, by prompt then teacher. */
    public List<Skip> list(long runId) {
        return project.read(
                c -> {
                    List<Skip> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT prompt_id, teacher_id, action, reason FROM run_skip"
                                            + " WHERE run_id = ? ORDER BY prompt_id, teacher_id")) {
                        ps.setLong(1, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new Skip(
                                                rs.getLong(1),
                                                rs.getLong(2),
                                                rs.getString(3),
                                                rs.getString(4)));
                            }
                        }
                    }
                    return out;
                });
    }
}
