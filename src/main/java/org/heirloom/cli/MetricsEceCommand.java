package org.heirloom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code heirloom metrics ece --input FILE}: ECE of predictions made elsewhere. */
@Command(
        name = "ece",
        mixinStandardHelpOptions = true,
        description = {
            "Expected calibration error of multiple-choice predictions made elsewhere.",
            "Input: JSONL rows {\"probs\": [...], \"label\": i}. Output (JSON): ece_10, ece_1"
                    + " (top-label, equal-mass bins, as uncertainty-calibration's get_ece_em), accuracy, n."
        })
final class MetricsEceCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "JSONL predictions.")
    Path input;

    @Override
    public Integer call() throws Exception {
        spec.commandLine()
                .getOut()
                .println(new ObjectMapper().writeValueAsString(OfflineMetrics.ece(input)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
