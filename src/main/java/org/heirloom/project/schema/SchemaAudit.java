package org.heirloom.project.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.heirloom.project.candidate.CandidateSearchIndex;

/**
 * Checks that a file's schema is exactly what this build's migrations make for its {@code
 * user_version}: a project file from someone else is data, and SQL stored in it (a trigger that
 * fires on our inserts, a view with an endless query, a table definition with a changed default)
 * would be code. Files with anything else are refused, not cleaned: we never guess which of a
 * stranger's objects are harmless.
 *
 * <p>The expected schema is derived by running the migrations on an empty in-memory database, so
 * every future migration is covered without a hand-kept list. Derived objects Heirloom itself may
 * add later (the full-text index over candidates and its shadow tables, and SQLite's own {@code
 * sqlite_stat*} tables) are allowed only in exactly the form this build creates them.
 */
public final class SchemaAudit {

    /** One row of {@code sqlite_master}, SQL with whitespace runs collapsed. */
    record SchemaObject(String type, String name, String table, String sql) {
        String describe() {
            return type + " '" + name + "'";
        }
    }

    private static final Map<Integer, Set<SchemaObject>> EXPECTED = new ConcurrentHashMap<>();
    private static volatile Set<SchemaObject> optional;

    private SchemaAudit() {}

    /**
     * Refuses {@code c}'s schema unless it matches {@code version}; returns the problem as one line
     * (without the file name), or null when the schema is what this build expects.
     */
    public static String problem(Connection c, int version) throws SQLException {
        Set<SchemaObject> actual = read(c);
        if (version > Schema.latestVersion()) {
            // A newer Heirloom's schema is unknown here, but it never holds code either.
            for (SchemaObject o : actual) {
                if (o.type().equals("trigger") || o.type().equals("view")) {
                    return unexpected(o);
                }
            }
            return null;
        }
        Set<SchemaObject> expected = expected(version);
        Set<SchemaObject> allowed = optional();
        Map<String, SchemaObject> expectedByName = new HashMap<>();
        for (SchemaObject o : expected) {
            expectedByName.put(o.name(), o);
        }
        for (SchemaObject o : actual) {
            if (expected.contains(o) || allowed.contains(o) || isStatTable(o)) {
                continue;
            }
            SchemaObject mine = expectedByName.get(o.name());
            if (mine != null && mine.type().equals(o.type())) {
                return "schema does not match its version "
                        + version
                        + ": "
                        + o.describe()
                        + " is defined differently than Heirloom defines it; a received file is"
                        + " data, so it is not opened";
            }
            if (isOurs(o)) {
                return "schema does not match its version "
                        + version
                        + ": "
                        + o.describe()
                        + " belongs to a later schema; a received file is data, so it is not"
                        + " opened";
            }
            return unexpected(o);
        }
        for (SchemaObject o : expected) {
            if (!actual.contains(o)) {
                return "schema does not match its version "
                        + version
                        + ": "
                        + o.describe()
                        + " is missing";
            }
        }
        return null;
    }

    private static String unexpected(SchemaObject o) {
        return "contains "
                + o.describe()
                + ", which Heirloom does not create; a received file is data, not code, so it is"
                + " not opened (remove it with the sqlite3 tool if you trust the file)";
    }

    /** One of the objects the latest migrations create (by kind and name). */
    private static boolean isOurs(SchemaObject o) {
        for (SchemaObject mine : expected(Schema.latestVersion())) {
            if (mine.type().equals(o.type()) && mine.name().equals(o.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStatTable(SchemaObject o) {
        return o.type().equals("table") && o.name().matches("sqlite_stat[1-4]");
    }

    static Set<SchemaObject> read(Connection c) throws SQLException {
        Set<SchemaObject> out = new LinkedHashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT type, name, tbl_name, sql FROM main.sqlite_master")) {
            while (rs.next()) {
                out.add(
                        new SchemaObject(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                normalise(rs.getString(4))));
            }
        }
        return out;
    }

    private static String normalise(String sql) {
        return sql == null ? null : sql.trim().replaceAll("\\s+", " ");
    }

    /** What the migrations up to {@code version} create, from an empty in-memory database. */
    static Set<SchemaObject> expected(int version) {
        return EXPECTED.computeIfAbsent(
                version,
                v -> {
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                            Statement st = c.createStatement()) {
                        for (Migration m : Schema.migrations()) {
                            if (m.version() <= v) {
                                for (String sql : m.statements()) {
                                    st.execute(sql);
                                }
                            }
                        }
                        return Set.copyOf(read(c));
                    } catch (SQLException e) {
                        throw new IllegalStateException("the built-in migrations do not run", e);
                    }
                });
    }

    /** The candidate search index, as {@link CandidateSearchIndex} creates it (if FTS5 exists). */
    private static Set<SchemaObject> optional() {
        Set<SchemaObject> o = optional;
        if (o == null) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                Set<SchemaObject> before = read(c);
                if (CandidateSearchIndex.fts5(c)) {
                    try (Statement st = c.createStatement()) {
                        st.execute(CandidateSearchIndex.createSql());
                    }
                }
                Set<SchemaObject> after = new LinkedHashSet<>(read(c));
                after.removeAll(before);
                o = Set.copyOf(after);
            } catch (SQLException e) {
                o = Set.of();
            }
            optional = o;
        }
        return o;
    }
}
