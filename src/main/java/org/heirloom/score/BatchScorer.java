package org.heirloom.score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.heirloom.job.JobContext;

/**
 * Scores a batch of texts with several metrics. Pure {@link TextMetric}s run text-major (all of a
 * text's metrics in a row, so they share one tokenisation) split across {@code threads} workers;
 * other metrics (models, network) score the whole batch on the calling thread.
 */
public final class BatchScorer {

    private BatchScorer() {}

    /**
     * Scores in chunks of 1,024 texts, reporting progress (one unit per text) and checking for
     * cancellation between chunks. Returns {@code [metric][text]}.
     */
    public static double[][] score(
            List<? extends Metric> metrics, List<String> texts, int threads, JobContext context) {
        int n = texts.size();
        double[][] out = new double[metrics.size()][n];
        context.progress().start(n, "Scoring " + n + " texts");
        int chunk = 1024;
        for (int from = 0; from < n; from += chunk) {
            context.checkCancelled();
            int to = Math.min(n, from + chunk);
            double[][] part = score(metrics, texts.subList(from, to), threads);
            for (int j = 0; j < part.length; j++) {
                System.arraycopy(part[j], 0, out[j], from, to - from);
            }
            context.progress().advance(to - from);
        }
        return out;
    }

    /** Returns {@code [metric][text]}. */
    public static double[][] score(
            List<? extends Metric> metrics, List<String> texts, int threads) {
        int m = metrics.size();
        int n = texts.size();
        double[][] out = new double[m][];
        List<Integer> pure = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (metrics.get(j) instanceof TextMetric) {
                out[j] = new double[n];
                pure.add(j);
            }
        }
        if (!pure.isEmpty()) {
            int workers = Math.max(1, Math.min(threads, n / 64 + 1));
            if (workers == 1) {
                scorePure(metrics, pure, texts, out, 0, n);
            } else {
                ExecutorService pool =
                        Executors.newFixedThreadPool(
                                workers,
                                r -> {
                                    Thread t = new Thread(r, "heirloom-score");
                                    t.setDaemon(true);
                                    return t;
                                });
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    int chunk = (n + workers - 1) / workers;
                    for (int from = 0; from < n; from += chunk) {
                        int a = from;
                        int b = Math.min(n, from + chunk);
                        futures.add(pool.submit(() -> scorePure(metrics, pure, texts, out, a, b)));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("scoring interrupted");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        for (int j = 0; j < m; j++) {
            if (out[j] == null) {
                out[j] = metrics.get(j).score(texts);
                if (out[j].length != n) {
                    throw new IllegalStateException(
                            metrics.get(j).id().name() + " returned " + out[j].length + " scores");
                }
            }
        }
        return out;
    }

    private static void scorePure(
            List<? extends Metric> metrics,
            List<Integer> pure,
            List<String> texts,
            double[][] out,
            int from,
            int to) {
        for (int i = from; i < to; i++) {
            String t = texts.get(i);
            for (int j : pure) {
                out[j][i] = ((TextMetric) metrics.get(j)).score(t);
            }
        }
    }
}
