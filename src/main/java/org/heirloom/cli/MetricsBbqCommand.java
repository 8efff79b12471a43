package org.heirloom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.profile.OfflineMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
final class MetricsBbqCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSONL rows.")
    Path input;

    @Override
    public Integer call() throws Exception {
        spec.commandLine()
                .getOut()
                .println(new ObjectMapper().writeValueAsString(OfflineMetrics.bbq(input)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
