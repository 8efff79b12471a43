package org.heirloom.project.prompt;

import java.sql.PreparedStatement;
import java.util.Map;
import org.heirloom.project.Project;

/** Assigns prompts of a set to named splits (train, eval, ...). */
public final class PromptSplitRepository {

    private final Project project;

    public PromptSplitRepository(Project project) {
        this.project = project;
    }

    /** Sets the split of each prompt (by prompt id) in one transaction. */
    public void assign(Map<Long, String> splitByPromptId) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("UPDATE prompt SET split = ? WHERE id = ?")) {
                        for (Map.Entry<Long, String> e : splitByPromptId.entrySet()) {
                            ps.setString(1, e.getValue());
                            ps.setLong(2, e.getKey());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
    }
}
