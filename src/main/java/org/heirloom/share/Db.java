package org.heirloom.share;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Sql;

/**
 * Generic row copying between two project connections: rows are read as {@code Object[]} with
 * {@code getObject} and bound again with {@code setObject}, so NULLs and BLOBs survive unchanged.
 */
final class Db {

    /** Receives one row. */
    @FunctionalInterface
    interface RowSink {
        void accept(Object[] row) throws SQLException;
    }

    private Db() {}

    /** Streams the rows of a query (nothing is held in memory beyond one row). */
    static void each(Connection c, String sql, RowSink sink, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    sink.accept(row);
                }
            }
        }
    }

    static List<Object[]> rows(Connection c, String sql, Object... args) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        each(c, sql, out::add, args);
        return out;
    }

    static Optional<Object[]> first(Connection c, String sql, Object... args) throws SQLException {
        List<Object[]> all = rows(c, sql + " LIMIT 1", args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        return first(c, sql, args).isPresent();
    }

    static long insert(Connection c, String sql, Object... args) throws SQLException {
        return Sql.insert(c, sql, args);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        return Sql.update(c, sql, args);
    }

    /** SQLite hands back INTEGER as Integer or Long depending on its size. */
    static long id(Object value) {
        return ((Number) value).longValue();
    }

    static Long idOrNull(Object value) {
        return value == null ? null : id(value);
    }

    /**
     * Inserts rows with one prepared statement in batches; returns how many were really added (rows
     * an {@code ON CONFLICT DO NOTHING} skipped count 0).
     */
    static final class Batch implements AutoCloseable {
        private static final int SIZE = 256;
        private final PreparedStatement ps;
        private int pending;
        private int added;

        Batch(Connection c, String sql) throws SQLException {
            this.ps = c.prepareStatement(sql);
        }

        void add(Object... args) throws SQLException {
            Sql.bind(ps, args);
            ps.addBatch();
            if (++pending == SIZE) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) {
                for (int n : ps.executeBatch()) {
                    added += Math.max(n, 0);
                }
                pending = 0;
            }
        }

        /** Rows added so far (flushes first). */
        int added() throws SQLException {
            flush();
            return added;
        }

        @Override
        public void close() throws SQLException {
            flush();
            ps.close();
        }
    }
}
