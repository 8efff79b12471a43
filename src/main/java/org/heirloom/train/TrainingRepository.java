package org.heirloom.train;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;

/** The project's {@code training}, {@code training_log} and {@code training_checkpoint} rows. */
public final class TrainingRepository {

    /** A training row. */
    public record Training(
            long id,
            String name,
            Long baseModelId,
            String baseLocation,
            String dataSource,
            String dataHash,
            String config,
            long seed,
            int replicate,
            int totalSteps,
            String status,
            Long outputModelId) {}

    /** A loss-curve point. */
    public record LogRow(int step, String split, double loss, double lr, long tokens) {}

    private final Project project;

    public TrainingRepository(Project project) {
        this.project = project;
    }

    private static final String SELECT_TRAINING =
            "SELECT id, name, base_model_id, base_location, data_source, data_hash, config, seed,"
                    + " replicate, total_steps, status, output_model_id FROM training";

    public Optional<Training> find(String name) {
        return project.read(
                c ->
                        Sql.first(
                                c,
                                SELECT_TRAINING + " WHERE name = ?",
                                TrainingRepository::training,
                                name));
    }

    /** Every training of the project, in creation order. */
    public List<Training> list() {
        return project.read(
                c -> Sql.list(c, SELECT_TRAINING + " ORDER BY id", TrainingRepository::training));
    }

    private static Training training(ResultSet rs) throws SQLException {
        return new Training(
                rs.getLong(1),
                rs.getString(2),
                Sql.longOrNull(rs, 3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getString(11),
                Sql.longOrNull(rs, 12));
    }

    /** Inserts a training in status {@code running}; returns its id. */
    public long create(
            String name,
            Long baseModelId,
            String baseLocation,
            TrainingData data,
            String dataHash,
            TrainingConfig config,
            long seed,
            int replicate,
            int totalSteps) {
        return project.write(
                c ->
                        Sql.insert(
                                c,
                                "INSERT INTO training (name, base_model_id, base_location,"
                                        + " data_source, data_hash, config, seed, replicate,"
                                        + " total_steps, status, created_at) VALUES"
                                        + " (?,?,?,?,?,?,?,?,?,'running',?)",
                                name,
                                baseModelId,
                                baseLocation,
                                data.source(),
                                dataHash,
                                config.toJson(),
                                seed,
                                replicate,
                                totalSteps,
                                Instant.now().toString()));
    }

    public void setStatus(long id, String status, Long outputModelId) {
        project.write(
                c ->
                        Sql.update(
                                c,
                                "UPDATE training SET status = ?, output_model_id ="
                                        + " COALESCE(?, output_model_id), finished_at = ?"
                                        + " WHERE id = ?",
                                status,
                                outputModelId,
                                status.equals("running") ? null : Instant.now().toString(),
                                id));
    }

    /** One committed row (replaces a row of the same step and split from an interrupted run). */
    public void log(long id, int step, String split, double loss, double lr, long tokens) {
        if (!Double.isFinite(loss)) {
            // SQLite stores NaN as NULL; the NOT NULL error it gives would not say what happened.
            throw new TrainingDivergedException(
                    "training stopped: the " + split + " loss is " + loss + " at step " + step);
        }
        project.write(
                c ->
                        Sql.update(
                                c,
                                "INSERT OR REPLACE INTO training_log (training_id, step, split,"
                                        + " loss, lr, tokens) VALUES (?,?,?,?,?,?)",
                                id,
                                step,
                                split,
                                loss,
                                lr,
                                tokens));
    }

    /** Keeps one checkpoint per training: the new one replaces the last. */
    public void checkpoint(long id, int step, String location) {
        project.write(
                c -> {
                    Sql.update(c, "DELETE FROM training_checkpoint WHERE training_id = ?", id);
                    return Sql.update(
                            c,
                            "INSERT INTO training_checkpoint (training_id, step, location,"
                                    + " created_at) VALUES (?,?,?,?)",
                            id,
                            step,
                            location,
                            Instant.now().toString());
                });
    }

    public void clearCheckpoints(long id) {
        project.write(
                c -> Sql.update(c, "DELETE FROM training_checkpoint WHERE training_id = ?", id));
    }

    /** The loss curve in step order (train before held-out at equal steps). */
    public List<LogRow> curve(long id) {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT step, split, loss, lr, tokens FROM training_log WHERE"
                                        + " training_id = ? ORDER BY step, split DESC",
                                rs ->
                                        new LogRow(
                                                rs.getInt(1),
                                                rs.getString(2),
                                                rs.getDouble(3),
                                                rs.getDouble(4),
                                                rs.getLong(5)),
                                id));
    }
}
