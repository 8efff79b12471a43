package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.project.Project;
import org.heirloom.support.TestFiles;
import org.heirloom.train.data.JsonlTrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingServiceTest {

    @TempDir Path dir;

    static TrainingPlan plan(String base, Path data) throws Exception {
        TrainingConfig cfg =
                TrainingConfig.defaults()
                        .withLearningRate(1e-2)
                        .withWarmupSteps(2)
                        .withBatch(2, 2)
                        .withMaxSteps(14)
                        .withHeldout(0.2, 4)
                        .withCheckpointEvery(3)
                        .withTemplate("Q:{prompt} A:");
        return new TrainingPlan("student", base, JsonlTrainingData.read(data), cfg, 7, 1);
    }

    private Path data() throws Exception {
        Path f = dir.resolve("data.jsonl");
        StringBuilder b = new StringBuilder();
        String[] words = {
            "apple", "brick", "cloud", "dune", "ember", "frost", "grove", "haze", "iris", "jade"
        };
        for (String w : words) {
            b.append("{\"prompt\":\"")
                    .append(w)
                    .append("\",\"completion\":\"")
                    .append(new StringBuilder(w).reverse())
                    .append("\"}\n");
        }
        Files.writeString(f, b.toString());
        return f;
    }

    static List<String> curve(Project p, String name) {
        TrainingRepository r = new TrainingRepository(p);
        List<String> out = new ArrayList<>();
        for (var row : r.curve(r.find(name).orElseThrow().id())) {
            out.add(
                    row.step()
                            + " "
                            + row.split()
                            + " "
                            + row.loss()
                            + " "
                            + row.lr()
                            + " "
                            + row.tokens());
        }
        return out;
    }

    static void assertCurvesClose(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "same rows: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(" ");
            String[] a = actual.get(i).split(" ");
            assertEquals(
                    e[0] + " " + e[1] + " " + e[3] + " " + e[4],
                    a[0] + " " + a[1] + " " + a[3] + " " + a[4]);
            assertEquals(
                    Double.parseDouble(e[2]),
                    Double.parseDouble(a[2]),
                    1e-5,
                    "loss of row " + expected.get(i));
        }
    }

    static void assertWeightsClose(Path expected, Path actual) throws java.io.IOException {
        var a = org.heirloom.model.safetensors.SafeTensors.read(expected);
        var b = org.heirloom.model.safetensors.SafeTensors.read(actual);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            assertEquals(x.length, y.length, k);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-4f, k + "[" + i + "]");
            }
        }
    }

    @Test
    void trainsIntoTheProjectAndResumesAfterKill() throws Exception {
        Path base = TinyModels.saveBase(dir.resolve("base"), 11);
        Path data = data();
        // Uninterrupted.
        Path straight = dir.resolve("straight.heirloom");
        Project.create(straight, "s").close();
        List<String> straightCurve;
        Path straightWeights;
        try (Project p = Project.open(straight)) {
            var done = new TrainingService(p).train(plan(base.toString(), data), JobContext.none());
            assertEquals(1, done.size());
            var m = done.get(0);
            assertEquals(
                    straight.resolveSibling("straight.heirloom.models").resolve("student"),
                    m.folder());
            assertEquals(14, m.outcome().totalSteps());
            assertEquals(8, m.outcome().trainExamples());
            assertEquals(2, m.outcome().heldoutExamples());
            straightCurve = curve(p, "student");
            // 14 train rows, held-out at 0, 4, 8, 12, 14.
            assertEquals(19, straightCurve.size());
            straightWeights = m.folder().resolve("model.safetensors");
            p.read(
                    c -> {
                        try (PreparedStatement ps =
                                        c.prepareStatement(
                                                "SELECT m.kind, b.name, (SELECT COUNT(*) FROM model_file f WHERE"
                                                        + " f.model_id = m.id), t.status FROM model m JOIN model b ON"
                                                        + " b.id = m.parent_id JOIN training t ON t.output_model_id ="
                                                        + " m.id WHERE m.name = 'student'");
                                ResultSet rs = ps.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals("trained", rs.getString(1));
                            assertEquals("base", rs.getString(2));
                            assertTrue(rs.getInt(3) >= 3, "config, weights, tokenizer stored");
                            assertEquals("done", rs.getString(4));
                        }
                        return null;
                    });
            // Running it again finds it done; another config under the same name is refused.
            assertEquals(
                    null,
                    new TrainingService(p)
                            .train(plan(base.toString(), data), JobContext.none())
                            .get(0)
                            .outcome());
            TrainingPlan other = plan(base.toString(), data);
            TrainingPlan changed =
                    new TrainingPlan(
                            "student",
                            other.base(),
                            other.data(),
                            other.config().withLearningRate(0.1),
                            7,
                            1);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new TrainingService(p).train(changed, JobContext.none()));
        }
        try (LocalModel trained =
                LocalModel.load(
                        straight.resolveSibling("straight.heirloom.models").resolve("student"))) {
            assertTrue(trained.hasTokenizer());
        }

        // Killed mid-training in a child JVM, then resumed here.
        Path killed = dir.resolve("killed.heirloom");
        Project.create(killed, "k").close();
        Process child =
                new ProcessBuilder(
                                TestFiles.javaExecutable(),
                                "-Dai.djl.offline=true",
                                "-cp",
                                TestFiles.classPath(),
                                TrainChild.class.getName(),
                                killed.toString(),
                                base.toString(),
                                data.toString())
                        .redirectErrorStream(true)
                        .start();
        int last = 0;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("done ")) {
                    last = Integer.parseInt(line.substring(5));
                    if (last >= 7) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(last >= 7 && last < 14, "killed mid-training at step " + last);
        try (Project p = Project.open(killed)) {
            assertEquals(
                    "running", new TrainingRepository(p).find("student").orElseThrow().status());
            var m =
                    new TrainingService(p)
                            .train(plan(base.toString(), data), JobContext.none())
                            .get(0);
            assertTrue(m.outcome().resumedFrom() >= 6, "resumed at " + m.outcome().resumedFrom());
            // Same steps, learning rates and token counts; losses and weights equal up to
            // float32 rounding: MKL and OpenMP reductions may order additions differently
            // between processes (about 1e-7 relative).
            assertCurvesClose(straightCurve, curve(p, "student"));
            assertWeightsClose(straightWeights, m.folder().resolve("model.safetensors"));
            assertTrue(
                    Files.notExists(
                            killed.resolveSibling("killed.heirloom.models")
                                    .resolve(".checkpoints")
                                    .resolve("student")),
                    "checkpoints removed when done");
        }
    }

    @Test
    void replicatesGetDerivedSeedsAndBaseByName() throws Exception {
        Path base = TinyModels.saveBase(dir.resolve("tiny"), 12);
        Path f = dir.resolve("p.heirloom");
        Project.create(f, "p").close();
        try (Project p = Project.open(f)) {
            TrainingPlan one = plan(base.toString(), data());
            TrainingPlan three =
                    new TrainingPlan(
                            "arm",
                            one.base(),
                            one.data(),
                            one.config().withMaxSteps(2).withCheckpointEvery(0),
                            7,
                            2);
            var done = new TrainingService(p).train(three, JobContext.none());
            assertEquals(List.of("arm-r0", "arm-r1"), done.stream().map(d -> d.name()).toList());
            assertEquals(TrainingPlan.seedFor(7, 0), done.get(0).seed());
            assertEquals(TrainingPlan.seedFor(7, 1), done.get(1).seed());
            assertNotEquals(done.get(0).seed(), done.get(1).seed());
            // The base was registered under its folder name; now it resolves by name.
            TrainingPlan byName =
                    new TrainingPlan(
                            "again",
                            "tiny",
                            one.data(),
                            one.config().withMaxSteps(1).withCheckpointEvery(0),
                            7,
                            1);
            var again = new TrainingService(p).train(byName, JobContext.none()).get(0);
            try (LocalModel a = LocalModel.load(again.folder())) {
                assertEquals(32, a.config().hiddenSize());
            }
        }
    }
}
