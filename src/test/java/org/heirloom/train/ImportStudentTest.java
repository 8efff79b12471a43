package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.heirloom.cli.CliTestAccess;
import org.heirloom.model.Fixtures;
import org.heirloom.profile.compare.ComparisonPlan;
import org.heirloom.profile.compare.ProfileComparison;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.train.data.SelectionTrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-student}: checkpoints trained elsewhere join their selection's arm. */
class ImportStudentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void importedStudentsAreReplicatesOfTheirArmInComparisons() throws Exception {
        Path project = TrlJobExportTest.projectWithSelection(dir);
        // Two "cluster-trained" replicates: distinct weights, one with a job provenance file as
        // the exported train.py writes it.
        Path r0 = copy(Fixtures.model("tiny-llama"), dir.resolve("ckpt/long-r0"));
        Path r1 = copy(Fixtures.model("tiny-llama-untied-bf16"), dir.resolve("ckpt/other"));
        Files.writeString(
                r0.resolve("heirloom-job.json"),
                "{\"format\": \"heirloom-training-job/1\", \"selection\": \"long\","
                        + " \"data_hash\": \""
                        + dataHash(project)
                        + "\", \"student\": \"long-r0\", \"replicate\": 0,"
                        + " \"heirloom_seed\": 42}");
        CliTestAccess.Result a =
                CliTestAccess.run(
                        "import-student", project.toString(), r0.toString(), "--selection", "long");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().startsWith("Registered 'long-r0' as a student of selection 'long'"));
        assertTrue(a.out().contains("provenance from heirloom-job.json"), a.out());
        CliTestAccess.Result b =
                CliTestAccess.run(
                        "import-student",
                        project.toString(),
                        r1.toString(),
                        "--selection",
                        "long",
                        "--replicate",
                        "1");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().startsWith("Registered 'long-r1'"), b.out());

        // The same weights again (another folder, another name): refused in one line.
        Path again = copy(r0, dir.resolve("ckpt/again"));
        Files.delete(again.resolve("heirloom-job.json"));
        CliTestAccess.Result dup =
                CliTestAccess.run(
                        "import-student",
                        project.toString(),
                        again.toString(),
                        "--selection",
                        "long",
                        "--replicate",
                        "2");
        assertEquals(1, dup.code());
        assertTrue(
                dup.err()
                        .startsWith(
                                "heirloom: "
                                        + again
                                        + ": these weights are already registered as model"
                                        + " 'long-r0'"),
                dup.err());
        assertEquals(1, dup.err().lines().count());
        // A job trained on other examples than the selection holds is refused.
        Files.writeString(
                again.resolve("heirloom-job.json"),
                "{\"selection\": \"long\", \"data_hash\": \"" + "0".repeat(64) + "\"}");
        CliTestAccess.Result stale =
                CliTestAccess.run(
                        "import-student",
                        project.toString(),
                        again.toString(),
                        "--selection",
                        "long");
        assertEquals(1, stale.code());
        assertEquals(
                "heirloom: "
                        + again.resolve("heirloom-job.json")
                        + ": field 'data_hash': the job trained on other examples than selection"
                        + " 'long' holds now\n",
                stale.err());
        // A job file for another selection is refused.
        Files.writeString(again.resolve("heirloom-job.json"), "{\"selection\": \"short\"}");
        CliTestAccess.Result wrong =
                CliTestAccess.run(
                        "import-student",
                        project.toString(),
                        again.toString(),
                        "--selection",
                        "long");
        assertEquals(1, wrong.code());
        assertEquals(
                "heirloom: "
                        + again.resolve("heirloom-job.json")
                        + ": field 'selection': the job trained on 'short', not 'long'\n",
                wrong.err());

        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            ModelRecord m = new ModelRepository(p).find("long-r0").orElseThrow();
            assertEquals("trained", m.kind());
            assertEquals(ModelStore.hashWeights(r0), m.contentHash());
        }

        // Profile a baseline and both imported replicates; the comparison pools long-r0/long-r1.
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "Once upon a time\nThe cat\n");
        for (String model :
                List.of(Fixtures.model("stories260k").toString(), "long-r0", "long-r1")) {
            CliTestAccess.Result r =
                    CliTestAccess.run(
                            "profile",
                            project.toString(),
                            "--model",
                            model,
                            "--suite",
                            "text",
                            "--data",
                            prompts.toString(),
                            "-n",
                            "1",
                            "--max-new-tokens",
                            "6",
                            "--template",
                            "raw");
            assertEquals(0, r.code(), model + ": " + r.err());
        }
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            List<ComparisonPlan.Entry> plan = ComparisonPlan.discover(p);
            ComparisonPlan.Entry text =
                    plan.stream().filter(e -> e.suite().equals("text")).findFirst().orElseThrow();
            ProfileComparison.Arm arm =
                    text.arms().stream()
                            .filter(x -> x.label().equals("long"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(
                    List.of("long-r0", "long-r1"),
                    arm.replicates().stream().map(ModelRecord::name).sorted().toList());
            JsonNode prov = JSON.readTree(readConfig(p, "long-r0"));
            assertEquals("long", prov.get("selection").asText());
            assertEquals(42, prov.get("job").get("heirloom_seed").asInt());
        }
    }

    private static String dataHash(Path project) {
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            return SelectionTrainingData.load(p, "long", null).contentHash();
        }
    }

    private static String readConfig(Project p, String model) {
        return p.read(
                c -> {
                    try (var ps = c.prepareStatement("SELECT config FROM model WHERE name = ?")) {
                        ps.setString(1, model);
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                });
    }
}
