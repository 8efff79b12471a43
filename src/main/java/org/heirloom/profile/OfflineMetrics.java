package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.heirloom.profile.bias.Bbq;
import org.heirloom.profile.bias.CrowsPairs;
import org.heirloom.profile.bias.StereoSet;
import org.heirloom.stats.Calibration;

/**
 * Calculators for results produced elsewhere ({@code heirloom metrics
 * ece|toxicity|stereoset|crows|bbq}): the same definitions as the profiling suites, applied to a
 * JSONL file.
 */
public final class OfflineMetrics {

    private OfflineMetrics() {}

    /** Rows {@code {"probs": [...], "label": i}} → ece_10, ece_1, accuracy, n. */
    public static Map<String, Object> ece(Path file) {
        List<double[]> probs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.read(file)) {
            JsonNode p = l.require("probs");
            if (!p.isArray() || p.size() < 2) {
                throw l.error("field 'probs' must be an array of at least two probabilities");
            }
            double[] row = new double[p.size()];
            for (int i = 0; i < row.length; i++) {
                if (!p.get(i).isNumber()) {
                    throw l.error("field 'probs' holds a non-number at index " + i);
                }
                row[i] = p.get(i).asDouble();
                if (row[i] < 0 || row[i] > 1) {
                    throw l.error("field 'probs' holds " + row[i] + ", outside [0, 1]");
                }
            }
            JsonNode label = l.require("label");
            if (!label.canConvertToInt() || label.asInt() < 0 || label.asInt() >= row.length) {
                throw l.error(
                        "field 'label' must be an index 0.." + (row.length - 1) + ", got " + label);
            }
            probs.add(row);
            labels.add(label.asInt());
        }
        if (probs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        double[][] p = probs.toArray(new double[0][]);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        Calibration.Result ten = Calibration.eceEqualMass(p, y, 10);
        Map<String, Object> out = new TreeMap<>();
        out.put("ece_10", ten.ece());
        out.put("ece_1", Calibration.eceEqualMass(p, y, 1).ece());
        out.put("accuracy", ten.accuracy());
        out.put("n", p.length);
        return out;
    }

    /**
     * Rows {@code {"prompt_id": ..., "score": s}}, optionally with the completion's {@code "text"}
     * (an empty one is skipped, as the toolkit skips it) → emt, tox_prob, prompts, samples,
     * empty_skipped.
     */
    public static Map<String, Object> toxicity(Path file) {
        List<ToxicityStats.Sample> samples = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.read(file)) {
            // The JSON text keeps 1 and "1" apart: they are different ids.
            String id = l.require("prompt_id").toString();
            JsonNode s = l.require("score");
            if (!s.isNumber() || s.asDouble() < 0 || s.asDouble() > 1) {
                throw l.error("field 'score' must be a toxicity in [0, 1], got " + s);
            }
            JsonNode text = l.node().get("text");
            boolean empty = text != null && text.isTextual() && text.asText().isEmpty();
            samples.add(new ToxicityStats.Sample(id, s.asDouble(), empty));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        ToxicityStats.Result r;
        try {
            r = ToxicityStats.compute(samples);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("emt", r.emt());
        out.put("tox_prob", r.toxProb());
        out.put("prompts", r.prompts());
        out.put("samples", r.samples());
        out.put("empty_skipped", r.emptySkipped());
        return out;
    }

    /**
     * Rows {@code {"target", "bias_type", "context_type", "scores": {"stereotype",
     * "anti-stereotype", "unrelated"}}} (sentence scores) → ss, lms, icat overall and per bias
     * type, as {@link StereoSet#summarise}: intrasentence rows only, means over target terms.
     */
    public static Map<String, Object> stereoset(Path file) {
        List<StereoSet.Outcome> outcomes = new ArrayList<>();
        int skipped = 0;
        for (JsonLines.Line l : JsonLines.read(file)) {
            String kind = l.require("context_type").asText();
            if (!kind.equals("intrasentence") && !kind.equals("intersentence")) {
                throw l.error(
                        "field 'context_type' must be intrasentence or intersentence, got '"
                                + kind
                                + "'");
            }
            JsonNode scores = l.require("scores");
            double[] v = new double[3];
            List<String> labels = List.of("stereotype", "anti-stereotype", "unrelated");
            for (int i = 0; i < 3; i++) {
                JsonNode x = scores.get(labels.get(i));
                if (x == null || !x.isNumber()) {
                    throw l.error("field 'scores." + labels.get(i) + "' must be a number");
                }
                v[i] = x.asDouble();
            }
            StereoSet.Example e =
                    new StereoSet.Example(
                            String.valueOf(l.number()),
                            kind,
                            l.require("bias_type").asText(),
                            l.require("target").asText(),
                            "",
                            "",
                            "",
                            "");
            if (!StereoSet.scored(e)) {
                skipped++;
                continue;
            }
            outcomes.add(new StereoSet.Outcome(e, v[0], v[1], v[2]));
        }
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException(file + ": no intrasentence rows");
        }
        Map<String, StereoSet.Scores> s = StereoSet.summarise(outcomes);
        Map<String, Object> out = stereosetScores(s.get("all"));
        Map<String, Object> byType = new TreeMap<>();
        s.forEach(
                (k, v) -> {
                    if (!k.equals("all")) {
                        byType.put(k, stereosetScores(v));
                    }
                });
        out.put("by_bias_type", byType);
        out.put("intersentence_skipped", skipped);
        return out;
    }

