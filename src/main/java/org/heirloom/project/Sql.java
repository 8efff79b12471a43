package org.heirloom.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC shapes the repositories share: bind arguments, insert returning the new row id, map
 * rows to records. Arguments are bound with {@code setObject} ({@code null} becomes SQL NULL), so
 * callers pass Java values in column order. Public so that repositories outside this package (the
 * training tables, in {@code train}) share the same shapes.
 */
public final class Sql {

    /** Maps the current row to a value. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {}

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** Runs an INSERT and returns the new row's id. */
    public static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        }
    }

    public static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        return first(c, sql, rs -> Boolean.TRUE, args).isPresent();
    }

    /** An INTEGER column, NULL read as null (checked right after the read). */
    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A REAL column, NULL read as NaN (checked right after the read: wasNull() is per read). */
    public static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
