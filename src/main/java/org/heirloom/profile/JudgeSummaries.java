package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.stats.Estimate;

/** The project's judge profiles as win, tie and loss rates, for figures that must not query. */
public final class JudgeSummaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JudgeSummaries() {}

    /** One judged matchup: the model's rates against its opponent under one judge. */
    public record Matchup(String model, String versus, String judge, Map<String, Estimate> rates) {}

    /** The latest complete judge profile of each (model, opponent, judge), in profile order. */
    public static List<Matchup> load(Project project, ProfileItems loaded) {
        ModelRepository models = new ModelRepository(project);
        Map<String, Matchup> latest = new LinkedHashMap<>();
        for (ProfileRecord p : new ProfileRepository(project).list()) {
            if (!p.suite().equals("judge") || !p.status().equals("complete")) {
                continue;
            }
            ModelRecord m = models.get(p.modelId()).orElseThrow();
            JsonNode config = parse(p.config());
            String versus = config.path("versus").asText("?");
            String judge = config.path("judge").asText("?");
            List<ProfileItem> items = loaded.of(p.id());
            if (items.isEmpty()) {
                continue;
            }
            latest.put(
                    m.name() + "\u0000" + versus + "\u0000" + judge,
                    new Matchup(m.name(), versus, judge, JudgeSuite.rates(items)));
        }
        return List.copyOf(latest.values());
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "stored judge profile configuration is not JSON: "
                            + (json.length() > 80 ? json.substring(0, 80) + "…" : json),
                    e);
        }
    }
}
