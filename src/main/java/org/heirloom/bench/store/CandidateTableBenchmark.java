package org.heirloom.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateBrowser;
import org.heirloom.project.candidate.CandidateListing;
import org.heirloom.project.candidate.CandidateQuery;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.candidate.CandidateRow;
import org.heirloom.project.candidate.CandidateSearchIndex;
import org.heirloom.project.candidate.ScoreRepository;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.heirloom.project.run.RunRecord;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.SelectedRow;
import org.heirloom.project.run.SelectionRepository;
import org.heirloom.score.MetricId;

/**
 * Builds (or reuses) a project with a large run — prompts × 2 teachers × k candidates, three
 * metrics, a best-of-k selection — and times what the candidate table does over it: open a listing,
 * fetch pages at random positions, sort by a metric, filter, search. Baselines in the same run:
 * LIMIT/OFFSET pages, and search by LIKE before the FTS5 index exists.
 */
public final class CandidateTableBenchmark {

    public static final String RUN = "bench-candidates";
    public static final String SELECTION = "bench-best-words";
    public static final List<String> METRICS = List.of("words", "mtld", "toxicity");
    static final int TEACHERS = 2;

    /** Latencies of repeated fetches, in milliseconds. */
    public record Latency(int samples, double p50, double p95, double max) {
        static Latency of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Latency(
                    s.length,
                    s[(int) Math.floor(0.50 * (s.length - 1))],
                    s[(int) Math.ceil(0.95 * (s.length - 1))],
                    s[s.length - 1]);
        }

