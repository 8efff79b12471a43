package org.heirloom.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;
import org.heirloom.model.Fixtures;
import org.heirloom.profile.ComparisonPlan;
import org.heirloom.profile.ProfileComparison;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.Project;
import org.heirloom.run.MetricResolver;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.train.TrainingPlan;
import org.heirloom.train.TrainingRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One recipe runs the whole active-inheritance loop on a real tiny model (../shared's stories260k):
 * generate → score → select → 2 students × 2 replicates → text profiles → a stored comparison. It
 * is cancelled in the middle of the third replicate's training, resumed, and run once more.
 */
class RecipeLoopTest {

    @TempDir Path dir;

    private static final String RECIPE =
            """
            version: 1
            name: loop
            prompts: {set: p, import: prompts.txt}
            run: {name: gen, k: 2, seed: 1, sampling: {max_new_tokens: 24}}
            teachers:
              - {spec: "local:MODEL", name: teacher}
            scorers: [words]
            selections:
              - {name: longest, strategy: "max:words"}
              - {name: random-baseline, strategy: random}
            student_defaults:
              base: local:MODEL
              replicates: 2
              seed: 3
              max_steps: 4
              batch: 2
              lr: 1e-3
              heldout: 0
              checkpoint_every: 2
            students:
              - {name: baseline, data: random-baseline}
              - {name: steered, data: longest}
            profiles:
              - suite: text
                models: [teacher, baseline, steered]
                samples: 1
                max_new_tokens: 16
                limit: 4
                metrics: [words, mtld]
            comparisons:
              - name: steering
                suites: [text]
                baseline: random
                arms: {random: baseline, steered: steered, teacher: teacher}
            """;

    /** Records messages; cancels once the given message has been reported. */
    private static final class Recorder implements Progress {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CancellationToken token = new CancellationToken();
        final String cancelAt;

        Recorder(String cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void start(long total, String message) {
            messages.add(message);
        }

        @Override
        public void advance(long units) {}

        @Override
        public void message(String message) {
            messages.add(message);
            if (cancelAt != null && message.startsWith(cancelAt)) {
                token.cancel();
            }
        }

        JobContext context() {
            return new JobContext(this, token);
        }
    }

    @Test
    void wholeLoopResumesAfterCancelAndRerunsWithoutChanges() throws Exception {
        Path model = Fixtures.model("stories260k");
        Files.writeString(
                dir.resolve("prompts.txt"),
                "Once upon a time\nLily had a red ball\nThe cat was happy\n"
                        + "Tom went to the park\nThe sun was hot\nA little dog ran\n");
        String yaml = RECIPE.replace("MODEL", model.toString());
        Path recipeFile = dir.resolve("loop.yaml");
        Files.writeString(recipeFile, yaml);
        TeacherEnvironment env = TeacherEnvironment.system().withBaseDir(dir);
        Recipe recipe = RecipeParser.parse(yaml, recipeFile.toString(), env);

        try (Project p = Project.create(dir.resolve("loop.heirloom"), "loop")) {
            RecipeRunner runner = new RecipeRunner(p, env, MetricResolver.standard(), null);

            // 1. Interrupted after step 3 of steered-r0 (the third replicate); its checkpoint
            // is at step 2.
            Recorder first = new Recorder("students 3/4 steered-r0 · step 3/4");
            List<String> lines = new ArrayList<>();
            assertThrows(
                    JobCancelledException.class,
                    () -> runner.run(recipe, yaml, first.context(), lines::add));
            TrainingRepository trainings = new TrainingRepository(p);
            assertEquals("done", trainings.find("baseline-r0").orElseThrow().status());
            assertEquals("done", trainings.find("baseline-r1").orElseThrow().status());
            assertEquals("cancelled", trainings.find("steered-r0").orElseThrow().status());
            assertTrue(trainings.find("steered-r1").isEmpty());
            // The plan after the interruption: the unfinished replicates, then everything after.
            Map<RecipeStage, List<String>> planned = runner.plan(recipe);
            assertEquals(
                    List.of(
                            "student 'steered-r0' (data 'longest', resumes)",
                            "student 'steered-r1' (data 'longest')"),
                    planned.get(RecipeStage.STUDENTS));
            assertEquals(
                    List.of(
                            "profile text of 'teacher'",
                            "profile text of 'baseline-r0'",
                            "profile text of 'baseline-r1'",
                            "profile text of 'steered-r0'",
                            "profile text of 'steered-r1'"),
                    planned.get(RecipeStage.PROFILES));
            assertEquals(List.of("comparison 'steering'"), planned.get(RecipeStage.COMPARISONS));
            assertEquals(List.of(), planned.get(RecipeStage.SELECTIONS));
            assertTrue(
                    first.messages.stream().anyMatch(m -> m.startsWith("generation · ")),
                    first.messages.toString());
            assertTrue(
                    first.messages.stream()
                            .anyMatch(
                                    m -> m.startsWith("students 1/4 baseline-r0 · step 1/4 loss")),
                    "per-stage progress names the stage, the unit and its done/total");

            // 2. Resumed: finished replicates are found, steered-r0 continues at its checkpoint.
            Recorder second = new Recorder(null);
            List<String> report = runner.run(recipe, yaml, second.context());
            assertTrue(report.get(1).contains("12 candidates (12 already stored, 0 generated)"));
            assertLine(report, "student 'baseline-r0' (data 'random-baseline'", "already trained");
            assertLine(report, "student 'baseline-r1'", "already trained");
            assertLine(report, "student 'steered-r0' (data 'longest'", "4 steps (resumed at 2)");
            assertLine(report, "student 'steered-r1'", "4 steps, ");
            for (String m : List.of("teacher", "baseline-r0", "baseline-r1", "steered-r0")) {
                assertLine(report, "profile text of '" + m + "'", "complete, ");
            }
            assertLine(report, "profile text of 'steered-r1'", "complete, 4 items");
            assertLine(
                    report,
                    "comparison 'steering' (baseline 'random', 3 arms; text ",
                    "stored for the dashboard");
            assertTrue(
                    second.messages.stream()
                            .anyMatch(m -> m.startsWith("profiles 5/5 text steered-r1 · ")),
                    second.messages.toString());

            // Baseline and steered replicate r share seed, settings and base; only data differ.
            for (int r = 0; r < 2; r++) {
                var b = trainings.find("baseline-r" + r).orElseThrow();
                var s = trainings.find("steered-r" + r).orElseThrow();
                assertEquals(TrainingPlan.seedFor(3, r), b.seed());
                assertEquals(b.seed(), s.seed());
                assertEquals(b.config(), s.config());
                assertEquals(b.baseLocation(), s.baseLocation());
                assertEquals("selection:random-baseline", b.dataSource());
                assertEquals("selection:longest", s.dataSource());
                assertEquals(4, s.totalSteps());
            }
            assertNotEquals(
                    TrainingPlan.seedFor(3, 0), TrainingPlan.seedFor(3, 1), "replicates differ");
            // The resumed replicate's loss curve: steps 1..4 once each.
            long steeredR0 = trainings.find("steered-r0").orElseThrow().id();
            assertEquals(
                    List.of(1, 2, 3, 4),
                    trainings.curve(steeredR0).stream()
                            .filter(row -> row.split().equals("train"))
                            .map(TrainingRepository.LogRow::step)
                            .toList());
            Map<String, Long> counts = counts(p);
            assertEquals(4, counts.get("training"));
            assertEquals(16, counts.get("training_log"), "4 students x 4 train steps, no heldout");
            assertEquals(5, counts.get("profile"));
            assertEquals(20, counts.get("profile_item"), "5 models x 4 prompts x 1 sample");

            // The dashboard and export-charts see the declared comparison, baseline first.
            List<ComparisonPlan.Entry> plan = ComparisonPlan.discover(p);
            assertEquals(1, plan.size());
            assertEquals("steering", plan.get(0).name());
            assertEquals("text", plan.get(0).suite());
            List<ProfileComparison.Arm> arms = plan.get(0).arms();
            assertEquals(
                    List.of("random", "steered", "teacher"),
                    arms.stream().map(ProfileComparison.Arm::label).toList());
            assertEquals(
                    List.of("baseline-r0", "baseline-r1"),
                    arms.get(0).replicates().stream().map(ModelRecord::name).toList());

            // 3. Once more: every stage finds its work done and the project is unchanged.
            List<String> snapshot = snapshot(p);
            List<String> again = runner.run(recipe, yaml, JobContext.none());
            assertEquals(snapshot, snapshot(p), "a finished recipe changes nothing");
            runner.plan(recipe).forEach((st, pl) -> assertEquals(List.of(), pl, st.label()));
            assertEquals(snapshot, snapshot(p), "planning changes nothing");
            assertEquals(
                    4,
                    again.stream().filter(l -> l.endsWith("already trained")).count(),
                    again.toString());
            assertEquals(
                    5,
                    again.stream().filter(l -> l.endsWith("already complete")).count(),
                    again.toString());
            assertTrue(again.get(again.size() - 1).endsWith("already stored"), again.toString());

            // 4. Changed settings under the same names are refused, never mixed in.
            String otherLr = yaml.replace("lr: 1e-3", "lr: 2e-3");
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    runner.run(
                                            RecipeParser.parse(otherLr, "loop.yaml", env),
                                            otherLr,
                                            JobContext.none()));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "students[0]: a training named 'baseline-r0' already exists"
                                            + " with other data, base, seed or settings"),
                    e.getMessage());
            String otherArms = yaml.replace("teacher: teacher}", "teacher: [teacher, steered]}");
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    runner.run(
                                            RecipeParser.parse(otherArms, "loop.yaml", env),
                                            otherArms,
                                            JobContext.none()));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "comparisons[0].name: comparison 'steering' is already stored"
                                            + " with other suites or arms"),
                    e.getMessage());
            assertEquals(4, counts(p).get("training"));
        }
    }

    private static void assertLine(List<String> report, String start, String contains) {
        assertTrue(
                report.stream().anyMatch(l -> l.startsWith(start) && l.contains(contains)),
                "no line '" + start + "…" + contains + "' in " + report);
    }

    private static List<String> tables(Project p) {
        return p.read(
                c -> {
                    List<String> out = new ArrayList<>();
                    try (Statement s = c.createStatement();
                            ResultSet rs =
                                    s.executeQuery(
                                            "SELECT name FROM sqlite_master WHERE type = 'table'"
                                                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    private static Map<String, Long> counts(Project p) {
        Map<String, Long> out = new TreeMap<>();
        for (String t : tables(p)) {
            out.put(
                    t,
                    p.read(
                            c -> {
                                try (Statement s = c.createStatement();
                                        ResultSet rs =
                                                s.executeQuery(
                                                        "SELECT count(*) FROM \"" + t + "\"")) {
                                    rs.next();
                                    return rs.getLong(1);
                                }
                            }));
        }
        return out;
    }

    /** Every row of every table, as sorted text (blobs by content hash). */
    private static List<String> snapshot(Project p) {
        List<String> out = new ArrayList<>();
        for (String t : tables(p)) {
            p.read(
                    c -> {
                        try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT * FROM \"" + t + "\"")) {
                            ResultSetMetaData md = rs.getMetaData();
                            List<String> rows = new ArrayList<>();
                            while (rs.next()) {
                                StringBuilder b = new StringBuilder(t);
                                for (int i = 1; i <= md.getColumnCount(); i++) {
                                    Object v = rs.getObject(i);
                                    b.append('|')
                                            .append(
                                                    v instanceof byte[] bytes
                                                            ? "blob:" + Arrays.hashCode(bytes)
                                                            : String.valueOf(v));
                                }
                                rows.add(b.toString());
                            }
                            Collections.sort(rows);
                            out.addAll(rows);
                        }
                        return null;
                    });
        }
        return out;
    }
}
