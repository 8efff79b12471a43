package org.heirloom.bench.score;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.score.BatchScorer;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricRegistry;

/**
 * {@code heirloom bench score}: texts per second on 250-word texts for MTLD + text statistics (one
 * thread) against {@link NaiveScorer} measured in the same run, then every text-only metric.
 */
public final class ScoreBenchmark {

    /** MTLD + the six text statistics: the workload of the throughput goal. */
    public static final List<String> CORE =
            List.of(
                    "mtld",
                    "characters",
                    "words",
                    "unique_words",
                    "sentences",
                    "mean_word_length",
                    "mean_sentence_length");

    /**
     * Results.
     *
     * @param optimisedPerSecond texts/s, MTLD + text statistics, one thread
     * @param naivePerSecond texts/s of the naive implementation, one thread
     * @param allTextMetricsPerSecond texts/s with every text-only metric, one thread
     * @param allThreadsPerSecond texts/s for MTLD + text statistics on all threads
     * @param threads threads used for the last figure
     */
    public record Result(
            double optimisedPerSecond,
            double naivePerSecond,
            double allTextMetricsPerSecond,
            double allThreadsPerSecond,
            int threads) {

        public double ratio() {
            return optimisedPerSecond / naivePerSecond;
        }
    }

    private static final int ROUNDS = 8;

    private ScoreBenchmark() {}

    public static Result run(int texts, double seconds, int threads, PrintWriter out) {
        List<String> data = BenchTexts.generate(texts, 250, 42);
        MetricRegistry reg = MetricRegistry.standard();
        List<Metric> core = reg.resolveAll(CORE);
        List<String> textOnly = new ArrayList<>();
        for (MetricInfo i : reg.list()) {
            if (i.needs() == MetricInfo.Needs.TEXT && !i.name().equals("toxicity")) {
                textOnly.add(i.name());
            }
        }
        List<Metric> all = reg.resolveAll(textOnly);
        // The two implementations must agree before their speed means anything.
        for (int i = 0; i < Math.min(200, data.size()); i++) {
            double a = core.get(0).score(data.get(i));
            double b = NaiveScorer.mtld(data.get(i), 0.72);
            if (a != b) {
                throw new IllegalStateException(
                        "MTLD mismatch on text " + i + ": " + a + " vs " + b);
            }
        }
        out.printf("Texts: %d deterministic 250-word texts (seed 42)%n", data.size());
        out.printf(
                "Rates are texts per CPU-second of the measuring thread; naive and optimised run in"
                        + " %d alternating rounds and the best round of each counts, so load from"
                        + " other processes affects both alike.%n",
                ROUNDS);
        Work naiveWork = d -> NaiveScorer.mtld(d, 0.72) + NaiveScorer.textStats(d)[1];
        Work optWork =
                d -> {
                    double s = 0;
                    for (Metric m : core) {
                        s += m.score(d);
                    }
                    return s;
                };
        Work allWork =
                d -> {
                    double s = 0;
                    for (Metric m : all) {
                        s += m.score(d);
                    }
                    return s;
                };
        double naive = 0;
        double opt = 0;
        double allRate = 0;
        double slice = seconds / ROUNDS;
        for (int r = 0; r < ROUNDS; r++) {
            naive = Math.max(naive, measure(slice, data, naiveWork));
            opt = Math.max(opt, measure(slice, data, optWork));
            allRate = Math.max(allRate, measure(slice, data, allWork));
        }
        out.printf("naive (regex, String per word)  %,12.0f texts/s  (1 thread)%n", naive);
        out.printf("MTLD + text statistics          %,12.0f texts/s  (1 thread)%n", opt);
        out.printf("ratio optimised / naive         %12.1fx%n", opt / naive);
        out.printf(
                "all %d text-only metrics        %,12.0f texts/s  (1 thread)%n",
                all.size(), allRate);
        double par = measureBatch(seconds, data, core, threads);
        out.printf(
                "MTLD + text statistics          %,12.0f texts/s  (%d threads, BatchScorer, wall time)%n",
                par, threads);
        out.flush();
        return new Result(opt, naive, allRate, par, threads);
    }

    private interface Work {
        double apply(String text);
    }

    /**
     * Warms up, then scores texts round-robin for {@code seconds} of this thread's CPU time;
     * returns texts per CPU-second (so other load on the machine does not count against us).
     */
    private static double measure(double seconds, List<String> data, Work w) {
        double sink = 0;
        long warmEnd = cpu() + (long) (seconds * 0.3e9);
        int i = 0;
        while (cpu() < warmEnd) {
            for (int k = 0; k < 16; k++) {
                sink += w.apply(data.get(i++ % data.size()));
            }
        }
        long start = cpu();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        while (true) {
            for (int k = 0; k < 64; k++) {
                sink += w.apply(data.get((int) (n++ % data.size())));
            }
            if (cpu() >= end) {
                break;
            }
        }
        double rate = n / ((cpu() - start) / 1e9);
        if (sink == 42.4242) {
            System.err.print(""); // keep the results alive
        }
        return rate;
    }

    private static long cpu() {
        return CPU.isCurrentThreadCpuTimeSupported()
                ? CPU.getCurrentThreadCpuTime()
                : System.nanoTime();
    }

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static double measureBatch(
            double seconds, List<String> data, List<Metric> metrics, int threads) {
        BatchScorer.score(metrics, data, threads); // warm-up
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        do {
            BatchScorer.score(metrics, data, threads);
            n += data.size();
        } while (System.nanoTime() < end);
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
