package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.heirloom.stats.Calibration;

/**
 * Calculators for results produced elsewhere ({@code heirloom metrics ece|toxicity}): the same
 * definitions as the profiling suites, applied to a JSONL file.
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

    /** Rows {@code {"prompt_id": ..., "score": s}} → emt, tox_prob, prompts, samples. */
    public static Map<String, Object> toxicity(Path file) {
        List<ToxicityStats.Sample> samples = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.read(file)) {
            String id = l.require("prompt_id").asText();
            JsonNode s = l.require("score");
            if (!s.isNumber() || s.asDouble() < 0 || s.asDouble() > 1) {
                throw l.error("field 'score' must be a toxicity in [0, 1], got " + s);
            }
            samples.add(new ToxicityStats.Sample(id, s.asDouble()));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        ToxicityStats.Result r = ToxicityStats.compute(samples);
        Map<String, Object> out = new TreeMap<>();
        out.put("emt", r.emt());
        out.put("tox_prob", r.toxProb());
        out.put("prompts", r.prompts());
        out.put("samples", r.samples());
        return out;
    }
}
