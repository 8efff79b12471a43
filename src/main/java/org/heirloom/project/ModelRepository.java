package org.heirloom.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Models known to a project: teachers, bases, students, judges. */
public final class ModelRepository {

    private static final String COLUMNS = "id, name, kind, location, content_hash, role, parent_id";
    private final Project project;

    public ModelRepository(Project project) {
        this.project = project;
    }

    public Optional<ModelRecord> find(String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT " + COLUMNS + " FROM model WHERE name = ?")) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                        }
                    }
                });
    }

    public Optional<ModelRecord> get(long id) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM model WHERE id = ?")) {
                        ps.setLong(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                        }
                    }
                });
    }

    public List<ModelRecord> list() {
        return project.read(
                c -> {
                    List<ModelRecord> out = new ArrayList<>();
                    try (Statement st = c.createStatement();
                            ResultSet rs =
                                    st.executeQuery(
                                            "SELECT " + COLUMNS + " FROM model ORDER BY name")) {
                        while (rs.next()) {
                            out.add(row(rs));
                        }
                    }
                    return out;
                });
    }

    /**
     * Registers a model, or returns the one already registered under {@code name} if it has the
     * same kind, location and content; a different model under a taken name is an error.
     */
    public ModelRecord register(
            String name,
            String kind,
            String location,
            String contentHash,
            String role,
            Long parentId) {
        Optional<ModelRecord> existing = find(name);
        if (existing.isPresent()) {
            ModelRecord m = existing.get();
            boolean same =
                    m.kind().equals(kind)
                            && java.util.Objects.equals(m.location(), location)
                            && java.util.Objects.equals(m.contentHash(), contentHash);
            if (!same) {
                throw new ProjectException(
                        "a different model is already registered as '"
                                + name
                                + "' ("
                                + m.location()
                                + ")");
            }
            return m;
        }
        long id =
                project.write(
                        c -> {
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "INSERT INTO model(name, kind, location, content_hash, role, parent_id, created_at)"
                                                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                            Statement.RETURN_GENERATED_KEYS)) {
                                ps.setString(1, name);
                                ps.setString(2, kind);
                                ps.setString(3, location);
                                ps.setString(4, contentHash);
                                ps.setString(5, role);
                                if (parentId == null) {
                                    ps.setNull(6, java.sql.Types.INTEGER);
                                } else {
                                    ps.setLong(6, parentId);
                                }
                                ps.setString(7, Instant.now().toString());
                                ps.executeUpdate();
                                try (ResultSet keys = ps.getGeneratedKeys()) {
                                    keys.next();
                                    return keys.getLong(1);
                                }
                            }
                        });
        return new ModelRecord(id, name, kind, location, contentHash, role, parentId);
    }

    public void setRole(long id, String role) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("UPDATE model SET role = ? WHERE id = ?")) {
                        ps.setString(1, role);
                        ps.setLong(2, id);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    private static ModelRecord row(ResultSet rs) throws SQLException {
        long parent = rs.getLong(7);
        Long parentId = rs.wasNull() ? null : parent;
        return new ModelRecord(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                parentId);
    }
}
