package org.heirloom.project.candidate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;
import org.heirloom.score.MetricId;

/** Metric definitions and scores of candidates. */
public final class ScoreRepository {

    /** A candidate still lacking a score. */
    public record Pending(long candidateId, String text) {}

    private final Project project;

    public ScoreRepository(Project project) {
        this.project = project;
    }

    /** The id of a metric definition, created on first use. */
    public long metricId(MetricId id) {
        return project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO metric(name, version, params) VALUES (?, ?, ?)"
                                            + " ON CONFLICT(name, version, params) DO NOTHING")) {
                        ps.setString(1, id.name());
                        ps.setString(2, id.version());
                        ps.setString(3, id.paramsJson());
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id FROM metric WHERE name = ? AND version = ? AND params = ?")) {
                        ps.setString(1, id.name());
                        ps.setString(2, id.version());
                        ps.setString(3, id.paramsJson());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
    }

    /** How many candidates of a run have no score for a metric. */
    public long countMissing(long runId, long metricId) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT count(*) FROM candidate c WHERE c.run_id = ? AND NOT EXISTS"
                                            + " (SELECT 1 FROM score s WHERE s.candidate_id = c.id"
                                            + " AND s.metric_id = ?)")) {
                        ps.setLong(1, runId);
                        ps.setLong(2, metricId);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getLong(1) : 0;
                        }
                    }
                });
    }

    /** Up to {@code limit} unscored candidates with ids above {@code afterId}, by id. */
    public List<Pending> missing(long runId, long metricId, long afterId, int limit) {
        return project.read(
                c -> {
                    List<Pending> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT c.id, c.text FROM candidate c WHERE c.run_id = ? AND c.id > ?"
                                            + " AND NOT EXISTS (SELECT 1 FROM score s WHERE"
                                            + " s.candidate_id = c.id AND s.metric_id = ?)"
                                            + " ORDER BY c.id LIMIT ?")) {
                        ps.setLong(1, runId);
                        ps.setLong(2, afterId);
                        ps.setLong(3, metricId);
                        ps.setInt(4, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(new Pending(rs.getLong(1), rs.getString(2)));
                            }
                        }
                    }
                    return out;
                });
    }

    /** Stores one batch of scores in one transaction (NaN is stored as NULL: undefined). */
    public void insert(long metricId, long[] candidateIds, double[] values) {
        if (candidateIds.length != values.length) {
            throw new IllegalArgumentException(
                    "got " + values.length + " scores for " + candidateIds.length + " candidates");
        }
        project.write(
                c -> {
                    int full = candidateIds.length / ROWS_PER_STATEMENT;
                    if (full > 0) {
                        try (PreparedStatement ps =
                                c.prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
                            for (int s = 0; s < full; s++) {
                                for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
                                    int k = s * ROWS_PER_STATEMENT + i;
                                    bind(ps, i * 3, candidateIds[k], metricId, values[k]);
                                }
                                ps.executeUpdate();
                            }
                        }
                    }
                    int rest = candidateIds.length - full * ROWS_PER_STATEMENT;
                    if (rest > 0) {
                        try (PreparedStatement ps = c.prepareStatement(insertSql(rest))) {
                            for (int i = 0; i < rest; i++) {
                                int k = full * ROWS_PER_STATEMENT + i;
                                bind(ps, i * 3, candidateIds[k], metricId, values[k]);
                            }
                            ps.executeUpdate();
                        }
                    }
                    return null;
                });
    }

    /** Rows per multi-row INSERT (fewer statement executions). */
    private static final int ROWS_PER_STATEMENT = 128;

    private static String insertSql(int rows) {
        StringBuilder sb =
                new StringBuilder("INSERT INTO score(candidate_id, metric_id, value) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ",").append("(?,?,?)");
        }
        return sb.append(" ON CONFLICT(candidate_id, metric_id) DO NOTHING").toString();
    }

    private static void bind(
            PreparedStatement ps, int o, long candidateId, long metricId, double value)
            throws java.sql.SQLException {
        ps.setLong(o + 1, candidateId);
        ps.setLong(o + 2, metricId);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            ps.setNull(o + 3, Types.REAL);
        } else {
            ps.setDouble(o + 3, value);
        }
    }

    /**
     * Metrics with at least one score in a run, by name. Where one name has several definitions
     * (versions, parameters), the most recently registered one stands for the name.
     */
    public Map<String, MetricRef> scoredMetrics(long runId) {
        return project.read(
                c -> {
                    Map<String, MetricRef> out = new LinkedHashMap<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT m.id, m.name, m.version, m.params FROM metric m"
                                            + " WHERE EXISTS (SELECT 1 FROM score s JOIN candidate c"
                                            + " ON c.id = s.candidate_id WHERE s.metric_id = m.id"
                                            + " AND c.run_id = ?) ORDER BY m.name, m.id")) {
                        ps.setLong(1, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                MetricRef m =
                                        new MetricRef(
                                                rs.getLong(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getString(4));
                                out.put(m.name(), m);
                            }
                        }
                    }
                    return out;
                });
    }

    /** Every score of one metric in a run, by candidate id (NaN where undefined). */
    public Map<Long, Double> values(long runId, long metricId) {
        return project.read(
                c -> {
                    Map<Long, Double> out = new HashMap<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT s.candidate_id, s.value FROM score s JOIN candidate c"
                                            + " ON c.id = s.candidate_id WHERE c.run_id = ? AND s.metric_id = ?")) {
                        ps.setLong(1, runId);
                        ps.setLong(2, metricId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                double v = Sql.doubleOrNaN(rs, 2);
                                out.put(rs.getLong(1), v);
                            }
                        }
                    }
                    return out;
                });
    }

    /** Receives one score of a run in prompt order. */
    @FunctionalInterface
    public interface PromptScoreSink {
        void accept(long promptId, long candidateId, double value);
    }

    /**
     * Streams every score of one metric in a run, grouped by prompt (prompt id order; NaN where
     * undefined): nothing is boxed, so a run of 10^6 candidates streams in about a second.
     */
    public void forEachByPrompt(long runId, long metricId, PromptScoreSink sink) {
        project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT c.prompt_id, c.id, s.value FROM candidate c JOIN score s"
                                            + " ON s.candidate_id = c.id AND s.metric_id = ?"
                                            + " WHERE c.run_id = ? ORDER BY c.prompt_id")) {
                        ps.setLong(1, metricId);
                        ps.setLong(2, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                sink.accept(rs.getLong(1), rs.getLong(2), Sql.doubleOrNaN(rs, 3));
                            }
                        }
                    }
                    return null;
                });
    }
}
