package org.heirloom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.io.ContentHash;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.job.ProgressTracker;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.CandidateRow;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.RunRepository;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.StoredPrompt;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation → scoring → selection → export end to end with a deterministic teacher. */
class GenerationRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamplingParams SAMPLING = new SamplingParams(0.9, 0.95, 40, 64, 1);

    @TempDir Path dir;

    @BeforeAll
    static void registerFake() {
        FakeTeacher.register();
    }

    private Project project(int prompts) {
        Project p = Project.create(dir.resolve("p.heirloom"), "p");
        List<PromptInput> in = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            in.add(PromptInput.of("Prompt number " + i));
        }
        new PromptSetRepository(p).create("set", "test", in);
        return p;
    }

    private static RunSpec spec(String name, int k, String... teachers) {
        return new RunSpec(name, "set", null, List.of(teachers), k, SAMPLING, 42);
    }

    private GenerationRunner runner(Project p) {
        return new GenerationRunner(p, TeacherEnvironment.system().withBaseDir(dir));
    }

    @Test
    void pooledRunStoresEveryCandidateWithProvenanceAndResumesExactly() throws Exception {
        try (Project p = project(5)) {
            RunResult r =
                    runner(p).run(spec("r", 3, "fake:a", "fake:b;delay=0"), JobContext.none());
            assertEquals(30, r.expected());
            assertEquals(30, r.generated());
            List<RunTeacherRecord> teachers = new RunRepository(p).teachers(r.runId());
            assertEquals(
                    List.of("fake:a", "fake:b"),
                    teachers.stream().map(RunTeacherRecord::spec).toList());
            assertTrue(teachers.get(0).provenance().contains("\"name\":\"a\""));
            Map<Long, StoredPrompt> prompts = prompts(p);
            for (CandidateRow c : new CandidateRepository(p).list(r.runId())) {
                int t = c.teacherId() == teachers.get(0).id() ? 0 : 1;
                String prompt = prompts.get(c.promptId()).text();
                long seed = CandidateSeeds.derive(42, ContentHash.of(prompt), t, c.index());
                assertEquals(seed, c.seed());
                assertEquals(
                        FakeTeacher.text(t == 0 ? "a" : "b", prompt, seed, c.index()), c.text());
            }
            assertEquals("complete", new RunRepository(p).require("r").status());

            // Same command again: nothing to do. Operational options may differ.
            int before = FakeTeacher.CALLS.get();
            RunResult again =
                    runner(p).run(spec("r", 3, "fake:a;delay=1", "fake:b"), JobContext.none());
            assertEquals(30, again.alreadyStored());
            assertEquals(0, again.generated());
            assertEquals(before, FakeTeacher.CALLS.get(), "no teacher was asked");

            // Different parameters: a clear error.
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    runner(p)
                                            .run(
                                                    spec("r", 4, "fake:a", "fake:b"),
                                                    JobContext.none()));
            assertTrue(e.getMessage().contains("k: 3 -> 4"), e.getMessage());
            assertTrue(e.getMessage().contains("another --name"), e.getMessage());
        }
    }

    @Test
    void seedsAreStableAndDistinct() {
        long a = CandidateSeeds.derive(1, "abc", 0, 0);
        assertEquals(a, CandidateSeeds.derive(1, "abc", 0, 0));
        assertTrue(a >= 0 && a <= Integer.MAX_VALUE);
        assertTrue(a != CandidateSeeds.derive(1, "abc", 0, 1));
        assertTrue(a != CandidateSeeds.derive(1, "abc", 1, 0));
        assertTrue(a != CandidateSeeds.derive(2, "abc", 0, 0));
        assertTrue(a != CandidateSeeds.derive(1, "abd", 0, 0));
    }

    @Test
    void cancelMidRunThenResumeLeavesStoredRowsUntouched() throws Exception {
        try (Project p = project(6)) {
            CancellationToken token = new CancellationToken();
            ProgressTracker progress = new ProgressTracker();
            progress.addListener(
                    s -> {
                        if (s.done() >= 4) {
                            token.cancel();
                        }
                    });
            assertThrows(
                    JobCancelledException.class,
                    () ->
                            runner(p)
                                    .run(
                                            // Slow enough that the cancel lands mid-run.
                                            spec("r", 2, "fake:a;delay=20", "fake:b;delay=20"),
                                            new JobContext(progress, token)));
            assertEquals("cancelled", new RunRepository(p).require("r").status());
            long runId = new RunRepository(p).require("r").id();
            List<CandidateRow> partial = new CandidateRepository(p).list(runId);
            assertTrue(partial.size() >= 4 && partial.size() < 24, "partial: " + partial.size());

            ProgressTracker resumed = new ProgressTracker();
            RunResult r =
                    runner(p)
                            .run(
                                    spec("r", 2, "fake:a", "fake:b"),
                                    new JobContext(resumed, new CancellationToken()));
            assertEquals(partial.size(), r.alreadyStored());
            assertEquals(24 - partial.size(), r.generated());
            assertEquals(
                    24 - partial.size(),
                    resumed.snapshot().total(),
                    "progress counts what is missing");
            assertEquals(resumed.snapshot().total(), resumed.snapshot().done());
            List<CandidateRow> all = new CandidateRepository(p).list(runId);
            assertEquals(24, all.size());
            Map<Long, CandidateRow> byId = new HashMap<>();
            all.forEach(c -> byId.put(c.id(), c));
            for (CandidateRow old : partial) {
                assertEquals(old, byId.get(old.id()), "stored rows are untouched");
            }
        }
    }

    @Test
    void failedTeacherLeavesARunThatTheNextCallCompletes() throws Exception {
        try (Project p = project(4)) {
            Exception e =
                    assertThrows(
                            java.io.IOException.class,
                            () ->
                                    runner(p)
                                            .run(
                                                    spec("r", 3, "fake:a;failAt=3"),
                                                    JobContext.none()));
            assertTrue(e.getMessage().contains("fails at call 3"));
            assertEquals("failed", new RunRepository(p).require("r").status());
            assertEquals(
                    6, new CandidateRepository(p).count(new RunRepository(p).require("r").id()));
            RunResult r = runner(p).run(spec("r", 3, "fake:a"), JobContext.none());
            assertEquals(6, r.alreadyStored());
            assertEquals(6, r.generated());
        }
    }

    @Test
    void scoreSelectExportEndToEnd() throws Exception {
        try (Project p = project(4)) {
            RunResult r = runner(p).run(spec("r", 3, "fake:a", "fake:b"), JobContext.none());
            WordsMetric words = new WordsMetric("words");
            ScoringStage scoring = new ScoringStage(p, 5);
            assertEquals(
                    Map.of("words", 24L), scoring.score("r", List.of(words), JobContext.none()));
            assertEquals(24, words.texts.get());
            // Incremental: nothing again for words; a new metric scores only itself.
            WordsMetric words2 = new WordsMetric("words");
            WordsMetric chars = new WordsMetric("chars");
            assertEquals(
                    Map.of("words", 0L, "chars", 24L),
                    scoring.score("r", List.of(words2, chars), JobContext.none()));
            assertEquals(0, words2.texts.get());
            assertEquals(24, chars.texts.get());

            // Independent expectation for max:words: most words, ties to teacher 0 then index 0.
            List<CandidateRow> cands = new CandidateRepository(p).list(r.runId());
            List<RunTeacherRecord> teachers = new RunRepository(p).teachers(r.runId());
            Map<Long, CandidateRow> expected = new HashMap<>();
            Comparator<CandidateRow> order =
                    Comparator.comparingDouble(
                                    (CandidateRow c) -> WordsMetric.count("words", c.text()))
                            .reversed()
                            .thenComparingInt(c -> c.teacherId() == teachers.get(0).id() ? 0 : 1)
                            .thenComparingInt(CandidateRow::index);
            for (CandidateRow c : cands) {
                expected.merge(c.promptId(), c, (a, b) -> order.compare(a, b) <= 0 ? a : b);
            }
            SelectionService.Result sel =
                    new SelectionService(p).select("r", "max:words", "best", false);
            assertEquals(4, sel.selected());
            List<org.heirloom.project.SelectedRow> rows =
                    new org.heirloom.project.SelectionRepository(p).rows(sel.selection().id());
            double selectedWords = 0;
            for (org.heirloom.project.SelectedRow row : rows) {
                CandidateRow want = expected.get(row.promptId());
                assertEquals(want.id(), row.candidateId());
                assertEquals(WordsMetric.count("words", want.text()), row.value());
                selectedWords += row.value();
            }
            double poolWords =
                    cands.stream().mapToDouble(c -> WordsMetric.count("words", c.text())).sum();
            JsonNode summary = JSON.readTree(sel.selection().summary());
            assertEquals(poolWords / 24, summary.at("/metrics/words/pool_mean").asDouble(), 1e-9);
            assertEquals(
                    selectedWords / 4, summary.at("/metrics/words/selected_mean").asDouble(), 1e-9);
            assertEquals(24, summary.get("pool_candidates").asInt());
            assertTrue(summary.at("/metrics/words/shift").asDouble() > 0);

            // Same name again is refused, unless re-used with the same strategy.
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new SelectionService(p).select("r", "min:words", "best", true));
            assertTrue(new SelectionService(p).select("r", "max:words", "best", true).reused());
            IllegalArgumentException unknown =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new SelectionService(p).select("r", "max:mtld", "x", false));
            assertTrue(
                    unknown.getMessage().contains("no scores for (scored: chars, words)"),
                    unknown.getMessage());
            // greedy needs temperature 0.
            IllegalArgumentException greedy =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new SelectionService(p).select("r", "greedy", "g", false));
            assertTrue(greedy.getMessage().contains("temperature 0.9"), greedy.getMessage());

            // Exports.
            Path cf = dir.resolve("out/cands.jsonl");
            Exporter ex = new Exporter(p);
            assertEquals(24, ex.exportCandidates("r", cf));
            List<String> lines = Files.readAllLines(cf);
            assertEquals(24, lines.size());
            JsonNode first = JSON.readTree(lines.get(0));
            assertEquals("Prompt number 0", first.get("prompt").asText());
            assertEquals("fake:a", first.get("teacher").asText());
            assertEquals(0, first.get("candidate").asInt());
            assertEquals(
                    WordsMetric.count("words", first.get("text").asText()),
                    first.at("/scores/words").asDouble());
            assertEquals(first.get("text").asText().length(), first.at("/scores/chars").asInt());

            Path ds = dir.resolve("out/best.jsonl");
            assertEquals(
                    4,
                    ex.exportDataset(
                            "best",
                            Exporter.DatasetFormat.JSONL,
                            null,
                            ds,
                            Exporter.defaultManifest(ds)));
            List<String> dl = Files.readAllLines(ds);
            JsonNode d0 = JSON.readTree(dl.get(0));
            assertEquals("Prompt number 0", d0.get("prompt").asText());
            CandidateRow chosen0 =
                    expected.get(
                            prompts(p).values().stream()
                                    .filter(sp -> sp.index() == 0)
                                    .findFirst()
                                    .get()
                                    .id());
            assertEquals(chosen0.text(), d0.get("completion").asText());
            JsonNode man = JSON.readTree(dir.resolve("out/best.manifest.json").toFile());
            assertEquals("r", man.get("run").asText());
            assertEquals("max:words", man.get("strategy").asText());
            assertEquals(4, man.get("examples").asInt());
            assertEquals(
                    poolWords / 24, man.at("/attribute_means/words/pool_mean").asDouble(), 1e-9);

            Path chat = dir.resolve("out/best-chat.jsonl");
            ex.exportDataset(
                    "best",
                    Exporter.DatasetFormat.CHAT,
                    null,
                    chat,
                    Exporter.defaultManifest(chat));
            JsonNode c0 = JSON.readTree(Files.readAllLines(chat).get(0));
            assertEquals("user", c0.at("/messages/0/role").asText());
            assertEquals("Prompt number 0", c0.at("/messages/0/content").asText());
            assertEquals("assistant", c0.at("/messages/1/role").asText());
            assertEquals(chosen0.text(), c0.at("/messages/1/content").asText());
        }
    }

    @Test
    void scoringInterruptedMidwayKeepsCommittedBatchesAndFinishesLater() throws Exception {
        try (Project p = project(5)) {
            runner(p).run(spec("r", 4, "fake:a"), JobContext.none());
            WordsMetric failing =
                    new WordsMetric("words") {
                        @Override
                        public double[] score(List<String> batch) {
                            if (texts.get() >= 12) {
                                throw new IllegalStateException("scorer crashed");
                            }
                            return super.score(batch);
                        }
                    };
            assertThrows(
                    IllegalStateException.class,
                    () -> new ScoringStage(p, 6).score("r", List.of(failing), JobContext.none()));
            long runId = new RunRepository(p).require("r").id();
            org.heirloom.project.ScoreRepository scores =
                    new org.heirloom.project.ScoreRepository(p);
            long metricId = scores.metricId(failing.id());
            assertEquals(
                    8, scores.countMissing(runId, metricId), "two batches of 6 were committed");
            WordsMetric again = new WordsMetric("words");
            assertEquals(
                    Map.of("words", 8L),
                    new ScoringStage(p, 6).score("r", List.of(again), JobContext.none()));
            assertEquals(8, again.texts.get());
            assertEquals(20, scores.values(runId, metricId).size());
        }
    }

    @Test
    void greedyFromATemperatureZeroRun() throws Exception {
        try (Project p = project(3)) {
            runner(p).run(spec("sampled", 2, "fake:a"), JobContext.none());
            RunResult g =
                    runner(p)
                            .run(
                                    new RunSpec(
                                            "greedy0",
                                            "set",
                                            null,
                                            List.of("fake:a"),
                                            1,
                                            SamplingParams.greedy(64),
                                            42),
                                    JobContext.none());
            SelectionService.Result r =
                    new SelectionService(p).select("sampled", "greedy:greedy0", "g", false);
            assertEquals(3, r.selected());
            List<Long> greedyIds =
                    new CandidateRepository(p)
                            .list(g.runId()).stream().map(CandidateRow::id).toList();
            List<Long> chosen =
                    new org.heirloom.project.SelectionRepository(p)
                            .rows(r.selection().id()).stream()
                                    .map(org.heirloom.project.SelectedRow::candidateId)
                                    .toList();
            assertEquals(greedyIds, chosen);
            assertEquals(
                    3, new SelectionService(p).select("greedy0", "greedy", "g2", false).selected());
        }
    }

    @Test
    void teacherReturningWrongIndicesFailsTheRun() {
        try (Project p = project(2)) {
            GenerationRunner bad =
                    new GenerationRunner(
                            p,
                            TeacherEnvironment.system(),
                            s ->
                                    new FakeTeacher("x", 0, 0) {
                                        @Override
                                        public List<org.heirloom.teacher.Completion> generate(
                                                org.heirloom.teacher.GenerationRequest request,
                                                JobContext context)
                                                throws Exception {
                                            List<org.heirloom.teacher.Completion> out =
                                                    new ArrayList<>(
                                                            super.generate(request, context));
                                            out.set(1, out.get(0));
                                            return out;
                                        }
                                    });
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> bad.run(spec("r", 2, "fake:x"), JobContext.none()));
            assertTrue(e.getMessage().contains("not asked for or came twice"), e.getMessage());
        }
    }

    private static Map<Long, StoredPrompt> prompts(Project p) {
        Map<Long, StoredPrompt> out = new HashMap<>();
        new PromptSetRepository(p).prompts(1).forEach(sp -> out.put(sp.id(), sp));
        return out;
    }
}