        @Override
        public String toString() {
            return String.format(
                    "p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d pages)", p50, p95, max, samples);
        }
    }

    private static final String[] VOCABULARY = {
        "the",
        "a",
        "river",
        "fox",
        "lantern",
        "quiet",
        "morning",
        "garden",
        "stone",
        "bridge",
        "answer",
        "because",
        "small",
        "bright",
        "story",
        "old",
        "market",
        "winter",
        "letter",
        "window",
        "teacher",
        "student",
        "learns",
        "walks",
        "finds",
        "under",
        "over",
        "slowly",
        "carefully",
        "kind",
        "honest",
        "map",
        "clock",
        "mountain",
        "harbor",
        "bread",
        "music",
        "paper",
        "violet",
        "copper",
        "thunder",
        "whisper",
        "orchard",
        "meadow",
        "ember",
        "compass"
    };

    /** A word that occurs in a known share of the texts (so search has something to find). */
    public static final String RARE_WORD = "zephyrine";

    private CandidateTableBenchmark() {}

    /**
     * Creates the project at {@code file} unless it already holds the benchmark run with {@code
     * candidates} candidates; returns whether it built.
     */
    public static boolean ensureProject(Path file, int candidates, Consumer<String> log) {
        int perPrompt = TEACHERS * 4;
        if (candidates < perPrompt || candidates % perPrompt != 0) {
            throw new IllegalArgumentException(
                    "--candidates must be a positive multiple of " + perPrompt);
        }
        if (Files.exists(file)) {
            try (Project p = Project.open(file)) {
                var run = new RunRepository(p).find(RUN);
                if (run.isPresent()
                        && new CandidateRepository(p).count(run.get().id()) == candidates) {
                    log.accept("reusing " + file);
                    return false;
                }
            }
            throw new IllegalArgumentException(
                    file
                            + " exists but does not hold the benchmark run with "
                            + candidates
                            + " candidates; remove it or choose another --project");
        }
        build(file, candidates / perPrompt, log);
        return true;
    }

    private static void build(Path file, int promptCount, Consumer<String> log) {
        long t0 = System.nanoTime();
        Random rnd = new Random(42);
        try (Project p = Project.create(file, "Candidate table benchmark")) {
            List<PromptInput> prompts = new ArrayList<>(promptCount);
            for (int i = 0; i < promptCount; i++) {
                prompts.add(PromptInput.of("Prompt " + i + ": " + sentence(rnd, 12)));
            }
            PromptSetRepository sets = new PromptSetRepository(p);
            long setId = sets.create("bench-prompts", "bench", prompts);
            List<StoredPrompt> stored = sets.prompts(setId);
            RunRepository runs = new RunRepository(p);
            int k = 4;
            RunRecord run =
                    runs.create(
                            RUN,
                            setId,
                            k,
                            42,
                            "{}",
                            List.of("bench:teacher-a", "bench:teacher-b"),
                            List.of("{}", "{}"));
            long[] teachers = runs.teachers(run.id()).stream().mapToLong(t -> t.id()).toArray();
            CandidateRepository repo = new CandidateRepository(p);
            List<CandidateRow> batch = new ArrayList<>();
            int n = 0;
            for (StoredPrompt sp : stored) {
                for (long teacher : teachers) {
                    for (int i = 0; i < k; i++) {
                        String text = sentence(rnd, 25 + rnd.nextInt(30));
                        if (n % 1000 == 7) {
                            text = text + " " + RARE_WORD;
                        }
                        batch.add(
                                new CandidateRow(
                                        0,
                                        run.id(),
                                        sp.id(),
                                        teacher,
                                        i,
                                        n,
                                        text,
                                        8 + rnd.nextInt(120),
                                        rnd.nextInt(10) == 0 ? "length" : "eos",
                                        -rnd.nextDouble() * 40,
                                        null));
                        n++;
                        if (batch.size() == 4000) {
                            repo.insert(batch);
                            batch.clear();
                        }
                    }
                }
            }
            repo.insert(batch);
            log.accept(String.format("  %,d candidates written (%.1f s)", n, seconds(t0)));
            long[][] ids = idsByPrompt(p, run.id(), TEACHERS * k);
            ScoreRepository scores = new ScoreRepository(p);
            long[] metricIds = new long[METRICS.size()];
            for (int m = 0; m < metricIds.length; m++) {
                metricIds[m] = scores.metricId(MetricId.of(METRICS.get(m), "1"));
            }
            List<SelectedRow> kept = new ArrayList<>();
            int chunk = 8000 / (TEACHERS * k);
            for (int from = 0; from < ids.length; from += chunk) {
                int to = Math.min(ids.length, from + chunk);
                int size = (to - from) * TEACHERS * k;
                long[] cids = new long[size];
                double[][] values = new double[METRICS.size()][size];
                int j = 0;
                for (int q = from; q < to; q++) {
                    int best = -1;
                    for (int c = 0; c < ids[q].length; c++) {
                        cids[j] = ids[q][c];
                        values[0][j] = 20 + rnd.nextInt(200);
                        values[1][j] = 20 + rnd.nextDouble() * 80;
                        // Toxicity is undefined for some texts (NULL): sorts must cope.
                        values[2][j] = rnd.nextInt(50) == 0 ? Double.NaN : rnd.nextDouble();
                        if (best < 0 || values[0][j] > values[0][j - c + best]) {
                            best = c;
                        }
                        j++;
                    }
                    int bj = j - ids[q].length + best;
                    kept.add(new SelectedRow(stored.get(q).id(), cids[bj], values[0][bj]));
                }
                for (int m = 0; m < metricIds.length; m++) {
                    scores.insert(metricIds[m], cids, values[m]);
                }
            }
            new SelectionRepository(p).create(run.id(), SELECTION, "best-of-k words", "{}", kept);
            runs.setStatus(run.id(), "done");
            log.accept(String.format("  scores and selection written (%.1f s)", seconds(t0)));
        }
    }

    private static long[][] idsByPrompt(Project p, long runId, int perPrompt) {
        List<long[]> out = new ArrayList<>();
        p.read(
                c -> {
                    try (var ps =
                            c.prepareStatement(
                                    "SELECT id FROM candidate WHERE run_id = ?"
                                            + " ORDER BY prompt_id, teacher_id, idx")) {
                        ps.setLong(1, runId);
                        try (var rs = ps.executeQuery()) {
                            long[] cur = new long[perPrompt];
                            int i = 0;
                            while (rs.next()) {
                                cur[i++] = rs.getLong(1);
                                if (i == perPrompt) {
                                    out.add(cur);
                                    cur = new long[perPrompt];
                                    i = 0;
                                }
                            }
                        }
                    }
                    return null;
                });
        return out.toArray(new long[0][]);
    }

    private static String sentence(Random rnd, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(VOCABULARY[rnd.nextInt(VOCABULARY.length)]);
        }
        return sb.append('.').toString();
    }

    /** Times {@code pages} fetches at random positions of a listing. */
    public static Latency randomPages(CandidateListing l, int pages, int pageSize, long seed) {
        Random rnd = new Random(seed);
        double[] ms = new double[pages];
        for (int i = 0; i < pages; i++) {
            int off = rnd.nextInt(Math.max(1, l.total() - pageSize));
            long t0 = System.nanoTime();
            int got = l.page(off, pageSize).rows().size();
            ms[i] = millis(t0);
            if (got != Math.min(pageSize, l.total() - off)) {
                throw new IllegalStateException("page at " + off + " has " + got + " rows");
            }
        }
        return Latency.of(ms);
    }

    /** Times consecutive pages from the top, as a user scrolling down does. */
    public static Latency scroll(CandidateListing l, int pages, int pageSize) {
        double[] ms = new double[pages];
        for (int i = 0; i < pages; i++) {
            long t0 = System.nanoTime();
            l.page(i * pageSize, pageSize);
            ms[i] = millis(t0);
        }
        return Latency.of(ms);
    }

    /** The baseline: the same random positions through LIMIT/OFFSET. */
    public static Latency offsetPages(
            CandidateBrowser b, CandidateQuery q, int total, int pages, int pageSize, long seed) {
        Random rnd = new Random(seed);
        double[] ms = new double[pages];
        for (int i = 0; i < pages; i++) {
            int off = rnd.nextInt(Math.max(1, total - pageSize));
            long t0 = System.nanoTime();
            b.pageByOffset(q, off, pageSize);
            ms[i] = millis(t0);
        }
        return Latency.of(ms);
    }

    /** Builds the whole search index; returns seconds. */
    public static double buildSearchIndex(Project p, Consumer<String> log) {
        CandidateSearchIndex index = new CandidateSearchIndex(p);
        long t0 = System.nanoTime();
        while (index.indexNext(50_000) > 0) {
            // one committed batch per call
        }
        return seconds(t0);
    }

    static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
