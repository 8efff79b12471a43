package org.heirloom.project;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.heirloom.io.ContentHash;

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
                    if (Sql.exists(c, "SELECT 1 FROM prompt_set WHERE name = ?", name)) {
                        throw new ProjectException(
                                "a prompt set named '" + name + "' already exists");
                    }
                    long id =
                            Sql.insert(
                                    c,
                                    "INSERT INTO prompt_set(name, source, created_at) VALUES (?, ?, ?)",
                                    name,
                                    source,
                                    Instant.now().toString());
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO prompt(prompt_set_id, idx, text, reference, content_hash)"
                                            + " VALUES (?, ?, ?, ?, ?)")) {
                        Set<String> seen = new HashSet<>();
                        int idx = 0;
                        for (PromptInput p : prompts) {
                            String hash = ContentHash.of(p.text());
                            if (seen.add(hash)) {
                                Sql.bind(ps, id, idx++, p.text(), p.reference(), hash);
                                ps.addBatch();
                            }
                        }
                        ps.executeBatch();
                    }
                    return id;
                });
    }

    public List<PromptSetSummary> list() {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT s.id, s.name, s.source,"
                                        + " (SELECT count(*) FROM prompt p WHERE p.prompt_set_id = s.id)"
                                        + " FROM prompt_set s ORDER BY s.name",
                                rs ->
                                        new PromptSetSummary(
                                                rs.getLong(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getLong(4))));
    }

    public Optional<PromptSetSummary> find(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<StoredPrompt> prompts(long promptSetId) {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT id, idx, text, reference, split FROM prompt"
                                        + " WHERE prompt_set_id = ? ORDER BY idx",
                                rs ->
                                        new StoredPrompt(
                                                rs.getLong(1),
                                                rs.getInt(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5)),
                                promptSetId));
    }
}
