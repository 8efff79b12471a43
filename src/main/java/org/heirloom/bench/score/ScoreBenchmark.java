package org.heirloom.bench.score;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.bench.peer.LoadGate;
import org.heirloom.bench.peer.PeerScript;
import org.heirloom.bench.peer.SideBySide;
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
     * The same workload with Heirloom's version-1 word and sentence rules ({@code
     * tokens=heirloom}): the workload #16's 45,202 texts/s was measured on, before the default
     * became spaCy's tokens.
     */
    public static final List<String> CORE_HEIRLOOM_RULES =
            List.of(
                    "mtld",
                    "characters",
                    "words(tokens=heirloom)",
                    "unique_words(tokens=heirloom)",
                    "sentences(tokens=heirloom)",
                    "mean_word_length(tokens=heirloom)",
                    "mean_sentence_length(tokens=heirloom)");

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
            int threads,
            double heirloomRulesPerSecond,
            SideBySide.Outcome vsLexicalRichness) {

        public double ratio() {
            return optimisedPerSecond / naivePerSecond;
        }
    }

    private static final int ROUNDS = 8;

    private ScoreBenchmark() {}

    /**
     * Peer settings: where the scripts are, which Python, how many alternating rounds; {@code
     * peersDir} null measures Heirloom only.
     */
    public record Peer(Path peersDir, String python, int rounds) {}

    public static Result run(int texts, double seconds, int threads, PrintWriter out) {
        return run(texts, seconds, threads, null, out, out);
    }

    public static Result run(
            int texts, double seconds, int threads, Peer peer, PrintWriter out, PrintWriter log)
            throws IllegalStateException {
        List<String> data = BenchTexts.generate(texts, 250, 42);
        MetricRegistry reg = MetricRegistry.standard();
        List<Metric> core = reg.resolveAll(CORE);
        List<Metric> coreV1 = reg.resolveAll(CORE_HEIRLOOM_RULES);
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
        double v1 = 0;
        Work v1Work =
                d -> {
                    double s = 0;
                    for (Metric m : coreV1) {
                        s += m.score(d);
                    }
                    return s;
                };
        for (int r = 0; r < ROUNDS; r++) {
            v1 = Math.max(v1, measure(slice, data, v1Work));
        }
        out.printf("naive (regex, String per word)  %,12.0f texts/s  (1 thread)%n", naive);
        out.printf(
                "MTLD + text statistics, tokens=heirloom (version-1 rules) %,12.0f texts/s  (1"
                        + " thread)%n",
                v1);
        out.printf(
                "MTLD + text statistics (default, tokens=spacy) %,12.0f texts/s  (1 thread)%n",
                opt);
        out.printf("ratio optimised / naive         %12.1fx%n", opt / naive);
        out.printf(
                "all %d text-only metrics        %,12.0f texts/s  (1 thread)%n",
                all.size(), allRate);
        double par = measureBatch(seconds, data, core, threads);
        out.printf(
                "MTLD + text statistics          %,12.0f texts/s  (%d threads, BatchScorer, wall time)%n",
                par, threads);
        out.flush();
        SideBySide.Outcome vs =
                peer == null ? null : versusLexicalRichness(texts, seconds, peer, log);
        if (vs != null) {
            vs.print(out);
            out.flush();
        }
        return new Result(opt, naive, allRate, par, threads, v1, vs);
    }

    /**
     * MTLD alone on one core, Heirloom against LexicalRichness 0.5.1 on the texts the peer writes,
     * in alternating rounds. Heirloom's figure is per CPU-second of its thread; the peer pins
     * itself to one CPU and reports the median of its passes.
     */
    private static SideBySide.Outcome versusLexicalRichness(
            int texts, double seconds, Peer peer, PrintWriter log) {
        PeerScript script = null;
        String missing = null;
        List<String> data = BenchTexts.generate(texts, 250, 42);
        Path tmp = null;
        try {
            script = MtldPeer.locate(peer.peersDir(), peer.python());
            tmp = Files.createTempFile("heirloom-bench-texts-", ".jsonl");
            // One short pass writes the peer's texts, so both sides score the identical input.
            script.run(MtldPeer.args(script, texts, 1, tmp));
            data = MtldPeer.readTexts(tmp);
        } catch (PeerScript.PeerException e) {
            missing = e.getMessage();
            script = null;
        } catch (IOException e) {
            missing = e.getMessage();
            script = null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
        if (missing != null) {
            log.println("bench score: LexicalRichness peer not run: " + missing);
        }
        Metric mtld = MetricRegistry.standard().resolve("mtld");
        List<String> input = data;
        PeerScript p = script;
        try {
            return SideBySide.run(
                    "LexicalRichness 0.5.1 (" + MtldPeer.SCRIPT + ")",
                    p == null ? 1 : peer.rounds(),
                    1,
                    r -> Map.of(MtldPeer.MTLD, measure(seconds / 2, input, mtld::score)),
                    p == null
                            ? null
                            : r -> MtldPeer.figures(p.run(MtldPeer.args(p, texts, 3, null))),
                    missing,
                    LoadGate::now,
                    log);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
