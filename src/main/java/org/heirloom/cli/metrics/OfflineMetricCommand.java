package org.heirloom.cli.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shape of every {@code heirloom metrics NAME --input FILE} calculator: read the JSONL a suite
 * defines, apply the suite's definition, print one JSON object.
 */
abstract class OfflineMetricCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSONL rows.")
    Path input;

    /** The metric's JSON-serialisable result for {@code file}. */
    abstract Object compute(Path file) throws Exception;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(compute(input)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
