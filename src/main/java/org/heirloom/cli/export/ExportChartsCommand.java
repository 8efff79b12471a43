package org.heirloom.cli.export;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.cli.ConsoleProgress;
import org.heirloom.cli.UserInputException;
import org.heirloom.project.Project;
import org.heirloom.report.DashboardExport;
import org.heirloom.report.chart.FigureFormat;
import org.heirloom.report.chart.FigurePreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom export-charts PROJECT --out DIR [--formats png,svg,pdf] [--preset
 * single|double]}.
 */
@Command(
        name = "export-charts",
        mixinStandardHelpOptions = true,
        description = {
            "Write the comparison dashboard's panels as paper figures (PNG 300 dpi, SVG, PDF) and"
                    + " tables (CSV, LaTeX booktabs, Markdown), with index.json describing each"
                    + " file: per suite, means with 95%% CIs, %% change vs baseline, distributions"
                    + " (histogram, ECDF), reliability diagrams and bias per category; pool vs"
                    + " selected per selection; judge win rates; training loss curves. A panel"
                    + " appears only when the project has its data.",
            "Arms: models with complete profiles of a suite; NAME-r0, NAME-r1, ... are replicates of"
                    + " arm NAME; an arm named *baseline* or *random* is the baseline."
        })
public final class ExportChartsCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder to write into.")
    Path out;

    @Option(
            names = "--formats",
            split = ",",
            defaultValue = "png,svg,pdf",
            description = "Figure formats (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(
            names = "--preset",
            defaultValue = "single",
            description = "single (3.3 in) or double (6.8 in) column (default: ${DEFAULT-VALUE}).")
    String preset;

    @Override
    public Integer call() throws Exception {
        List<FigureFormat> fmts = formats.stream().map(FigureFormat::parse).toList();
        FigurePreset p = FigurePreset.named(preset);
        int n;
        try (Project proj = Project.open(project, Project.Mode.READ_ONLY)) {
            n =
                    DashboardExport.export(
                            proj,
                            out,
                            fmts,
                            p,
                            ConsoleProgress.context(spec.commandLine().getErr()));
        } catch (IllegalStateException e) {
            // The charts are built from stored rows; rows that contradict each other (a
            // comparison naming a missing model, unreadable stored JSON) are the file's problem.
            throw new UserInputException(
                    project + ": inconsistent data, charts not written (" + e.getMessage() + ")");
        }
        spec.commandLine()
                .getOut()
                .println("Wrote " + n + " files to " + out + " (see index.json)");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
