package org.heirloom.score;

import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a metric as stored with every score: stable name, definition version and
 * parameters. Two scores are comparable only if their ids are equal, so a changed definition gets a
 * new version and never mixes silently with old numbers.
 *
 * @param name stable identifier used by the CLI, recipes, UI and exports ({@code mtld})
 * @param version version of the definition ({@code "1"}); bump when numbers would change
 * @param params parameters that change the numbers ({@code threshold=0.72}), sorted by key
 */
public record MetricId(String name, String version, Map<String, String> params) {

    public MetricId {
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static MetricId of(String name, String version) {
        return new MetricId(name, version, Map.of());
    }

    /** Parameters as canonical JSON (keys sorted), as stored in the project's metric table. */
    public String paramsJson() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
