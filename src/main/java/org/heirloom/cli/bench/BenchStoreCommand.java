package org.heirloom.cli.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.heirloom.bench.store.StoreBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code heirloom bench store}: candidate/score insert rates and orchestrator overhead. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = {
            "Batched candidate and score inserts vs one row per transaction, and the run",
            "orchestrator's overhead over a teacher with a fixed time per candidate."
        })
public final class BenchStoreCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--rows",
            defaultValue = "200000",
            description = "Batched rows. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(
            names = "--naive-rows",
            defaultValue = "2000",
            description = "Baseline rows. Default: ${DEFAULT-VALUE}.")
    int naiveRows;

    @Option(
            names = "--batch",
            defaultValue = "1000",
            description = "Rows per transaction. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--prompts",
            defaultValue = "100",
            description = "Pipeline prompts. Default: ${DEFAULT-VALUE}.")
    int prompts;

    @Option(
            names = "--k",
            defaultValue = "4",
            description = "Pipeline candidates per prompt. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(
            names = "--teacher-ms",
            defaultValue = "10",
            description = "Teacher time per candidate in ms. Default: ${DEFAULT-VALUE}.")
    double teacherMs;

    @Option(
            names = "--teacher",
            paramLabel = "SPEC",
            description =
                    "Measure the pipeline overhead with a real teacher (e.g. local:DIR, greedy, 32"
                            + " new tokens) instead of a fixed-time stand-in.")
    String teacher;

    @Override
    public Integer call() throws Exception {
        StoreBenchmark.Result r =
                StoreBenchmark.run(
                        new StoreBenchmark.Config(
                                rows, naiveRows, batch, prompts, k, teacherMs, teacher));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "candidate rows, batched (%d/txn): %,.0f rows/s  (goal >= 100,000)%n",
                batch, r.batchedCandidateRate());
        out.printf("  per CPU-second of the writer:   %,.0f rows/s%n", r.batchedCandidateCpuRate());
        out.printf("candidate rows, one per txn:      %,.0f rows/s%n", r.naiveCandidateRate());
        out.printf(
                "  ratio batched/naive:            %.1fx%n",
                r.batchedCandidateRate() / r.naiveCandidateRate());
        out.printf("score rows, batched (%d/txn):     %,.0f rows/s%n", batch, r.batchedScoreRate());
        out.printf("  per CPU-second of the writer:   %,.0f rows/s%n", r.batchedScoreCpuRate());
        out.printf("score rows, one per txn:          %,.0f rows/s%n", r.naiveScoreRate());
        out.printf(
                "  ratio batched/naive:            %.1fx%n",
                r.batchedScoreRate() / r.naiveScoreRate());
        out.printf(
                "pipeline: %d candidates, teacher alone %.3f s, orchestrated %.3f s%n",
                r.pipelineCandidates(), r.teacherAloneSeconds(), r.orchestratedSeconds());
        out.printf(
                "  orchestrator overhead:          %+.2f%%  (goal <= 5%%)%n",
                100 * r.pipelineOverhead());
        out.printf(
                "(machine load average at the end: %.1f on %d cores; rates are wall-clock unless"
                        + " marked)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }
}
