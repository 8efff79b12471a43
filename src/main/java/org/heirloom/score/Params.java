package org.heirloom.score;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the parameters of a {@link MetricSpec}; unknown keys are an error so that typos
 * never silently fall back to defaults.
 */
public final class Params {

    private final String metric;
    private final Map<String, String> values;
    private final Set<String> used = new HashSet<>();

    public Params(String metric, Map<String, String> values) {
        this.metric = metric;
        this.values = Map.copyOf(values);
    }

    public String string(String key, String def) {
        used.add(key);
        return values.getOrDefault(key, def);
    }

    public String required(String key) {
        used.add(key);
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(
                    "metric '" + metric + "' needs parameter " + key + "=...");
        }
        return v;
    }

    public int integer(String key, int def, int min) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min) {
                throw new IllegalArgumentException(
                        "metric '" + metric + "': " + key + " must be at least " + min);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "metric '" + metric + "': " + key + "=" + v + " is not an integer");
        }
    }

    public double number(String key, double def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "metric '" + metric + "': " + key + "=" + v + " is not a number");
        }
    }

    /** Throws if a parameter was given that no accessor asked for. */
    public void checkAllUsed() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                throw new IllegalArgumentException(
                        "metric '" + metric + "' has no parameter '" + k + "'");
            }
        }
    }
}
