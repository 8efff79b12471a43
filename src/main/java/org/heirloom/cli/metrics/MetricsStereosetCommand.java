package org.heirloom.cli.metrics;

import java.nio.file.Path;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;

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
final class MetricsStereosetCommand extends OfflineMetricCommand {

    @Override
    Object compute(Path file) throws Exception {
        return OfflineMetrics.stereoset(file);
    }
}
