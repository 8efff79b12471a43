package org.heirloom.select;

import java.util.Map;

/**
 * One candidate as selection sees it.
 *
 * @param teacherIndex position of its teacher in the run
 * @param index candidate index within (prompt, teacher)
 * @param scores metric name → value (NaN or absent where undefined)
 */
public record PoolCandidate(
        long candidateId, int teacherIndex, int index, Map<String, Double> scores) {

    public double score(String metric) {
        Double v = scores.get(metric);
        return v == null ? Double.NaN : v;
    }
}
