package org.heirloom.cli.export;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import org.heirloom.run.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom export-candidates PROJECT --run RUN --out FILE.jsonl}. */
@Command(
        name = "export-candidates",
        mixinStandardHelpOptions = true,
        description = "Write every candidate of a run with all its scores, one JSON line each.")
public final class ExportCandidatesCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(names = "--run", required = true, description = "Run name.")
    String run;

    @Option(names = "--out", required = true, description = "JSONL file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        long n;
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            n = new Exporter(p).exportCandidates(run, out);
        }
        spec.commandLine().getOut().println("Wrote " + n + " candidates to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