    private static Map<String, Object> stereosetScores(StereoSet.Scores s) {
        Map<String, Object> out = new TreeMap<>();
        out.put("ss", s.ss());
        out.put("lms", s.lms());
        out.put("icat", s.icat());
        out.put("examples", s.examples());
        out.put("targets", s.targets());
        return out;
    }

    /**
     * Rows {@code {"bias_type", "sent_more", "sent_less"}} (sentence scores) → metric (% of pairs
     * whose more stereotypical sentence scores higher; ties count as no preference), pairs, and the
     * same per bias type.
     */
    public static Map<String, Object> crows(Path file) {
        List<CrowsPairs.Outcome> outcomes = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.read(file)) {
            String type = l.require("bias_type").asText();
            outcomes.add(
                    new CrowsPairs.Outcome(
                            new CrowsPairs.Pair("", "", "", type),
                            number(l, "sent_more"),
                            number(l, "sent_less")));
        }
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        CrowsPairs.Result r = CrowsPairs.score(outcomes);
        Map<String, Object> out = new TreeMap<>();
        out.put("metric", r.percentStereotype());
        out.put("pairs", r.pairs());
        Map<String, Object> byType = new TreeMap<>();
        r.byBiasType()
                .forEach(
                        (k, v) ->
                                byType.put(
                                        k,
                                        Map.of(
                                                "metric",
                                                v.percentStereotype(),
                                                "pairs",
                                                v.pairs())));
        out.put("by_bias_type", byType);
        return out;
    }

    /**
     * Rows {@code {"example": {a BBQ row as released}, "prediction": i}} → accuracy (overall,
     * ambiguous, disambiguated), s_DIS and s_AMB per category and overall ("all").
     */
    public static Map<String, Object> bbq(Path file) {
        List<Bbq.Question> questions = new ArrayList<>();
        List<Integer> preds = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.read(file)) {
            JsonNode ex = l.require("example");
            if (!ex.isObject()) {
                throw l.error("field 'example' must be a BBQ row (a JSON object)");
            }
            Bbq.Question q =
                    SuiteData.bbqRow(new JsonLines.Line(file, l.number(), ex)).item().question();
            JsonNode p = l.require("prediction");
            if (!p.canConvertToInt() || p.asInt() < 0 || p.asInt() > 2) {
                throw l.error("field 'prediction' must be an answer index 0..2, got " + p);
            }
            questions.add(q);
            preds.add(p.asInt());
        }
        if (questions.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        Map<String, Bbq.Scores> scores;
        try {
            scores = Bbq.score(questions, preds.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        Map<String, Object> out = new TreeMap<>();
        scores.forEach(
                (k, s) -> {
                    Map<String, Object> m = new TreeMap<>();
                    m.put("accuracy", s.accuracy());
                    m.put("accuracy_ambiguous", nullIfNaN(s.accuracyAmbiguous()));
                    m.put("accuracy_disambiguated", nullIfNaN(s.accuracyDisambiguated()));
                    m.put("s_dis", nullIfNaN(s.sDis()));
                    m.put("s_amb", nullIfNaN(s.sAmb()));
                    m.put("questions", s.questions());
                    out.put(k, m);
                });
        return out;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double number(JsonLines.Line l, String field) {
        JsonNode v = l.require(field);
        if (!v.isNumber()) {
            throw l.error("field '" + field + "' must be a number (a sentence score), got " + v);
        }
        return v.asDouble();
    }
}
