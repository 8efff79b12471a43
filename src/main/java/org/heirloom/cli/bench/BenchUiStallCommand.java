package org.heirloom.cli.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import org.heirloom.cli.UserInputException;
import org.heirloom.ui.main.UiStallBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code heirloom bench ui-stall}: the longest UI-thread stall while a real job runs. */
@Command(
        name = "ui-stall",
        mixinStandardHelpOptions = true,
        description = {
            "Opens the workbench (headless without a display) and imports a large run from",
            "another project through it, measuring the longest UI-thread stall against the idle",
            "window's (goal: no stall over 100 ms)."
        })
public final class BenchUiStallCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--prompts",
            defaultValue = "2000",
            description = "Prompts of the imported run. Default: ${DEFAULT-VALUE}.")
    int prompts;

    @Option(
            names = "--k",
            defaultValue = "8",
            description = "Candidates per prompt. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(
            names = "--idle-ms",
            defaultValue = "1000",
            description = "Idle baseline duration. Default: ${DEFAULT-VALUE}.")
    long idleMs;

    @Override
    public Integer call() throws Exception {
        if (prompts < 1 || k < 1) {
            throw new UserInputException("--prompts and --k must be at least 1");
        }
        try {
            UiStallBench.Result r = UiStallBench.run(new UiStallBench.Config(prompts, k, idleMs));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("idle window:        %s%n", r.idle());
            out.printf(
                    "during import job:  %s  (%,d candidates with scores and a selection, %.0f ms)%n",
                    r.duringJob(), r.candidatesImported(), r.jobMillis());
            out.printf(
                    "max UI-thread stall during the job: %.1f ms (goal <= 100 ms: %s)%n",
                    r.duringJob().maxStallMillis(),
                    r.duringJob().maxStallMillis() <= 100 ? "met" : "NOT met");
            // Stalls include JVM-wide GC pauses and time the OS did not schedule the UI thread:
            // read them against the machine's load and the idle baseline.
            java.lang.management.OperatingSystemMXBean os =
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            out.printf(
                    "machine: %d CPUs, load average %.2f%n",
                    os.getAvailableProcessors(), os.getSystemLoadAverage());
            return 0;
        } finally {
            Platform.exit();
        }
    }
}
