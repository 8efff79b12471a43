package org.heirloom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
final class MetricsCrowsCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSONL rows.")
    Path input;

    @Override
    public Integer call() throws Exception {
        spec.commandLine()
                .getOut()
                .println(new ObjectMapper().writeValueAsString(OfflineMetrics.crows(input)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
