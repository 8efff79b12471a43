package org.heirloom.cli.metrics;

import java.nio.file.Path;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;

/**
 * {@code heirloom metrics bbq --input FILE}: the suite's definition applied to results from
 * elsewhere.
 */
@Command(
        name = "bbq",
        mixinStandardHelpOptions = true,
        description = {
            "BBQ accuracy and bias scores of answers chosen elsewhere.",
            "Input: JSONL rows {\"example\": {a BBQ row as released}, \"prediction\": i}. Output (JSON) per category and \"all\": accuracy, accuracy_ambiguous, accuracy_disambiguated, s_dis, s_amb, questions."
        })
final class MetricsBbqCommand extends OfflineMetricCommand {

    @Override
    Object compute(Path file) throws Exception {
        return OfflineMetrics.bbq(file);
    }
}
