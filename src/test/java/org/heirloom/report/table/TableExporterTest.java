package org.heirloom.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableExporterTest {

    static final Table TABLE =
            new Table(
                    "Shift vs baseline (95% CI)",
                    List.of("model", "MTLD", "Δ words"),
                    List.of(
                            List.of("max:mtld_v2", "55.1 [51.0, 59.2]", "+4.1"),
                            List.of("teacher, big", "62.0", "−3")));

    @Test
    void csvQuotesWhereNeeded() {
        assertEquals(
                "model,MTLD,Δ words\r\nmax:mtld_v2,\"55.1 [51.0, 59.2]\",+4.1\r\n\"teacher, big\",62.0,−3\r\n",
                TableExporter.csv(TABLE));
    }

    @Test
    void latexUsesBooktabsAndEscapes() {
        assertEquals(
                "\\begin{table}[t]\n\\centering\n\\begin{tabular}{lrr}\n\\toprule\n"
                        + "model & MTLD & Δ words \\\\\n\\midrule\n"
                        + "max:mtld\\_v2 & 55.1 [51.0, 59.2] & +4.1 \\\\\n"
                        + "teacher, big & 62.0 & $-$3 \\\\\n"
                        + "\\bottomrule\n\\end{tabular}\n\\caption{Shift vs baseline (95\\% CI)}\n\\end{table}\n",
                TableExporter.latex(TABLE));
    }

    @Test
    void markdownAlignsNumbersRight() {
        assertEquals(
                "| model | MTLD | Δ words |\n|---|---:|---:|\n| max:mtld_v2 | 55.1 [51.0, 59.2] | +4.1 |\n| teacher, big | 62.0 | −3 |\n",
                TableExporter.markdown(TABLE));
    }
}
