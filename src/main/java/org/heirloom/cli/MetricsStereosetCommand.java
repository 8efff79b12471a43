package org.heirloom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom metrics stereoset --input FILE}: the suite's definition applied to results from
 * elsewhere.
 */
@Command(
        name = "stereoset",
        mixinStandardHelpOptions = true,
        description = {
            "StereoSet stereotype score, LM score and ICAT of sentence scores computed elsewhere.",
            "Input: JSONL rows {\"target\", \"bias_type\", \"context_type\", \"scores\": {\"stereotype\", \"anti-stereotype\", \"unrelated\"}}. Output (JSON): ss, lms, icat (0-100; intrasentence rows, means over target terms as the profiling toolkit) overall and under by_bias_type."
        })
final class MetricsStereosetCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSONL rows.")
    Path input;

    @Override
    public Integer call() throws Exception {
        spec.commandLine()
                .getOut()
                .println(new ObjectMapper().writeValueAsString(OfflineMetrics.stereoset(input)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
