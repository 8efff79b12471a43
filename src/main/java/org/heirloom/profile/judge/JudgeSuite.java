package org.heirloom.profile.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.heirloom.job.JobContext;
import org.heirloom.profile.likelihood.ChoiceScorer;
import org.heirloom.project.profile.ProfileItem;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Estimate;

/**
 * Pairwise preferences (LLM-as-a-judge): a judge sees a prompt and two answers, once in each order,
 * and names the better one. A model wins a prompt when the judge prefers its answer in both orders,
 * loses when it prefers the other in both, and ties otherwise (including when the judge just
 * follows position) — which cancels position bias.
 */
public final class JudgeSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JudgeSuite() {}

    /** Which of two answers, shown as "A" (first) and "B" (second), a judge prefers. */
    public interface Judge {
        /** Returns 'A', 'B' or 'T' (no preference). */
        char prefer(String prompt, String first, String second) throws Exception;
    }

    /** The judging prompt: the question, two answers, and a request for one letter. */
    public static String judgingPrompt(String prompt, String first, String second) {
        return "Which answer to the question is better? Reply with A or B.\n\nQuestion: "
                + prompt
                + "\n\nAnswer A: "
                + first
                + "\n\nAnswer B: "
                + second
                + "\n\nThe better answer is";
    }

    /** A judge that compares the likelihood of " A" and " B" after the judging prompt. */
    public static Judge likelihoodJudge(ChoiceScorer scorer) {
        return (prompt, first, second) -> {
            double[] lp =
                    scorer.meanLogProbs(judgingPrompt(prompt, first, second), List.of(" A", " B"));
            return lp[0] > lp[1] ? 'A' : lp[1] > lp[0] ? 'B' : 'T';
        };
    }

    /** Reads a generated verdict: the first standalone A or B (case-insensitive), else a tie. */
    public static char parseVerdict(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if ((ch == 'A' || ch == 'B')
                    && (i == 0 || !Character.isLetter(t.charAt(i - 1)))
                    && (i + 1 == t.length() || !Character.isLetter(t.charAt(i + 1)))) {
                return ch;
            }
        }
        return 'T';
    }

    /** One prompt's answers from the two models. */
    public record Matchup(String promptId, String prompt, String answerA, String answerB) {}

    /** Judges every prompt not judged yet; each verdict is committed as it is made. */
    public static void judge(
            ProfileRepository repo,
            ProfileRecord profile,
            List<Matchup> matchups,
            Judge judge,
            JobContext ctx)
            throws Exception {
        Set<String> done = repo.storedKeys(profile.id());
        ctx.progress().start(matchups.size(), "judging");
        for (Matchup m : matchups) {
            ctx.checkCancelled();
            if (!done.contains(ProfileRepository.key(m.promptId(), 0))) {
                char forward = judge.prefer(m.prompt(), m.answerA(), m.answerB());
                char backward = judge.prefer(m.prompt(), m.answerB(), m.answerA());
                // A wins only if preferred in both positions.
                int outcome =
                        forward == 'A' && backward == 'B'
                                ? 1
                                : forward == 'B' && backward == 'A' ? -1 : 0;
                ObjectNode data = JSON.createObjectNode();
                data.put("a_first", String.valueOf(forward));
                data.put("b_first", String.valueOf(backward));
                repo.addItems(
                        profile.id(),
                        List.of(new ProfileItem(m.promptId(), 0, null, outcome, data.toString())));
            }
            ctx.progress().advance(1);
        }
    }

    /** Win, tie and loss rates of the first model, each with a bootstrap CI over prompts. */
    public static Map<String, Estimate> rates(List<ProfileItem> items) {
        double[] win = new double[items.size()];
        double[] tie = new double[items.size()];
        double[] loss = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            double v = items.get(i).value();
            win[i] = v > 0 ? 1 : 0;
            tie[i] = v == 0 ? 1 : 0;
            loss[i] = v < 0 ? 1 : 0;
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        out.put("win", Bootstrap.standard().mean(win));
        out.put("tie", Bootstrap.standard().mean(tie));
        out.put("loss", Bootstrap.standard().mean(loss));
        return out;
    }

    public static String summaryJson(List<ProfileItem> items, String versus) {
        ObjectNode root = JSON.createObjectNode();
        root.put("versus", versus);
        root.put("prompts", items.size());
        rates(items)
                .forEach(
                        (k, e) -> {
                            ObjectNode n = root.putObject(k);
                            n.put("rate", e.value());
                            n.put("low", e.low());
                            n.put("high", e.high());
                        });
        return root.toString();
    }

    /** Matchups from two text profiles: prompts both answered, first sample of each. */
    public static List<Matchup> matchups(
            List<ProfileItem> a, List<ProfileItem> b, Map<String, String> promptTexts) {
        Map<String, String> answersB = new LinkedHashMap<>();
        for (ProfileItem it : b) {
            if (it.sampleIdx() == 0) {
                answersB.put(it.itemKey(), it.text());
            }
        }
        List<Matchup> out = new ArrayList<>();
        for (ProfileItem it : a) {
            if (it.sampleIdx() == 0
                    && answersB.containsKey(it.itemKey())
                    && promptTexts.containsKey(it.itemKey())) {
                out.add(
                        new Matchup(
                                it.itemKey(),
                                promptTexts.get(it.itemKey()),
                                it.text(),
                                answersB.get(it.itemKey())));
            }
        }
        return out;
    }
}
