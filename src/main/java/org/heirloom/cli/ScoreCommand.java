package org.heirloom.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.MetricSpec;
import org.heirloom.score.io.JsonlScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom score --input IN.jsonl --output OUT.jsonl --metrics mtld,words,...} scores a
 * file; {@code heirloom score PROJECT --run RUN --metrics LIST} scores a run's candidates in the
 * project, computing only the scores still missing.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score texts with metrics (see 'heirloom metrics').",
            "File mode (--input/--output): reads JSONL objects and writes each with one added"
                    + " field per metric.",
            "Project mode (PROJECT --run RUN): scores the run's candidates, computing only the"
                    + " scores still missing; each batch is committed as it finishes."
        })
final class ScoreCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PROJECT",
            description = "Project file (project mode; needs --run).")
    Path project;

    @Option(names = "--run", paramLabel = "RUN", description = "Run whose candidates to score.")
    String run;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "256",
            description =
                    "Project mode: texts per batch, one transaction each (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--input", paramLabel = "IN.jsonl", description = "JSONL file to score.")
    Path input;

    @Option(
            names = "--output",
            paramLabel = "OUT.jsonl",
            description = "JSONL file to write (replaced atomically).")
    Path output;

    @Option(
            names = "--metrics",
            paramLabel = "LIST",
            required = true,
            description =
                    "Comma-separated metrics, with parameters in parentheses, e.g."
                            + " mtld,words,mattr(window=50),toxicity.")
    String metrics;

    @Option(
            names = "--text-field",
            paramLabel = "NAME",
            defaultValue = "text",
            description = "Field holding the text (default: ${DEFAULT-VALUE}).")
    String textField;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Worker threads for text metrics (default: available processors).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new UserInputException("--threads must be between 1 and 1024, got " + threads);
        }
        if (project != null) {
            return scoreProject();
        }
        if (run != null) {
            throw new UserInputException("score: --run needs the PROJECT file before it");
        }
        if (input == null) {
            throw new UserInputException(
                    "score: give --input IN.jsonl --output OUT.jsonl, or PROJECT --run RUN");
        }
        if (output == null) {
            throw new UserInputException("score: give --output OUT.jsonl");
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new UserInputException("score: --output must differ from --input");
        }
        List<MetricSpec> specs = MetricSpec.parseList(metrics);
        if (specs.isEmpty()) {
            throw new UserInputException("score: --metrics is empty");
        }
        List<String> names = new ArrayList<>();
        for (MetricSpec s : specs) {
            if (names.contains(s.text())) {
                throw new UserInputException("score: metric '" + s.text() + "' given twice");
            }
            names.add(s.text());
        }
        MetricRegistry registry =
                MetricRegistry.standard()
                        .withLogLikelihoodSource(
                                new org.heirloom.score.model.EngineLogLikelihood());
        List<Metric> resolved = new ArrayList<>();
        try {
            for (MetricSpec s : specs) {
                resolved.add(registry.resolve(s));
            }
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            long count =
                    JsonlScorer.run(
                            new JsonlScorer.Request(
                                    input, output, textField, names, resolved, Math.max(1, n)),
                            ConsoleProgress.context(spec.commandLine().getErr()));
            spec.commandLine()
                    .getOut()
                    .printf("Scored %d texts with %d metrics -> %s%n", count, names.size(), output);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            resolved.forEach(Metric::close);
        }
    }

    private int scoreProject() {
        if (run == null) {
            throw new UserInputException("score: project mode needs --run RUN");
        }
        if (input != null || output != null) {
            throw new UserInputException(
                    "score: give either PROJECT --run RUN or --input/--output");
        }
        List<MetricSpec> specs = MetricSpec.parseList(metrics);
        if (specs.isEmpty()) {
            throw new UserInputException("score: --metrics is empty");
        }
        org.heirloom.run.MetricResolver resolver = org.heirloom.run.MetricResolver.standard();
        List<org.heirloom.score.Metric> resolved = new ArrayList<>();
        java.util.Map<String, Long> done;
        try (org.heirloom.project.Project p = org.heirloom.project.Project.open(project)) {
            for (MetricSpec m : specs) {
                resolved.add(resolver.resolve(m.text()));
            }
            done =
                    new org.heirloom.run.ScoringStage(p, batch)
                            .score(
                                    run,
                                    resolved,
                                    ConsoleProgress.context(spec.commandLine().getErr()));
        } finally {
            resolved.forEach(org.heirloom.score.Metric::close);
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        done.forEach((name, n) -> out.printf("%s: %d scores computed%n", name, n));
        out.flush();
        return 0;
    }
}
