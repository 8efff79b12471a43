package org.heirloom.ui.main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.heirloom.project.CandidateRef;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.CandidateRow;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunRepository;
import org.heirloom.project.ScoreRepository;
import org.heirloom.project.SelectedRow;
import org.heirloom.project.SelectionRepository;
import org.heirloom.score.MetricId;
import org.heirloom.settings.UserSettings;
import org.heirloom.share.ImportRequest;
import org.heirloom.ui.common.ErrorReport;
import org.heirloom.ui.jobs.FxJobExecutor;

/**
 * The UI-thread stall benchmark: the real main window is open (headless where there is no display)
 * while a real background job runs through it: importing a large run (candidates, scores, a
 * selection) from another project, then re-reading the project for the explorer. An {@link
 * FxStallMonitor} measures the longest wait of the UI thread, first with the window idle (the
 * baseline), then while the job runs.
 */
public final class UiStallBench {

    /**
     * @param prompts prompts of the run to import
     * @param k candidates per prompt
     * @param idleMillis how long the idle baseline is measured
     */
    public record Config(int prompts, int k, long idleMillis) {}

    /**
     * @param idle the window idle
     * @param duringJob while the import job ran
     * @param jobMillis the job's wall time, submit to the window showing its result
     * @param candidatesImported candidates the job added
     */
    public record Result(
            FxStallMonitor.Stats idle,
            FxStallMonitor.Stats duringJob,
            double jobMillis,
            long candidatesImported) {}

    private UiStallBench() {}

    public static Result run(Config cfg) throws Exception {
        Path dir = Files.createTempDirectory("heirloom-ui-stall");
        Path source = dir.resolve("source.heirloom");
        Path target = dir.resolve("target.heirloom");
        long candidates = buildSource(source, cfg.prompts(), cfg.k());
        Project.create(target, "target").close();
        startPlatform();
        FxJobExecutor executor = onFx(FxJobExecutor::new);
        MainViewModel vm = onFx(() -> new MainViewModel(executor, UserSettings.defaults()));
        Stage stage =
                onFx(
                        () -> {
                            Stage s = new Stage();
                            MainView view = new MainView(vm, s);
                            s.setScene(view.createScene(1100, 700));
                            s.show();
                            vm.openProject(target);
                            return s;
                        });
        try {
            waitFor(() -> vm.project().get() != null, 30, "the target project to open");
            try (FxStallMonitor monitor = FxStallMonitor.start(Duration.ofMillis(10))) {
                Thread.sleep(cfg.idleMillis());
                FxStallMonitor.Stats idle = monitor.stats();
                monitor.reset();
                long t0 = System.nanoTime();
                onFx(
                        () -> {
                            vm.importFrom(source, ImportRequest.everything());
                            return null;
                        });
                waitFor(
                        () -> vm.error().get() != null || vm.status().get().startsWith("Added"),
                        600,
                        "the import to finish");
                double jobMillis = (System.nanoTime() - t0) / 1e6;
                FxStallMonitor.Stats during = monitor.stats();
                ErrorReport error = onFx(() -> vm.error().get());
                if (error != null) {
                    throw new IllegalStateException(error.title() + ": " + error.message());
                }
                long imported = onFx(() -> vm.info().get().candidates());
                if (imported != candidates) {
                    throw new IllegalStateException(
                            "imported " + imported + " candidates, expected " + candidates);
                }
                return new Result(idle, during, jobMillis, imported);
            }
        } finally {
            onFx(
                    () -> {
                        vm.close();
                        executor.close();
                        stage.close();
                        return null;
                    });
            for (Path p : List.of(source, target)) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** A project with one scored, selected run of prompts × k candidates; returns candidates. */
    static long buildSource(Path file, int prompts, int k) {
        try (Project p = Project.create(file, "source")) {
            List<PromptInput> inputs = new ArrayList<>();
            for (int i = 0; i < prompts; i++) {
                inputs.add(PromptInput.of("Write a short story about item " + i + "."));
            }
            long set = new PromptSetRepository(p).create("stories", "bench", inputs);
            RunRecord run =
                    new RunRepository(p)
                            .create("big", set, k, 1, "{}", List.of("import:bench"), List.of("{}"));
            long teacher = new RunRepository(p).teachers(run.id()).get(0).id();
            List<Long> promptIds =
                    new PromptSetRepository(p).prompts(set).stream().map(sp -> sp.id()).toList();
            List<CandidateRow> rows = new ArrayList<>();
            for (long prompt : promptIds) {
                for (int j = 0; j < k; j++) {
                    String text =
                            ("Once upon a time item " + prompt + " told story " + j + ". ")
                                    .repeat(8);
                    rows.add(
                            new CandidateRow(
                                    0, run.id(), prompt, teacher, j, j, text, 64, "stop", -1.0,
                                    null));
                }
            }
            new CandidateRepository(p).insert(rows);
            List<CandidateRef> refs = new CandidateRepository(p).refs(run.id());
            ScoreRepository scores = new ScoreRepository(p);
            long metric = scores.metricId(MetricId.of("words", "1"));
            long[] ids = new long[refs.size()];
            double[] values = new double[refs.size()];
            List<SelectedRow> best = new ArrayList<>();
            for (int n = 0; n < refs.size(); n++) {
                ids[n] = refs.get(n).id();
                values[n] = refs.get(n).index();
                if (refs.get(n).index() == k - 1) {
                    best.add(new SelectedRow(refs.get(n).promptId(), ids[n], values[n]));
                }
            }
            scores.insert(metric, ids, values);
            new SelectionRepository(p).create(run.id(), "best", "max:words", "{}", best);
            return refs.size();
        }
    }

    /** Starts JavaFX once per process; headless (Monocle, software rendering) without a display. */
    static void startPlatform() throws InterruptedException {
        if (GuiLauncher.isHeadless() && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        Platform.setImplicitExit(false);
        try {
            started.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start: " + e, e);
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(
                () -> {
                    try {
                        f.complete(work.call());
                    } catch (Throwable t) {
                        f.completeExceptionally(t);
                    }
                });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition, int seconds, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
