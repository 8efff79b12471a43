package org.heirloom.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Prompt sets and their prompts in a project file. */
public final class PromptSetRepository {

    private final Project project;

    public PromptSetRepository(Project project) {
        this.project = project;
    }

    /**
     * Stores a new prompt set in one transaction. Prompts whose exact text repeats an earlier one
     * are dropped (the first wins), so that a prompt is one row however often it appears.
     *
     * @return the new set's id
     */
    public long create(String name, String source, List<PromptInput> prompts) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("prompt set name is empty");
        }
        return project.write(
                c -> {
                    try (PreparedStatement exists =
                            c.prepareStatement("SELECT 1 FROM prompt_set WHERE name = ?")) {
                        exists.setString(1, name);
                        try (ResultSet rs = exists.executeQuery()) {
                            if (rs.next()) {
                                throw new ProjectException(
                                        "a prompt set named '" + name + "' already exists");
                            }
                        }
                    }
                    long id;
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO prompt_set(name, source, created_at) VALUES (?, ?, ?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, name);
                        ps.setString(2, source);
                        ps.setString(3, Instant.now().toString());
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO prompt(prompt_set_id, idx, text, reference, content_hash)"
                                            + " VALUES (?, ?, ?, ?, ?)")) {
                        Set<String> seen = new HashSet<>();
                        int idx = 0;
                        for (PromptInput p : prompts) {
                            String hash = ContentHash.of(p.text());
                            if (!seen.add(hash)) {
                                continue;
                            }
                            ps.setLong(1, id);
                            ps.setInt(2, idx++);
                            ps.setString(3, p.text());
                            ps.setString(4, p.reference());
                            ps.setString(5, hash);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return id;
                });
    }

    public List<PromptSetSummary> list() {
        return project.read(
                c -> {
                    List<PromptSetSummary> out = new ArrayList<>();
                    try (Statement st = c.createStatement();
                            ResultSet rs =
                                    st.executeQuery(
                                            "SELECT s.id, s.name, s.source,"
                                                    + " (SELECT count(*) FROM prompt p WHERE p.prompt_set_id = s.id)"
                                                    + " FROM prompt_set s ORDER BY s.name")) {
                        while (rs.next()) {
                            out.add(
                                    new PromptSetSummary(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getLong(4)));
                        }
                    }
                    return out;
                });
    }

    public Optional<PromptSetSummary> find(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<StoredPrompt> prompts(long promptSetId) {
        return project.read(
                c -> {
                    List<StoredPrompt> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT id, idx, text, reference, split FROM prompt"
                                            + " WHERE prompt_set_id = ? ORDER BY idx")) {
                        ps.setLong(1, promptSetId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new StoredPrompt(
                                                rs.getLong(1),
                                                rs.getInt(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5)));
                            }
                        }
                    }
                    return out;
                });
    }
}
