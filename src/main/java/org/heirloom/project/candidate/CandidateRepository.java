package org.heirloom.project.candidate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.heirloom.project.Project;
import org.heirloom.project.run.RunRepository;

/** Candidates of generation runs. */
public final class CandidateRepository {

    private static final String INSERT_HEAD =
            "INSERT INTO candidate(run_id, prompt_id, teacher_id, idx, seed, text, token_count,"
                    + " finish_reason, logprob, provenance, reasoning) VALUES ";

    // A row already stored wins: a resumed run never rewrites what exists.
    private static final String INSERT_TAIL =
            " ON CONFLICT(run_id, prompt_id, teacher_id, idx) DO NOTHING";

    /** Rows per multi-row INSERT: fewer statement executions, far below SQLite's bind limit. */
    private static final int ROWS_PER_STATEMENT = 64;

    private static final int COLUMNS = 11;

    private static final String SELECT =
            "SELECT c.id, c.run_id, c.prompt_id, c.teacher_id, c.idx, c.seed, c.text,"
                    + " c.token_count, c.finish_reason, c.logprob, c.provenance, c.reasoning"
                    + " FROM candidate c JOIN prompt p ON p.id = c.prompt_id"
                    + " JOIN run_teacher t ON t.id = c.teacher_id"
                    + " WHERE c.run_id = ? ORDER BY p.idx, t.idx, c.idx";

    private final Project project;

    public CandidateRepository(Project project) {
        this.project = project;
    }

    /** Stores candidates in one transaction; returns how many were new. */
    public int insert(List<CandidateRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return project.write(c -> insert(c, rows));
    }

    /** Stores candidates with the caller's transaction; returns how many were new. */
    public static int insert(Connection c, List<CandidateRow> rows) throws SQLException {
        int added = 0;
        int full = rows.size() / ROWS_PER_STATEMENT;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
                for (int s = 0; s < full; s++) {
                    int base = s * ROWS_PER_STATEMENT;
                    for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
                        bind(ps, i * COLUMNS, rows.get(base + i));
                    }
                    added += ps.executeUpdate();
                }
            }
        }
        int rest = rows.size() - full * ROWS_PER_STATEMENT;
        if (rest > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(rest))) {
                for (int i = 0; i < rest; i++) {
                    bind(ps, i * COLUMNS, rows.get(full * ROWS_PER_STATEMENT + i));
                }
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    private static String insertSql(int rows) {
        StringBuilder sb = new StringBuilder(INSERT_HEAD);
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
        }
        return sb.append(INSERT_TAIL).toString();
    }

    private static void bind(PreparedStatement ps, int o, CandidateRow r) throws SQLException {
        ps.setLong(o + 1, r.runId());
        ps.setLong(o + 2, r.promptId());
        ps.setLong(o + 3, r.teacherId());
        ps.setInt(o + 4, r.index());
        ps.setLong(o + 5, r.seed());
        ps.setString(o + 6, r.text());
        if (r.tokenCount() >= 0) {
            ps.setInt(o + 7, r.tokenCount());
        } else {
            ps.setNull(o + 7, Types.INTEGER);
        }
        ps.setString(o + 8, r.finishReason());
        if (Double.isNaN(r.logprob())) {
            ps.setNull(o + 9, Types.REAL);
        } else {
            ps.setDouble(o + 9, r.logprob());
        }
        ps.setString(o + 10, r.provenance());
        ps.setString(o + 11, r.reasoning());
    }

    /** Keys of every stored candidate of a run. */
    public Set<CandidateKey> keys(long runId) {
        return project.read(
                c -> {
                    Set<CandidateKey> out = new HashSet<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT prompt_id, teacher_id, idx FROM candidate WHERE run_id = ?")) {
                        ps.setLong(1, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new CandidateKey(
                                                rs.getLong(1), rs.getLong(2), rs.getInt(3)));
                            }
                        }
                    }
                    return out;
                });
    }

    public long count(long runId) {
        return project.read(
                c ->
                        RunRepository.count(
                                c, "SELECT count(*) FROM candidate WHERE run_id = ?", runId));
    }

    /** Streams a run's candidates in prompt, teacher, candidate order. */
    public void forEach(long runId, Consumer<CandidateRow> action) {
        project.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                        ps.setLong(1, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                action.accept(row(rs));
                            }
                        }
                    }
                    return null;
                });
    }

    /** Ids and keys of a run's candidates, without texts. */
    public List<CandidateRef> refs(long runId) {
        return project.read(
                c -> {
                    List<CandidateRef> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, prompt_id, teacher_id, idx FROM candidate"
                                            + " WHERE run_id = ? ORDER BY id")) {
                        ps.setLong(1, runId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new CandidateRef(
                                                rs.getLong(1),
                                                rs.getLong(2),
                                                rs.getLong(3),
                                                rs.getInt(4)));
                            }
                        }
                    }
                    return out;
                });
    }

    public List<CandidateRow> list(long runId) {
        List<CandidateRow> out = new ArrayList<>();
        forEach(runId, out::add);
        return out;
    }

    static CandidateRow row(ResultSet rs) throws SQLException {
        int tokens = rs.getInt(8);
        if (rs.wasNull()) {
            tokens = -1;
        }
        double logprob = rs.getDouble(10);
        if (rs.wasNull()) {
            logprob = Double.NaN;
        }
        return new CandidateRow(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getInt(5),
                rs.getLong(6),
                rs.getString(7),
                tokens,
                rs.getString(9),
                logprob,
                rs.getString(11),
                rs.getString(12));
    }
}
