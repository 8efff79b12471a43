package org.heirloom.profile.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Project;

/**
 * Named comparisons stored in the project (a recipe's {@code comparisons:}), so that the dashboard
 * and {@code export-charts} show exactly the arms the experiment declared instead of the ones
 * {@link ComparisonPlan} infers from model names. Each is one row of {@code project_meta} under
 * {@code comparison:NAME} holding canonical JSON; a name, once stored, keeps its definition.
 */
public final class SavedComparisons {

    private static final String PREFIX = "comparison:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedComparisons() {}

    /** One arm: a label and the names of its models (replicates). */
    public record Arm(String label, List<String> models) {
        public Arm {
            models = List.copyOf(models);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("arm '" + label + "' has no models");
            }
        }
    }

    /**
     * A stored comparison.
     *
     * @param name unique within the project
     * @param suites the suites it compares
     * @param arms the arms, baseline first
     */
    public record Saved(String name, List<String> suites, List<Arm> arms) {
        public Saved {
            suites = List.copyOf(suites);
            arms = List.copyOf(arms);
            if (arms.size() < 2) {
                throw new IllegalArgumentException(
                        "comparison '" + name + "' needs at least two arms");
            }
        }

        String toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("name", name);
            ArrayNode s = n.putArray("suites");
            suites.forEach(s::add);
            ArrayNode a = n.putArray("arms");
            for (Arm arm : arms) {
                ObjectNode o = a.addObject();
                o.put("label", arm.label());
                ArrayNode m = o.putArray("models");
                arm.models().forEach(m::add);
            }
            return n.toString();
        }

        static Saved fromJson(String json) {
            try {
                JsonNode n = JSON.readTree(json);
                List<String> suites = new ArrayList<>();
                n.get("suites").forEach(s -> suites.add(s.asText()));
                List<Arm> arms = new ArrayList<>();
                for (JsonNode a : n.get("arms")) {
                    List<String> models = new ArrayList<>();
                    a.get("models").forEach(m -> models.add(m.asText()));
                    arms.add(new Arm(a.get("label").asText(), models));
                }
                return new Saved(n.get("name").asText(), suites, arms);
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IllegalStateException(
                        "unreadable stored comparison: "
                                + (json.length() > 80 ? json.substring(0, 80) + "…" : json),
                        e);
            }
        }
    }

    /** What {@link #save} did. */
    public enum Outcome {
        STORED,
        UNCHANGED
    }

    /**
     * Stores the comparison; storing the same definition again changes nothing, a different one
     * under a stored name is an error (rename it rather than silently redefine what was shown).
     */
    public static Outcome save(Project project, Saved comparison) {
        Optional<Saved> existing = find(project, comparison.name());
        if (existing.isPresent()) {
            if (existing.get().equals(comparison)) {
                return Outcome.UNCHANGED;
            }
            throw new IllegalArgumentException(
                    "comparison '"
                            + comparison.name()
                            + "' is already stored with other suites or arms ("
                            + existing.get().toJson()
                            + "); give the changed comparison another name");
        }
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO project_meta(key, value) VALUES (?, ?)")) {
                        ps.setString(1, PREFIX + comparison.name());
                        ps.setString(2, comparison.toJson());
                        ps.executeUpdate();
                    }
                    return null;
                });
        return Outcome.STORED;
    }

    public static Optional<Saved> find(Project project, String name) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT value FROM project_meta WHERE key = ?")) {
                        ps.setString(1, PREFIX + name);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? Optional.of(Saved.fromJson(rs.getString(1)))
                                    : Optional.empty();
                        }
                    }
                });
    }

    /** Every stored comparison, by name. */
    public static List<Saved> list(Project project) {
        return project.read(
                c -> {
                    List<Saved> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT value FROM project_meta WHERE key LIKE ? ORDER BY key")) {
                        ps.setString(1, "comparison:%");
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(Saved.fromJson(rs.getString(1)));
                            }
                        }
                    }
                    return out;
                });
    }
}
