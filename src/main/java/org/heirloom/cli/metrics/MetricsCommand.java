package org.heirloom.cli.metrics;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom metrics}: lists every metric with its one-line definition; {@code --details NAME}
 * prints the full documentation. Subcommands (e.g. calibration or toxicity reports) can be added;
 * this command's own run lists.
 */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        description = "List the metrics that 'heirloom score' and recipes can use.",
        subcommands = {
            MetricsEceCommand.class,
            MetricsToxicityCommand.class,
            MetricsStereosetCommand.class,
            MetricsCrowsCommand.class,
            MetricsBbqCommand.class
        })
public final class MetricsCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--details",
            paramLabel = "NAME",
            description = "Print the full definition, source and caveats of one metric.")
    String details;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MetricRegistry reg = MetricRegistry.standard();
        if (details != null) {
            MetricInfo info =
                    reg.info(details)
                            .orElseThrow(
                                    () ->
                                            new UserInputException(
                                                    "unknown metric '"
                                                            + details
                                                            + "' (see 'heirloom metrics')"));
            out.print(info.details());
        } else {
            int width = 0;
            for (MetricInfo i : reg.list()) {
                width = Math.max(width, i.name().length());
            }
            for (MetricInfo i : reg.list()) {
                out.printf("%-" + width + "s  %s%n", i.name(), i.summary());
            }
        }
        out.flush();
        return 0;
    }
}
