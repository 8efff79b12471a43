package org.heirloom.project;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Lists what a project holds, grouped by kind, for the explorer. */
public final class ProjectCatalog {

    private final Project project;

    public ProjectCatalog(Project project) {
        this.project = project;
    }

    public List<CatalogEntry> entries(CatalogEntry.Kind kind) {
        String sql =
                switch (kind) {
                    case PROMPT_SET ->
                            "SELECT s.id, s.name, (SELECT count(*) FROM prompt p"
                                    + " WHERE p.prompt_set_id = s.id) || ' prompts' FROM prompt_set s ORDER BY s.name";
                    case MODEL ->
                            "SELECT id, name, kind || coalesce(' · ' || role, '') FROM model ORDER BY name";
                    case RUN ->
                            "SELECT id, name, 'k=' || k || ' · ' || status FROM run ORDER BY name";
                    case EXPERIMENT -> "SELECT id, name, 'recipe' FROM recipe ORDER BY name";
                    case GENERATIONS ->
                            "SELECT min(id), suite, count(*) || ' profiled models' FROM profile"
                                    + " WHERE suite IN ('text', 'toxicity') AND status = 'complete'"
                                    + " GROUP BY suite ORDER BY suite";
                };
        return project.read(c -> query(c, kind, sql));
    }

    private static List<CatalogEntry> query(Connection c, CatalogEntry.Kind kind, String sql)
            throws SQLException {
        List<CatalogEntry> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new CatalogEntry(kind, rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
