package org.heirloom.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.bench.store.CandidateTableBenchmark;
import org.heirloom.bench.store.CandidateTableBenchmark.Latency;
import org.heirloom.cli.UserInputException;
import org.heirloom.job.JobContext;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.project.ProjectCatalog;
import org.heirloom.project.candidate.CandidateBrowser;
import org.heirloom.project.candidate.CandidateListing;
import org.heirloom.project.candidate.CandidateQuery;
import org.heirloom.project.candidate.CandidateSearchIndex;
import org.heirloom.project.run.RunRecord;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.SelectionRecord;
import org.heirloom.project.run.SelectionRepository;
import org.heirloom.report.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom bench project}: opening a project with a large run and using the candidate table
 * over it, through the core services the workbench's view models call (no UI classes).
 */
@Command(
        name = "project",
        mixinStandardHelpOptions = true,
        description = {
            "Open a project with N candidates (built once, then reused) and time the workbench's",
            "data path: project open + dashboard + candidate table, page fetches while scrolling,",
            "metric sort, filters and search; LIMIT/OFFSET pages and LIKE search as baselines."
        })
public final class BenchProjectCommand implements Callable<Integer> {

    /** Rows per page, as the workbench's candidate table fetches them. */
    static final int PAGE_SIZE = 200;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--candidates",
            defaultValue = "1000000",
            description = "Candidates in the run (multiple of 8). Default: ${DEFAULT-VALUE}.")
    int candidates;

    @Option(
            names = "--project",
            paramLabel = "FILE",
            description =
                    "Project to build or reuse (default: heirloom-bench-N.heirloom in the temp"
                            + " folder).")
    Path project;

    @Option(
            names = "--pages",
            defaultValue = "300",
            description = "Random page fetches per figure. Default: ${DEFAULT-VALUE}.")
    int pages;

    @Option(
            names = "--offset-pages",
            defaultValue = "20",
            description = "LIMIT/OFFSET baseline fetches per figure. Default: ${DEFAULT-VALUE}.")
    int offsetPages;

    @Override
    public Integer call() {
        if (pages < 1 || offsetPages < 1) {
            throw new UserInputException("bench project: --pages and --offset-pages must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path file =
                project != null
                        ? project
                        : Path.of(
                                System.getProperty("java.io.tmpdir"),
                                "heirloom-bench-" + candidates + ".heirloom");
        long t0 = System.nanoTime();
        boolean built;
        try {
            built =
                    CandidateTableBenchmark.ensureProject(
                            file,
                            candidates,
                            m -> {
                                out.println(m);
                                out.flush();
                            });
        } catch (IllegalArgumentException e) {
            throw new UserInputException("bench project: " + e.getMessage());
        }
        if (built) {
            out.printf("built %s in %.1f s%n", file, seconds(t0));
        }
        int size = PAGE_SIZE;

        // 1. What the workbench does on open, through the core services its view models call:
        // open + explorer (catalog of each kind), dashboard, candidate table (runs, run parts,
        // listing, page 1).
        long open0 = System.nanoTime();
        Project p;
        try {
            p = Project.open(file, Project.Mode.READ_WRITE);
        } catch (RuntimeException e) {
            throw new UserInputException("bench project: " + file + ": " + e.getMessage());
        }
        try {
            p.info();
            ProjectCatalog catalog = new ProjectCatalog(p);
            for (CatalogEntry.Kind kind : CatalogEntry.Kind.values()) {
                catalog.entries(kind);
            }
            double openMs = millis(open0);
            long dash0 = System.nanoTime();
            // What the dashboard shows first (comparisons, judge, training), then
            // pool-vs-selected, which the workbench adds when it is ready (it reads every score
            // of every run).
            int firstPanels = Dashboard.build(p, JobContext.none(), false).size();
            double dashMs = millis(dash0);
            long sel0 = System.nanoTime();
            boolean selectionPanel = Dashboard.selections(p).isPresent();
            double selMs = millis(sel0);
            long cand0 = System.nanoTime();
            CandidateBrowser table = new CandidateBrowser(p);
            List<RunRecord> runs = table.runs();
            long total = 0;
            boolean firstRow = false;
            if (!runs.isEmpty()) {
                RunRecord first = runs.get(0);
                table.teachers(first.id());
                List<SelectionRecord> sels = table.selections(first.id());
                table.metrics(first.id());
                CandidateQuery q = CandidateQuery.of(first.id());
                if (!sels.isEmpty()) {
                    q = q.withSelection(sels.get(0).id(), false);
                }
                try (CandidateListing l = table.open(q)) {
                    total = l.total();
                    firstRow = total > 0 && !l.page(0, size).rows().isEmpty();
                }
            }
            double candMs = millis(cand0);
            double totalMs = millis(open0);
            out.printf("project: %s, %,d candidates in the table%n", file, total);
            out.printf(
                    "open project (file, explorer, counts): %8.0f ms%n"
                            + "dashboard first panels (%d):          %8.0f ms%n"
                            + "candidate table (runs, listing, page 1): %6.0f ms%s%n"
                            + "  total open -> dashboard + table:   %8.0f ms  (goal < 2000 ms:"
                            + " %s)%n"
                            + "pool-vs-selected panel (%s, added later): %6.0f ms%n",
                    openMs,
                    firstPanels,
                    dashMs,
                    candMs,
                    firstRow ? "" : "  (first row missing!)",
                    totalMs - selMs,
                    totalMs - selMs < 2000 ? "met" : "NOT met",
                    selectionPanel ? "present" : "none",
                    selMs);
            measureTable(out, p, size);
        } finally {
            p.close();
        }
        out.printf(
                "(machine load average at the end: %.1f on %d cores; file in the OS cache)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }

    private void measureTable(PrintWriter out, Project p, int size) {
        CandidateBrowser b = new CandidateBrowser(p);
        RunRecord run = new RunRepository(p).require(CandidateTableBenchmark.RUN);
        long selection = new SelectionRepository(p).require(CandidateTableBenchmark.SELECTION).id();
        CandidateQuery base = CandidateQuery.of(run.id()).withSelection(selection, false);

        // 2. Scrolling the default order.
        long l0 = System.nanoTime();
        try (CandidateListing l = b.open(base)) {
            double listMs = millis(l0);
            long f0 = System.nanoTime();
            l.page(0, size);
            double firstMs = millis(f0);
            out.printf(
                    "%nprompt order: listing %,d rows %.0f ms, first page %.1f ms%n",
                    l.total(), listMs, firstMs);
            Latency scroll =
                    CandidateTableBenchmark.scroll(l, Math.min(pages, l.total() / size), size);
            Latency random = CandidateTableBenchmark.randomPages(l, pages, size, 1);
            Latency offset =
                    CandidateTableBenchmark.offsetPages(b, base, l.total(), offsetPages, size, 1);
            out.printf("  scrolling down:        %s%n", scroll);
            out.printf("  random jumps:          %s%n", random);
            out.printf("  baseline LIMIT/OFFSET: %s%n", offset);
            out.printf("  ratio OFFSET/listing (p50): %.1fx%n", offset.p50() / random.p50());
            verdict(out, scroll.max() > random.max() ? scroll : random);
        }

        // 3. Sorted by a metric (with NULLs: toxicity), descending.
        CandidateQuery byMetric = base.withSort(CandidateQuery.Sort.byMetric("toxicity", true));
        l0 = System.nanoTime();
        try (CandidateListing l = b.open(byMetric)) {
            double listMs = millis(l0);
            out.printf("%nsorted by toxicity desc: listing %.0f ms%n", listMs);
            Latency random = CandidateTableBenchmark.randomPages(l, pages, size, 2);
            Latency offset =
                    CandidateTableBenchmark.offsetPages(
                            b, byMetric, l.total(), Math.max(1, offsetPages / 4), size, 2);
            out.printf("  random jumps:          %s%n", random);
            out.printf("  baseline LIMIT/OFFSET: %s%n", offset);
            out.printf("  ratio OFFSET/listing (p50): %.0fx%n", offset.p50() / random.p50());
            verdict(out, random);
        }

        // 4. Filters: one teacher, a metric range, kept only.
        long tId = b.teachers(run.id()).get(1).id();
        CandidateQuery filtered =
                base.withTeacher(tId)
                        .withRanges(
                                java.util.List.of(new CandidateQuery.MetricRange("mtld", 40, 60)));
        l0 = System.nanoTime();
        try (CandidateListing l = b.open(filtered)) {
            out.printf(
                    "%nfilter teacher-b, 40 <= mtld <= 60: %,d rows, listing %.0f ms, pages %s%n",
                    l.total(), millis(l0), CandidateTableBenchmark.randomPages(l, pages, size, 3));
        }
        l0 = System.nanoTime();
        try (CandidateListing l = b.open(base.withSelection(selection, true))) {
            out.printf("kept only: %,d rows, listing %.0f ms%n", l.total(), millis(l0));
        }

        // 5. Search: LIKE (no index yet) vs FTS5.
        CandidateSearchIndex index = new CandidateSearchIndex(p);
        CandidateQuery search = base.withSearch(CandidateTableBenchmark.RARE_WORD);
        if (index.indexedUpTo() == 0) {
            l0 = System.nanoTime();
            try (CandidateListing l = b.open(search)) {
                out.printf(
                        "%nsearch '%s' by LIKE scan: %,d rows, %.0f ms%n",
                        CandidateTableBenchmark.RARE_WORD, l.total(), millis(l0));
            }
        }
        if (index.usable()) {
            long pending = index.pending();
            double s = CandidateTableBenchmark.buildSearchIndex(p, m -> {});
            if (pending > 0) {
                out.printf("FTS5 index of %,d texts built in %.1f s (once)%n", pending, s);
            }
            l0 = System.nanoTime();
            try (CandidateListing l = b.open(search)) {
                out.printf(
                        "search '%s' by FTS5:      %,d rows, %.0f ms%n",
                        CandidateTableBenchmark.RARE_WORD, l.total(), millis(l0));
            }
            l0 = System.nanoTime();
            try (CandidateListing l = b.open(base.withSearch("lantern copper"))) {
                out.printf(
                        "search 'lantern copper' by FTS5: %,d rows, %.0f ms%n",
                        l.total(), millis(l0));
            }
        } else {
            out.println("(this SQLite has no FTS5 or the project is read-only: LIKE only)");
        }
    }

    private static void verdict(PrintWriter out, Latency l) {
        out.printf(
                "  no-stall goal (every page fetch above < 100 ms): %s%n",
                l.max() < 100 ? "met" : "NOT met");
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
