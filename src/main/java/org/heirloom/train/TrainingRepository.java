package org.heirloom.train;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Project;

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
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(SELECT_TRAINING + " WHERE name = ?")) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(training(rs)) : Optional.empty();
                        }
                    }
                });
    }

    /** Every training of the project, in creation order. */
    public List<Training> list() {
        return project.read(
                c -> {
                    List<Training> out = new ArrayList<>();
                    try (PreparedStatement ps =
                                    c.prepareStatement(SELECT_TRAINING + " ORDER BY id");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(training(rs));
                        }
                    }
                    return out;
                });
    }

    private static Training training(ResultSet rs) throws SQLException {
        return new Training(
                rs.getLong(1),
                rs.getString(2),
                nullableLong(rs, 3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getString(11),
                nullableLong(rs, 12));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
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
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO training (name, base_model_id, base_location,"
                                            + " data_source, data_hash, config, seed, replicate,"
                                            + " total_steps, status, created_at) VALUES"
                                            + " (?,?,?,?,?,?,?,?,?,'running',?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, name);
                        ps.setObject(2, baseModelId);
                        ps.setString(3, baseLocation);
                        ps.setString(4, data.source());
                        ps.setString(5, dataHash);
                        ps.setString(6, config.toJson());
                        ps.setLong(7, seed);
                        ps.setInt(8, replicate);
                        ps.setInt(9, totalSteps);
                        ps.setString(10, Instant.now().toString());
                        ps.executeUpdate();
                        try (ResultSet k = ps.getGeneratedKeys()) {
                            k.next();
                            return k.getLong(1);
                        }
                    }
                });
    }

    public void setStatus(long id, String status, Long outputModelId) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE training SET status = ?, output_model_id ="
                                            + " COALESCE(?, output_model_id), finished_at = ?"
                                            + " WHERE id = ?")) {
                        ps.setString(1, status);
                        ps.setObject(2, outputModelId);
                        ps.setString(3, status.equals("running") ? null : Instant.now().toString());
                        ps.setLong(4, id);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    /** One committed row (replaces a row of the same step and split from an interrupted run). */
    public void log(long id, int step, String split, double loss, double lr, long tokens) {
        if (!Double.isFinite(loss)) {
            // SQLite stores NaN as NULL; the NOT NULL error it gives would not say what happened.
            throw new TrainingDivergedException(
                    "training stopped: the " + split + " loss is " + loss + " at step " + step);
        }
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT OR REPLACE INTO training_log (training_id, step,"
                                            + " split, loss, lr, tokens) VALUES (?,?,?,?,?,?)")) {
                        ps.setLong(1, id);
                        ps.setInt(2, step);
                        ps.setString(3, split);
                        ps.setDouble(4, loss);
                        ps.setDouble(5, lr);
                        ps.setLong(6, tokens);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    public void checkpoint(long id, int step, String location) {
        project.write(
                c -> {
                    try (PreparedStatement del =
                                    c.prepareStatement(
                                            "DELETE FROM training_checkpoint WHERE training_id = ?");
                            PreparedStatement ps =
                                    c.prepareStatement(
                                            "INSERT INTO training_checkpoint (training_id, step,"
                                                    + " location, created_at) VALUES (?,?,?,?)")) {
                        del.setLong(1, id);
                        del.executeUpdate();
                        ps.setLong(1, id);
                        ps.setInt(2, step);
                        ps.setString(3, location);
                        ps.setString(4, Instant.now().toString());
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    public void clearCheckpoints(long id) {
        project.write(
                c -> {
                    try (PreparedStatement del =
                            c.prepareStatement(
                                    "DELETE FROM training_checkpoint WHERE training_id = ?")) {
                        del.setLong(1, id);
                        del.executeUpdate();
                    }
                    return null;
                });
    }

    /** The loss curve in step order (train before held-out at equal steps). */
    public List<LogRow> curve(long id) {
        return project.read(c -> curve(c, id));
    }

    private static List<LogRow> curve(Connection c, long id) throws SQLException {
        List<LogRow> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT step, split, loss, lr, tokens FROM training_log WHERE training_id"
                                + " = ? ORDER BY step, split DESC")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new LogRow(
                                    rs.getInt(1),
                                    rs.getString(2),
                                    rs.getDouble(3),
                                    rs.getDouble(4),
                                    rs.getLong(5)));
                }
            }
        }
        return out;
    }
}
