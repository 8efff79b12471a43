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
import org.heirloom.profile.ComparisonPlan;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.project.Project;

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
        List<ComparisonPlan.Entry> plan = ComparisonPlan.discover(project);
        if (plan.isEmpty()) {
            throw new IllegalArgumentException(
                    project.file()
                            + ": no suite has complete profiles of two or more models to compare");
        }
        Files.createDirectories(outDir);
        ObjectNode index = JSON.createObjectNode();
        index.put("project", project.file().toString());
        index.put("preset", preset.name());
        ArrayNode files = index.putArray("files");
        int written = 0;
        ctx.progress().start(plan.size(), "comparisons");
        for (ComparisonPlan.Entry entry : plan) {
            ctx.checkCancelled();
            ProfileComparison.Report report =
                    ProfileComparison.compareArms(project, entry.arms(), entry.suite());
            for (ComparisonFigures.Figure f : ComparisonFigures.figures(report)) {
                for (FigureFormat fmt : formats) {
                    String file = f.name() + "." + fmt.extension();
                    FigureExporter.export(f.spec(), preset, fmt, outDir.resolve(file));
                    files.addObject()
                            .put("file", file)
                            .put("kind", "figure")
                            .put("suite", entry.suite())
                            .put("shows", f.description());
                    written++;
                }
            }
            Table t = ComparisonFigures.table(report);
            String base = ComparisonFigures.safe(entry.suite() + "-comparison");
            written +=
                    writeTable(
                            outDir,
                            base + ".csv",
                            TableExporter.csv(t),
                            files,
                            entry.suite(),
                            t.caption());
            written +=
                    writeTable(
                            outDir,
                            base + ".tex",
                            TableExporter.latex(t),
                            files,
                            entry.suite(),
                            t.caption());
            written +=
                    writeTable(
                            outDir,
                            base + ".md",
                            TableExporter.markdown(t),
                            files,
                            entry.suite(),
                            t.caption());
            ctx.progress().advance(1);
        }
        write(outDir.resolve("index.json"), JSON.writeValueAsString(index) + "\n");
        return written + 1;
    }

    private static int writeTable(
            Path dir, String file, String content, ArrayNode files, String suite, String caption)
            throws IOException {
        write(dir.resolve(file), content);
        files.addObject()
                .put("file", file)
                .put("kind", "table")
                .put("suite", suite)
                .put("shows", caption);
        return 1;
    }

    private static void write(Path f, String content) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
