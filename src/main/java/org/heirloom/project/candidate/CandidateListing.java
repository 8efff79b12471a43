package org.heirloom.project.candidate;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Sql;

/**
 * An evaluated {@link CandidateQuery}: its row count and any page of it by position. Holds a
 * temporary table on the project's connection until {@link #close closed}.
 */
public final class CandidateListing implements AutoCloseable {

    private final CandidateBrowser browser;
    private final CandidateQuery query;
    private final List<MetricRef> metrics;
    private final String table;
    private final int total;
    private volatile boolean closed;

    CandidateListing(
            CandidateBrowser browser,
            CandidateQuery query,
            List<MetricRef> metrics,
            String table,
            int total) {
        this.browser = browser;
        this.query = query;
        this.metrics = List.copyOf(metrics);
        this.table = table;
        this.total = total;
    }

    public CandidateQuery query() {
        return query;
    }

    /** The metric columns, in the order of {@link CandidatePage.Row#scores()}. */
    public List<MetricRef> metrics() {
        return metrics;
    }

    /** How many candidates the query lists. */
    public int total() {
        return total;
    }

    /** Rows {@code offset .. offset+limit-1} (fewer at the end). */
    public CandidatePage page(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0");
        }
        List<Object> args = new ArrayList<>();
        args.add(query.selectionId());
        args.add(offset);
        args.add(offset + limit);
        String sql =
                CandidateBrowser.ROW_COLUMNS
                        + "FROM "
                        + table
                        + " v JOIN candidate c ON c.id = v.cid JOIN prompt p ON p.id = c.prompt_id"
                        + " JOIN run_teacher t ON t.id = c.teacher_id"
                        // Positions are 1-based keys: rows offset+1 .. offset+limit.
                        + " WHERE v.pos > ? AND v.pos <= ? ORDER BY v.pos";
        return browser.project()
                .read(
                        c -> {
                            // Checked under the connection's lock: close() drops the table there.
                            if (closed) {
                                throw new IllegalStateException("candidate listing is closed");
                            }
                            return new CandidatePage(
                                    offset, CandidateBrowser.rows(c, sql, args, metrics));
                        });
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        browser.project()
                .read(
                        c -> {
                            if (!closed) {
                                closed = true;
                                Sql.update(c, "DROP TABLE IF EXISTS " + table);
                            }
                            return null;
                        });
    }
}
