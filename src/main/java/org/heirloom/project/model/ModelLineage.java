package org.heirloom.project.model;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code model.parent_id} graph of a file: every parent exists and no model is its own
 * ancestor. Code that walks lineages (import, the GUI's family tree) may then recurse safely; a
 * received file with a cycle would otherwise loop or overflow the stack.
 */
public final class ModelLineage {

    private ModelLineage() {}

    /** The first problem as one line (without the file name), or null. */
    public static String problem(Connection c) throws SQLException {
        if (!hasModelTable(c)) {
            return null;
        }
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, String> name = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, parent_id, name FROM model")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                long p = rs.getLong(2);
                parent.put(id, rs.wasNull() ? null : p);
                name.put(id, rs.getString(3));
            }
        }
        Set<Long> checked = new HashSet<>();
        for (Long start : parent.keySet()) {
            Set<Long> path = new HashSet<>();
            for (Long id = start; id != null && !checked.contains(id); id = parent.get(id)) {
                if (!path.add(id)) {
                    return "model '"
                            + name.get(id)
                            + "' is its own ancestor (a parent_id cycle); the file is refused";
                }
                Long p = parent.get(id);
                if (p != null && !parent.containsKey(p)) {
                    return "model '"
                            + name.get(id)
                            + "' names a parent (id "
                            + p
                            + ") that is missing";
                }
            }
            checked.addAll(path);
        }
        return null;
    }

    private static boolean hasModelTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name ="
                                        + " 'model'")) {
            return rs.next();
        }
    }
}
