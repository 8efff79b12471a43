package org.heirloom.prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Named splits as fractions, e.g. {@code train=0.9,eval=0.1}. Prompts are shuffled with the seed
 * and cut in order: the first split takes {@code round(f*n)} prompts, the next likewise, and the
 * last takes the rest, so that every prompt lands in exactly one split.
 */
public record SplitSpec(Map<String, Double> fractions, long seed) {

    public SplitSpec {
        fractions = Collections.unmodifiableMap(new LinkedHashMap<>(fractions));
        double sum = 0;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("split name '" + e.getKey() + "' is not a word");
            }
            if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw new IllegalArgumentException(
                        "split '"
                                + e.getKey()
                                + "' fraction must be in [0, 1], got "
                                + e.getValue());
            }
            sum += e.getValue();
        }
        if (!fractions.isEmpty() && Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions must add up to 1, got " + sum);
        }
    }

    /** Everything in {@code train}. */
    public static SplitSpec none() {
        return new SplitSpec(Map.of(), 0);
    }

    /** Parses {@code train=0.9,eval=0.1}. */
    public static SplitSpec parse(String text, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "split '"
                                + part.strip()
                                + "' is not NAME=FRACTION (e.g. train=0.9,eval=0.1)");
            }
            try {
                out.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "split '" + kv[0].strip() + "': '" + kv[1].strip() + "' is not a number");
            }
        }
        return new SplitSpec(out, seed);
    }

    /** The split of each of {@code n} prompts, by position. */
    public List<String> assign(int n) {
        List<String> out = new ArrayList<>(Collections.nCopies(n, "train"));
        if (fractions.isEmpty() || n == 0) {
            return out;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Map.Entry<String, Double>> entries = new ArrayList<>(fractions.entrySet());
        int pos = 0;
        for (int s = 0; s < entries.size(); s++) {
            int take =
                    s == entries.size() - 1
                            ? n - pos
                            : (int) Math.min(n - pos, Math.round(entries.get(s).getValue() * n));
            for (int j = 0; j < take; j++) {
                out.set(order.get(pos++), entries.get(s).getKey());
            }
        }
        return out;
    }
}
