package org.heirloom.report.table;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Tables as CSV (RFC 4180), LaTeX (booktabs) and Markdown (GitHub pipes). */
public final class TableExporter {

    private TableExporter() {}

    public static String csv(Table t) {
        StringBuilder sb = new StringBuilder();
        appendCsvRow(sb, t.header());
        for (List<String> row : t.rows()) {
            appendCsvRow(sb, row);
        }
        return sb.toString();
    }

    private static void appendCsvRow(StringBuilder sb, List<String> cells) {
        sb.append(cells.stream().map(TableExporter::csvCell).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** A booktabs table; text columns left-aligned, numeric columns right-aligned. */
    public static String latex(Table t) {
        StringBuilder spec = new StringBuilder();
        for (int c = 0; c < t.header().size(); c++) {
            spec.append(isNumericColumn(t, c) ? 'r' : 'l');
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\\begin{table}[t]\n\\centering\n");
        sb.append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
        sb.append(
                        t.header().stream()
                                .map(TableExporter::latexEscape)
                                .collect(Collectors.joining(" & ")))
                .append(" \\\\\n\\midrule\n");
        for (List<String> row : t.rows()) {
            sb.append(
                            row.stream()
                                    .map(TableExporter::latexEscape)
                                    .collect(Collectors.joining(" & ")))
                    .append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        sb.append("\\caption{").append(latexEscape(t.caption())).append("}\n\\end{table}\n");
        return sb.toString();
    }

    static String latexEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '±' -> sb.append("$\\pm$");
                case '−' -> sb.append("$-$");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    public static String markdown(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ")
                .append(
                        t.header().stream()
                                .map(TableExporter::mdCell)
                                .collect(Collectors.joining(" | ")))
                .append(" |\n");
        sb.append('|');
        for (int c = 0; c < t.header().size(); c++) {
            sb.append(isNumericColumn(t, c) ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> row : t.rows()) {
            sb.append("| ")
                    .append(
                            row.stream()
                                    .map(TableExporter::mdCell)
                                    .collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static boolean isNumericColumn(Table t, int c) {
        if (t.rows().isEmpty()) {
            return false;
        }
        for (List<String> row : t.rows()) {
            String v = row.get(c).trim().toLowerCase(Locale.ROOT);
            if (!v.isEmpty() && !v.matches("[-+−]?[0-9.,]+(e[-+]?[0-9]+)?%?( ?[\\[(±].*)?")) {
                return false;
            }
        }
        return true;
    }
}
