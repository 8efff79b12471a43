package org.heirloom.profile.likelihood;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.job.JobContext;
import org.heirloom.profile.bias.Bbq;
import org.heirloom.profile.bias.BiasSuites;
import org.heirloom.profile.bias.CrowsPairs;
import org.heirloom.profile.bias.MultipleChoice;
import org.heirloom.profile.bias.StereoSet;
import org.heirloom.project.profile.ProfileItem;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;

/**
 * Runs the likelihood suites (calibration, CrowS-Pairs, BBQ) on a model into the project,
 * resumably: items already stored are skipped and every batch of new items is committed as it is
 * done, so a killed run continues where it stopped. Summaries are computed from stored items only.
 */
public final class LikelihoodProfiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMIT_EVERY = 16;

    private LikelihoodProfiles() {}

    public static CalibrationSuite.Report calibration(
            ProfileRepository repo,
            ProfileRecord profile,
            List<MultipleChoice> items,
            ChoiceScorer scorer,
            JobContext ctx) {
        Set<String> done = repo.storedKeys(profile.id());
        ctx.progress().start(items.size(), "calibration items");
        List<ProfileItem> pending = new ArrayList<>();
        for (MultipleChoice item : items) {
            ctx.checkCancelled();
            if (!done.contains(ProfileRepository.key(item.id(), 0))) {
                double[] probs =
                        CalibrationSuite.softmax(
                                scorer.meanLogProbs(item.context(), item.options()));
                ObjectNode data = JSON.createObjectNode();
                data.putPOJO("probs", probs);
                data.put("label", item.label());
                pending.add(
                        new ProfileItem(item.id(), 0, null, probs[item.label()], data.toString()));
                flushIfFull(repo, profile, pending);
            }
            ctx.progress().advance(1);
        }
        flush(repo, profile, pending);
        List<CalibrationSuite.ItemResult> results = new ArrayList<>();
        for (ProfileItem it : repo.items(profile.id())) {
            JsonNode d = read(it.data());
            double[] probs = new double[d.get("probs").size()];
            for (int i = 0; i < probs.length; i++) {
                probs[i] = d.get("probs").get(i).asDouble();
            }
            results.add(
                    new CalibrationSuite.ItemResult(
                            it.itemKey(),
                            probs,
                            d.get("label").asInt(),
                            CalibrationSuite.argmax(probs)));
        }
        CalibrationSuite.Report report = CalibrationSuite.summarise(results);
        ObjectNode summary = JSON.createObjectNode();
        summary.put("items", results.size());
        summary.put("accuracy", report.accuracy());
        summary.put("ece_10", report.ece10());
        summary.put("ece_1", report.ece1());
        repo.complete(profile.id(), summary.toString());
        return report;
    }

    public static CrowsPairs.Result crows(
            ProfileRepository repo,
            ProfileRecord profile,
            List<CrowsPairs.Pair> pairs,
            ChoiceScorer scorer,
            JobContext ctx) {
        Set<String> done = repo.storedKeys(profile.id());
        ctx.progress().start(pairs.size(), "CrowS-Pairs");
        List<ProfileItem> pending = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            ctx.checkCancelled();
            String key = String.format("%06d", i);
            if (!done.contains(ProfileRepository.key(key, 0))) {
                CrowsPairs.Pair p = pairs.get(i);
                double more = scorer.meanLogProb(p.sentMore());
                double less = scorer.meanLogProb(p.sentLess());
                ObjectNode data = JSON.createObjectNode();
                data.put("more", more);
                data.put("less", less);
                data.put("bias_type", p.biasType());
                pending.add(new ProfileItem(key, 0, null, more - less, data.toString()));
                flushIfFull(repo, profile, pending);
            }
            ctx.progress().advance(1);
        }
        flush(repo, profile, pending);
        Map<String, CrowsPairs.Pair> byKey = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            byKey.put(String.format("%06d", i), pairs.get(i));
        }
        List<CrowsPairs.Outcome> outcomes = new ArrayList<>();
        for (ProfileItem it : repo.items(profile.id())) {
            JsonNode d = read(it.data());
            outcomes.add(
                    new CrowsPairs.Outcome(
                            byKey.get(it.itemKey()),
                            d.get("more").asDouble(),
                            d.get("less").asDouble()));
        }
        CrowsPairs.Result result = CrowsPairs.score(outcomes);
        repo.complete(profile.id(), JSON.valueToTree(result).toString());
        return result;
    }

    public static Map<String, Bbq.Scores> bbq(
            ProfileRepository repo,
            ProfileRecord profile,
            List<BiasSuites.BbqItem> items,
            List<String> ids,
            ChoiceScorer scorer,
            JobContext ctx) {
        Set<String> done = repo.storedKeys(profile.id());
        ctx.progress().start(items.size(), "BBQ");
        List<ProfileItem> pending = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ctx.checkCancelled();
            if (!done.contains(ProfileRepository.key(ids.get(i), 0))) {
                BiasSuites.BbqItem item = items.get(i);
                int pred = BiasSuites.bbqPredictions(List.of(item), scorer, JobContext.none())[0];
                pending.add(
                        new ProfileItem(
                                ids.get(i),
                                0,
                                null,
                                pred,
                                "{\"label\":" + item.question().label() + "}"));
                flushIfFull(repo, profile, pending);
            }
            ctx.progress().advance(1);
        }
        flush(repo, profile, pending);
        Map<String, Integer> predictions = new HashMap<>();
        for (ProfileItem it : repo.items(profile.id())) {
            predictions.put(it.itemKey(), (int) it.value());
        }
        int[] preds = new int[items.size()];
        for (int i = 0; i < preds.length; i++) {
            preds[i] = predictions.get(ids.get(i));
        }
        Map<String, Bbq.Scores> scores =
                Bbq.score(items.stream().map(BiasSuites.BbqItem::question).toList(), preds);
        repo.complete(profile.id(), JSON.valueToTree(scores).toString());
        return scores;
    }

    public static Map<String, StereoSet.Scores> stereoset(
            ProfileRepository repo,
            ProfileRecord profile,
            List<StereoSet.Example> examples,
            ChoiceScorer scorer,
            JobContext ctx) {
        Set<String> done = repo.storedKeys(profile.id());
        ctx.progress().start(examples.size(), "StereoSet");
        List<ProfileItem> pending = new ArrayList<>();
        for (StereoSet.Example e : examples) {
            ctx.checkCancelled();
            if (!done.contains(ProfileRepository.key(e.id(), 0))) {
                StereoSet.Outcome o = StereoSet.score(e, scorer);
                ObjectNode data = JSON.createObjectNode();
                data.put("stereotype", o.stereotype());
                data.put("anti", o.anti());
                data.put("unrelated", o.unrelated());
                pending.add(
                        new ProfileItem(
                                e.id(), 0, null, o.stereotype() - o.anti(), data.toString()));
                flushIfFull(repo, profile, pending);
            }
            ctx.progress().advance(1);
        }
        flush(repo, profile, pending);
        Map<String, StereoSet.Example> byId = new HashMap<>();
        examples.forEach(e -> byId.put(e.id(), e));
        List<StereoSet.Outcome> outcomes = new ArrayList<>();
        for (ProfileItem it : repo.items(profile.id())) {
            JsonNode d = read(it.data());
            outcomes.add(
                    new StereoSet.Outcome(
                            byId.get(it.itemKey()),
                            d.get("stereotype").asDouble(),
                            d.get("anti").asDouble(),
                            d.get("unrelated").asDouble()));
        }
        Map<String, StereoSet.Scores> scores = StereoSet.summarise(outcomes);
        repo.complete(profile.id(), JSON.valueToTree(scores).toString());
        return scores;
    }

    private static void flushIfFull(
            ProfileRepository repo, ProfileRecord profile, List<ProfileItem> pending) {
        if (pending.size() >= COMMIT_EVERY) {
            flush(repo, profile, pending);
        }
    }

    private static void flush(
            ProfileRepository repo, ProfileRecord profile, List<ProfileItem> pending) {
        if (!pending.isEmpty()) {
            repo.addItems(profile.id(), pending);
            pending.clear();
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored profile item is not JSON: " + json, e);
        }
    }
}
