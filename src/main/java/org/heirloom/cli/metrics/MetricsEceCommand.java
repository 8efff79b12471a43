package org.heirloom.cli.metrics;

import java.nio.file.Path;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;

/** {@code heirloom metrics ece --input FILE}: ECE of predictions made elsewhere. */
@Command(
        name = "ece",
        mixinStandardHelpOptions = true,
        description = {
            "Expected calibration error of multiple-choice predictions made elsewhere.",
            "Input: JSONL rows {\"probs\": [...], \"label\": i}. Output (JSON): ece_10, ece_1"
                    + " (top-label, equal-mass bins, as uncertainty-calibration's get_ece_em), accuracy, n."
        })
final class MetricsEceCommand extends OfflineMetricCommand {

    @Override
    Object compute(Path file) throws Exception {
        return OfflineMetrics.ece(file);
    }
}
