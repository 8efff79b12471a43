package org.heirloom.score;

/** Renders the registry's documentation as Markdown (docs/metrics.md is generated from it). */
public final class MetricsDoc {

    private MetricsDoc() {}

    public static String markdown(MetricRegistry registry) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Metrics\n\n");
        sb.append(
                "Generated from `MetricRegistry.standard()` (the same text as `heirloom metrics"
                        + " --details NAME` and the app's help); do not edit by hand. Every stored"
                        + " score records the metric's name, version and parameters.\n\n");
        sb.append(
                "Use a metric by name, with parameters in parentheses: `mtld`,"
                        + " `mattr(window=50)`, `toxicity(backend=onnx,model=/path)`. Parameter"
                        + " values containing commas can be quoted: `model=\"/a,b\"`.\n\n");
        sb.append("| name | summary |\n|---|---|\n");
        for (MetricInfo i : registry.list()) {
            sb.append("| `")
                    .append(i.name())
                    .append("` | ")
                    .append(cell(i.summary()))
                    .append(" |\n");
        }
        sb.append('\n');
        for (MetricInfo i : registry.list()) {
            sb.append("## `").append(i.name()).append("`\n\n");
            sb.append(i.summary()).append(" Version ").append(i.version());
            sb.append("; needs: ").append(i.needs().name().toLowerCase(java.util.Locale.ROOT));
            sb.append(".\n\n");
            sb.append("**Definition.** ")
                    .append(i.definition().replace("\n", "\n\n"))
                    .append("\n\n");
            if (!i.params().isEmpty()) {
                sb.append("**Parameters.**\n\n");
                for (MetricInfo.Param p : i.params()) {
                    sb.append("- `").append(p.key()).append('`');
                    if (p.defaultValue() != null) {
                        sb.append(" (default `").append(p.defaultValue()).append("`)");
                    }
                    sb.append(": ").append(p.description()).append('\n');
                }
                sb.append('\n');
            }
            sb.append("**Source.** ").append(i.source()).append("\n\n");
            sb.append("**Caveats.** ").append(i.caveats()).append("\n\n");
        }
        sb.append(org.heirloom.score.text.ToolkitCorrespondence.MARKDOWN);
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
