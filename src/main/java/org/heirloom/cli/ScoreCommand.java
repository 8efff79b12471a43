package org.heirloom.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.MetricSpec;
import org.heirloom.score.io.JsonlScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom score --input IN.jsonl --output OUT.jsonl --metrics mtld,words,...}. The file
 * mode is one source of texts; a project mode (positional PROJECT with --run) can be added beside
 * it, which is why --input is an option and not required by picocli.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score texts with metrics (see 'heirloom metrics').",
            "Reads JSONL objects and writes each with one added field per metric."
        })
final class ScoreCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

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
        if (input == null) {
            throw new UserInputException("score: give --input IN.jsonl (and --output OUT.jsonl)");
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
                            new JobContext(
                                    new StderrProgress(spec.commandLine().getErr()),
                                    new CancellationToken()));
            spec.commandLine()
                    .getOut()
                    .printf("Scored %d texts with %d metrics -> %s%n", count, names.size(), output);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            resolved.forEach(Metric::close);
        }
    }

    /** Percent of input bytes read, on stderr, at most once a second (results go to stdout). */
    static final class StderrProgress implements Progress {
        private final java.io.PrintWriter err;
        private long total;
        private long done;
        private long lastPrint = System.nanoTime();
        private String message = "";

        StderrProgress(java.io.PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void start(long total, String message) {
            this.total = total;
            this.done = 0;
            this.message = message;
        }

        @Override
        public synchronized void advance(long units) {
            done += units;
            long now = System.nanoTime();
            if (now - lastPrint > 1_000_000_000L && total > 0) {
                lastPrint = now;
                err.printf("%s: %d%%%n", message, Math.min(100, done * 100 / total));
                err.flush();
            }
        }

        @Override
        public synchronized void message(String message) {
            this.message = message;
        }
    }
}
