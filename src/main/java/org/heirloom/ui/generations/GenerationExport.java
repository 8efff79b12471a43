package org.heirloom.ui.generations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.heirloom.project.GenerationRow;

/** Rows of the generations view as CSV (RFC 4180), TSV (clipboard) and JSON lines. */
final class GenerationExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIXED =
            List.of("arm", "replicate", "model", "prompt_key", "sample", "prompt", "text");

    private GenerationExport() {}

    static String csvHeader(List<String> metrics) {
        StringBuilder sb = new StringBuilder(String.join(",", FIXED));
        metrics.forEach(m -> sb.append(',').append(csv(m)));
        return sb.append("\r\n").toString();
    }

    static String csvLine(GenerationRow r, List<String> metrics) {
        StringBuilder sb = new StringBuilder();
        sb.append(csv(r.arm())).append(',').append(r.replicate()).append(',');
        sb.append(csv(r.model())).append(',').append(csv(r.itemKey())).append(',');
        sb.append(r.sample()).append(',').append(csv(r.prompt())).append(',').append(csv(r.text()));
        for (String m : metrics) {
            sb.append(',').append(number(r.metric(m)));
        }
        return sb.append("\r\n").toString();
    }

    /** Tabs and line breaks inside texts become spaces: one row per line when pasted. */
    static String tsvLine(GenerationRow r, List<String> metrics) {
        StringBuilder sb = new StringBuilder();
        for (Object o :
                List.of(
                        r.arm(),
                        r.replicate(),
                        r.model(),
                        r.itemKey(),
                        r.sample(),
                        r.prompt(),
                        r.text())) {
            sb.append(String.valueOf(o).replaceAll("[\\t\\r\\n]+", " ")).append('\t');
        }
        for (String m : metrics) {
            sb.append(number(r.metric(m))).append('\t');
        }
        sb.setLength(sb.length() - 1);
        return sb.append('\n').toString();
    }

    static String jsonLine(GenerationRow r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("arm", r.arm());
        o.put("replicate", r.replicate());
        o.put("model", r.model());
        o.put("prompt_key", r.itemKey());
        o.put("sample", r.sample());
        o.put("prompt", r.prompt());
        o.put("text", r.text());
        ObjectNode m = o.putObject("metrics");
        r.metrics()
                .forEach(
                        (k, v) -> {
                            if (v == null || v.isNaN()) {
                                m.putNull(k);
                            } else {
                                m.put(k, v);
                            }
                        });
        return o.toString() + "\n";
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%s", v);
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
