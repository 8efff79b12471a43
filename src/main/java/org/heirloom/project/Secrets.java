package org.heirloom.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of project files: an endpoint given as {@code http://user:KEY@host/v1}
 * carries its key in the URL's user-info, which is removed before the URL is stored or exported
 * (keys belong in the environment, see the README).
 */
public final class Secrets {

    /** scheme://USERINFO@ — user-info ends at the first '@' before any '/', '?', '#' or quote. */
    private static final Pattern USER_INFO =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s\"']*@");

    /** Columns that hold model locations, endpoint specs and their provenance. */
    private static final String[][] URL_COLUMNS = {
        {"model", "location"},
        {"model", "config"},
        {"run_teacher", "spec"},
        {"run_teacher", "provenance"},
        {"run", "params"},
        {"training", "base_location"},
    };

    private Secrets() {}

    /** {@code text} with the user-info of every URL in it removed; null stays null. */
    public static String stripUserInfo(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
    }

    /** Removes user-info from the URL-bearing columns of a whole file (for exports). */
    static void stripStoredUserInfo(Connection c) throws SQLException {
        for (String[] tc : URL_COLUMNS) {
            if (!hasColumn(c, tc[0], tc[1])) {
                continue;
            }
            List<Object[]> changes = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT rowid, "
                                            + tc[1]
                                            + " FROM "
                                            + tc[0]
                                            + " WHERE "
                                            + tc[1]
                                            + " LIKE '%://%@%'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String before = rs.getString(2);
                    String after = stripUserInfo(before);
                    if (!after.equals(before)) {
                        changes.add(new Object[] {after, rs.getLong(1)});
                    }
                }
            }
            for (Object[] ch : changes) {
                Sql.update(c, "UPDATE " + tc[0] + " SET " + tc[1] + " = ? WHERE rowid = ?", ch);
            }
        }
    }

    private static boolean hasColumn(Connection c, String table, String column)
            throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", table, column);
    }
}
