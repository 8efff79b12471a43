package org.heirloom.score;

import java.util.List;

/**
 * The documentation of a metric, shown by {@code heirloom metrics}, the UI's help and {@code
 * docs/metrics.md}.
 *
 * @param name stable name ({@code mtld})
 * @param version definition version recorded with every score
 * @param summary one-line definition
 * @param definition full definition (formula, tokenisation, edge cases)
 * @param source where the definition comes from (paper, reference implementation)
 * @param caveats known differences and pitfalls
 * @param params parameters the name accepts ({@code mattr(window=50)})
 * @param needs what it needs besides the text
 */
public record MetricInfo(
        String name,
        String version,
        String summary,
        String definition,
        String source,
        String caveats,
        List<Param> params,
        Needs needs) {

    public MetricInfo {
        params = List.copyOf(params);
    }

    /** A parameter accepted in {@code name(key=value,...)}. */
    public record Param(String key, String defaultValue, String description) {}

    /** What a metric needs besides the text; the UI uses it to ask for the right input. */
    public enum Needs {
        TEXT,
        TOKENIZER,
        MODEL,
        NETWORK
    }

    /** The full documentation as plain text ({@code heirloom metrics --details NAME}). */
    public String details() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" (version ").append(version).append(")\n");
        sb.append(summary).append("\n\n");
        sb.append("Definition:\n").append(definition).append("\n\n");
        if (!params.isEmpty()) {
            sb.append("Parameters:\n");
            for (Param p : params) {
                sb.append("  ").append(p.key());
                if (p.defaultValue() != null) {
                    sb.append(" (default ").append(p.defaultValue()).append(")");
                }
                sb.append(": ").append(p.description()).append('\n');
            }
            sb.append('\n');
        }
        sb.append("Source:\n").append(source).append("\n\n");
        sb.append("Caveats:\n").append(caveats).append('\n');
        return sb.toString();
    }
}
