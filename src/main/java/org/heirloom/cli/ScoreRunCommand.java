package org.heirloom.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import org.heirloom.run.MetricResolver;
import org.heirloom.run.ScoringStage;
import org.heirloom.score.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Project-mode scoring: {@code score PROJECT --run RUN --metrics LIST}. Registered as {@code
 * score-run} until it is merged into the {@code score} command.
 */
@Command(
        name = "score-run",
        mixinStandardHelpOptions = true,
        description = "Score a run's candidates; computes only scores still missing.")
public final class ScoreRunCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(names = "--run", required = true, description = "Run name.")
    String run;

    @Option(
            names = "--metrics",
            required = true,
            split = ",",
            description = "Comma-separated metric names.")
    List<String> metrics;

    @Option(
            names = "--batch",
            defaultValue = "256",
            description = "Texts per batch (one transaction each).")
    int batch;

    @Override
    public Integer call() {
        MetricResolver resolver = MetricResolver.current();
        List<Metric> ms = new ArrayList<>();
        Map<String, Long> done;
        try (Project p = Project.open(project)) {
            for (String m : metrics) {
                ms.add(resolver.resolve(m.strip()));
            }
            done =
                    new ScoringStage(p, batch)
                            .score(run, ms, CliJobs.context(spec.commandLine().getErr()));
        } finally {
            for (Metric m : ms) {
                m.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<String, Long> e : done.entrySet()) {
            out.printf("%s: %d scores computed%n", e.getKey(), e.getValue());
        }
        out.flush();
        return 0;
    }
}
