package org.heirloom.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.report.chart.ChartSpec;
import org.heirloom.report.chart.Figure;
import org.heirloom.report.chart.FigureExporter;
import org.heirloom.report.chart.FigureFormat;
import org.heirloom.report.chart.FigurePreset;
import org.heirloom.report.table.NamedTable;
import org.heirloom.report.table.TableExporter;

/**
 * Writes every comparison of a project as paper figures and tables, with {@code index.json} saying
 * what each file shows: the headless form of the comparison dashboard.
 */
public final class DashboardExport {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DashboardExport() {}

    /** Returns the number of files written (index included). */
    public static int export(
            Project project,
            Path outDir,
            List<FigureFormat> formats,
            FigurePreset preset,
            JobContext ctx)
            throws IOException {
        List<Dashboard.Panel> panels = Dashboard.build(project, ctx);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException(
                    project.file()
                            + ": nothing to chart yet: no suite has complete profiles of two or"
                            + " more models, and there are no scored selections or training"
                            + " curves");
        }
        Files.createDirectories(outDir);
        ObjectNode index = JSON.createObjectNode();
        index.put("project", project.file().toString());
        index.put("preset", preset.name());
        index.put("width_in", preset.widthInches());
        index.put("height_in", preset.heightInches());
        ArrayNode panelList = index.putArray("panels");
        ArrayNode files = index.putArray("files");
        int written = 0;
        long total = 0;
        for (Dashboard.Panel p : panels) {
            total += (long) p.figures().size() * formats.size() + 3L * p.tables().size();
        }
        ctx.progress().start(total, "files");
        for (Dashboard.Panel panel : panels) {
            ObjectNode pn = panelList.addObject();
            pn.put("panel", panel.key());
            pn.put("title", panel.title());
            ArrayNode arms = pn.putArray("arms");
            panel.arms().forEach(arms::add);
            ArrayNode warnings = pn.putArray("warnings");
            panel.warnings().forEach(warnings::add);
            for (Figure f : panel.figures()) {
                for (FigureFormat fmt : formats) {
                    ctx.checkCancelled();
                    String file = f.name() + "." + fmt.extension();
                    FigureExporter.export(f.spec(), preset, fmt, outDir.resolve(file));
                    ObjectNode entry = files.addObject();
                    entry.put("file", file);
                    entry.put("kind", "figure");
                    entry.put("format", fmt.extension());
                    entry.put("panel", panel.key());
                    entry.put("chart", chartKind(f.spec()));
                    describe(entry, f.suite(), f.attribute(), f.description());
                    written++;
                    ctx.progress().advance(1);
                }
            }
            for (NamedTable t : panel.tables()) {
                String caption = t.table().caption();
                for (String[] fmt :
                        new String[][] {
                            {"csv", TableExporter.csv(t.table())},
                            {"tex", TableExporter.latex(t.table())},
                            {"md", TableExporter.markdown(t.table())}
                        }) {
                    String file = t.name() + "." + fmt[0];
                    write(outDir.resolve(file), fmt[1]);
                    ObjectNode entry = files.addObject();
                    entry.put("file", file);
                    entry.put("kind", "table");
                    entry.put("format", fmt[0]);
                    entry.put("panel", panel.key());
                    describe(entry, panel.suite(), null, caption);
                    written++;
                    ctx.progress().advance(1);
                }
            }
        }
        write(outDir.resolve("index.json"), JSON.writeValueAsString(index) + "\n");
        return written + 1;
    }

    private static void describe(ObjectNode entry, String suite, String attribute, String shows) {
        if (suite != null) {
            entry.put("suite", suite);
        }
        if (attribute != null) {
            entry.put("attribute", attribute);
        }
        entry.put("shows", shows);
        AttributeHelp.lookup(suite, attribute).ifPresent(i -> entry.put("definition", i.summary()));
    }

    static String chartKind(ChartSpec spec) {
        if (spec instanceof ChartSpec.Bars) {
            return "bars";
        } else if (spec instanceof ChartSpec.Distribution d) {
            return d.kind() == ChartSpec.Distribution.Kind.HISTOGRAM ? "histogram" : "ecdf";
        } else if (spec instanceof ChartSpec.Lines) {
            return "lines";
        } else if (spec instanceof ChartSpec.Reliability) {
            return "reliability";
        } else if (spec instanceof ChartSpec.Matrix) {
            return "matrix";
        }
        throw new IllegalArgumentException("unknown chart kind " + spec.getClass());
    }

    private static void write(Path f, String content) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
