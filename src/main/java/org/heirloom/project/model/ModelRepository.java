package org.heirloom.project.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.heirloom.project.Project;
import org.heirloom.project.ProjectException;
import org.heirloom.project.Secrets;
import org.heirloom.project.Sql;

/** Models known to a project: teachers, bases, students, judges. */
public final class ModelRepository {

    private static final String SELECT =
            "SELECT id, name, kind, location, content_hash, role, parent_id FROM model";
    private final Project project;

    public ModelRepository(Project project) {
        this.project = project;
    }

    public Optional<ModelRecord> find(String name) {
        return project.read(
                c -> Sql.first(c, SELECT + " WHERE name = ?", ModelRepository::row, name));
    }

    public Optional<ModelRecord> get(long id) {
        return project.read(c -> Sql.first(c, SELECT + " WHERE id = ?", ModelRepository::row, id));
    }

    public List<ModelRecord> list() {
        return project.read(c -> Sql.list(c, SELECT + " ORDER BY name", ModelRepository::row));
    }

    /**
     * Registers a model, or returns the one already registered under {@code name} if it has the
     * same kind, location and content; a different model under a taken name is an error.
     */
    public ModelRecord register(
            String name,
            String kind,
            String givenLocation,
            String contentHash,
            String role,
            Long parentId) {
        // An endpoint URL's user-info may hold a key: never stored (Secrets).
        String location = Secrets.stripUserInfo(givenLocation);
        Optional<ModelRecord> existing = find(name);
        if (existing.isPresent()) {
            ModelRecord m = existing.get();
            if (movedFolder(m, kind, location, contentHash)) {
                // The same weights at a new place (a copied project, a moved checkout): found by
                // their hash, and the row follows the folder so that loading it works again.
                project.write(
                        c ->
                                Sql.update(
                                        c,
                                        "UPDATE model SET location = ? WHERE id = ?",
                                        location,
                                        m.id()));
                return new ModelRecord(
                        m.id(),
                        m.name(),
                        m.kind(),
                        location,
                        m.contentHash(),
                        m.role(),
                        m.parentId());
            }
            if (!m.kind().equals(kind)
                    || !Objects.equals(m.location(), location)
                    || !Objects.equals(m.contentHash(), contentHash)) {
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
                        c ->
                                Sql.insert(
                                        c,
                                        "INSERT INTO model(name, kind, location, content_hash, role, parent_id, created_at)"
                                                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                        name,
                                        kind,
                                        location,
                                        contentHash,
                                        role,
                                        parentId,
                                        Instant.now().toString()));
        return new ModelRecord(id, name, kind, location, contentHash, role, parentId);
    }

    /** A local model whose weights hash matches, registered before under another folder. */
    private static boolean movedFolder(
            ModelRecord m, String kind, String location, String contentHash) {
        return m.kind().equals("local")
                && kind.equals("local")
                && contentHash != null
                && contentHash.equals(m.contentHash())
                && location != null
                && !location.equals(m.location());
    }

    public void setRole(long id, String role) {
        project.write(c -> Sql.update(c, "UPDATE model SET role = ? WHERE id = ?", role, id));
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
