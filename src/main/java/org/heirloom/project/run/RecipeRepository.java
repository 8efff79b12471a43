package org.heirloom.project.run;

import java.sql.PreparedStatement;
import java.time.Instant;
import org.heirloom.project.Project;

/** Experiment recipes (their YAML text) kept in the project. */
public final class RecipeRepository {

    private final Project project;

    public RecipeRepository(Project project) {
        this.project = project;
    }

    /** Stores or replaces the recipe named {@code name}. */
    public void save(String name, String yaml) {
        project.write(
                c -> {
                    String now = Instant.now().toString();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO recipe(name, yaml, created_at, updated_at)"
                                            + " VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE"
                                            + " SET yaml = excluded.yaml, updated_at = excluded.updated_at")) {
                        ps.setString(1, name);
                        ps.setString(2, yaml);
                        ps.setString(3, now);
                        ps.setString(4, now);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    public java.util.Optional<String> find(String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT yaml FROM recipe WHERE name = ?")) {
                        ps.setString(1, name);
                        try (var rs = ps.executeQuery()) {
                            return rs.next()
                                    ? java.util.Optional.of(rs.getString(1))
                                    : java.util.Optional.empty();
                        }
                    }
                });
    }
}
