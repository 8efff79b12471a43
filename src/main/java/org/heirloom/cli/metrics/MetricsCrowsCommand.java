package org.heirloom.cli.metrics;

import java.nio.file.Path;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;

/**
 * {@code heirloom metrics crows --input FILE}: the suite's definition applied to results from
 * elsewhere.
 */
@Command(
        name = "crows",
        mixinStandardHelpOptions = true,
        description = {
            "CrowS-Pairs metric of sentence scores computed elsewhere.",
            "Input: JSONL rows {\"bias_type\", \"sent_more\": score, \"sent_less\": score}. Output (JSON): metric (% of pairs whose more stereotypical sentence scores higher; ties are no preference), pairs, and by_bias_type."
        })
final class MetricsCrowsCommand extends OfflineMetricCommand {

    @Override
    Object compute(Path file) throws Exception {
        return OfflineMetrics.crows(file);
    }
}
