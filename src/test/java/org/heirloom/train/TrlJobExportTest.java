package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.heirloom.cli.CliTestAccess;
import org.heirloom.io.ContentHash;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelTokenizer;
import org.heirloom.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-training-job --engine trl}: the exported data are the examples Heirloom's own
 * trainer sees, token for token on tiny-llama, and the SFTConfig uses TRL's documented fields.
 */
class TrlJobExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = Path.of("sample-projects/example").toAbsolutePath();

    /**
     * Fields of TRL 0.21.0's documented {@code SFTConfig} (its own and those it inherits from
     * transformers' {@code TrainingArguments}) that an export may use.
     */
    private static final Set<String> SFT_CONFIG_FIELDS =
            Set.of(
                    "output_dir",
                    "seed",
                    "data_seed",
                    "learning_rate",
                    "lr_scheduler_type",
                    "warmup_steps",
                    "weight_decay",
                    "adam_beta1",
                    "adam_beta2",
                    "adam_epsilon",
                    "optim",
                    "max_grad_norm",
                    "per_device_train_batch_size",
                    "per_device_eval_batch_size",
                    "gradient_accumulation_steps",
                    "num_train_epochs",
                    "max_steps",
                    "max_length",
                    "packing",
                    "completion_only_loss",
                    "logging_steps",
                    "eval_strategy",
                    "eval_steps",
                    "save_strategy",
                    "save_steps",
                    "save_total_limit",
                    "report_to");

    @TempDir Path dir;

    static Path projectWithSelection(Path dir) throws Exception {
        Path project = dir.resolve("p.heirloom");
        run("new", project.toString());
        run(
                "import-prompts",
                project.toString(),
                EXAMPLE.resolve("prompts.jsonl").toString(),
                "--name",
                "p");
        run(
                "generate-candidates",
                project.toString(),
                "--prompts",
                "p",
                "--teacher",
                "import:" + EXAMPLE.resolve("candidates.jsonl"),
                "--k",
                "4",
                "--name",
                "r");
        run("score", project.toString(), "--run", "r", "--metrics", "words");
        run(
                "select",
                project.toString(),
                "--run",
                "r",
                "--strategy",
                "max:words",
                "--name",
                "long");
        return project;
    }

    static void run(String... args) {
        CliTestAccess.Result r = CliTestAccess.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    }

    @Test
    void exportedExamplesAreWhatTheTrainerSeesTokenForToken() throws Exception {
        Path base = Fixtures.model("tiny-llama");
        Path project = projectWithSelection(dir);
        Path out = dir.resolve("job");
        run(
                "export-training-job",
                project.toString(),
                "--selection",
                "long",
                "--engine",
                "trl",
                "--out",
                out.toString(),
                "--base",
                base.toString(),
                "--replicates",
                "2",
                "--heldout",
                "0.34",
                "--max-len",
                "128",
                "--seed",
                "3",
                "--lora-rank",
                "4");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("heirloom-training-job/1", manifest.get("format").asText());
        assertEquals("long", manifest.get("selection").asText());
        assertEquals("0.21.0", manifest.get("trl_version").asText());

        TrainingConfig config =
                TrainingConfig.defaults()
                        .withHeldout(0.34, 10)
                        .withSequence(128, false)
                        .withLora(new LoraConfig(4, 8.0, List.of("q_proj", "v_proj")));
        TrainingData data;
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            data = SelectionTrainingData.load(p, "long", null);
        }
        assertEquals(data.contentHash(), manifest.get("data_hash").asText());
        assertEquals(6, manifest.get("examples").asInt());

        try (LocalModel model = LocalModel.load(base);
                ModelTokenizer tok = ModelTokenizer.open(base)) {
            long eos = model.config().eosTokenIds().get(0);
            for (int r = 0; r < 2; r++) {
                JsonNode rep = manifest.get("replicate_jobs").get(r);
                long seed = TrainingPlan.seedFor(3, r);
                assertEquals(seed, rep.get("heirloom_seed").asLong());
                assertEquals("long-r" + r, rep.get("student").asText());
                // What Heirloom's trainer itself tokenises for this replicate.
                Trainer.Split split = Trainer.Split.of(model, config, seed, data);
                List<JsonNode> train = rows(out.resolve(rep.get("train_file").asText()));
                List<JsonNode> held = rows(out.resolve(rep.get("eval_file").asText()));
                assertEquals(split.train().size(), train.size());
                assertEquals(split.heldout().size(), held.size());
                assertEquals(2, held.size(), "floor(0.34 * 6) held out");
                compare(split.train(), train);
                compare(split.heldout(), held);
                for (JsonNode row : concat(train, held)) {
                    // Independently: the paper's template, spelled out, then prompt + completion
                    // tokenised as one text with BOS, EOS appended, cut at max length.
                    String prompt = row.get("prompt").asText();
                    assertTrue(prompt.startsWith("### Question: "), prompt);
                    assertTrue(prompt.endsWith("\n ### Answer: "), prompt);
                    String original =
                            prompt.substring(14, prompt.length() - "\n ### Answer: ".length());
                    assertTrue(
                            data.examples().stream()
                                    .anyMatch(
                                            e ->
                                                    e.prompt().equals(original)
                                                            && e.completion()
                                                                    .equals(
                                                                            row.get("completion")
                                                                                    .asText())));
                    long[] full = tok.encode(prompt + row.get("completion").asText(), true);
                    long[] expected = new long[Math.min(full.length + 1, 128)];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = i < full.length ? full[i] : eos;
                    }
                    assertArrayEquals(expected, ids(row.get("input_ids")));
                    long[] promptIds = tok.encode(prompt, true);
                    int zeros = 0;
                    for (JsonNode m : row.get("completion_mask")) {
                        zeros += m.asInt() == 0 ? 1 : 0;
                    }
                    assertTrue(zeros <= promptIds.length, "mask covers at most the prompt");
                    for (int i = 0; i < zeros; i++) {
                        assertEquals(promptIds[i], expected[i], "masked ids are prompt ids");
                    }
                }
                JsonNode cfg = JSON.readTree(out.resolve(rep.get("config_file").asText()).toFile());
                JsonNode sft = cfg.get("sft_config");
                for (Iterator<String> it = sft.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    assertTrue(SFT_CONFIG_FIELDS.contains(f), "not an SFTConfig field: " + f);
                }
                assertTrue(sft.get("completion_only_loss").asBoolean());
                assertEquals(TrlJobExporterAccess.trlSeed(seed), sft.get("seed").asInt());
                assertEquals(5e-5, sft.get("learning_rate").asDouble());
                assertEquals(128, sft.get("max_length").asInt());
                assertEquals(4, cfg.get("lora").get("r").asInt());
                assertEquals(8.0, cfg.get("lora").get("lora_alpha").asDouble());
                // ceil(3 epochs × ceil(4 train / 8 per batch) / 1) = 3 steps; warm-up ceil(3%·3).
                assertEquals(3, sft.get("max_steps").asInt());
                assertEquals(1, sft.get("warmup_steps").asInt());
            }
        }
        for (String f : List.of("train.py", "launch_accelerate.sh", "launch_slurm.sh")) {
            String h = manifest.get("files").get(f).asText();
            assertEquals(ContentHash.of(Files.readAllBytes(out.resolve(f))), h, f);
        }
        assertTrue(
                Files.readString(out.resolve("launch_slurm.sh")).contains("#SBATCH --array=0-1"));
        // A second export to the same folder is refused, and leaves the first as it was.
        CliTestAccess.Result again =
                CliTestAccess.run(
                        "export-training-job",
                        project.toString(),
                        "--selection",
                        "long",
                        "--out",
                        out.toString(),
                        "--base",
                        base.toString());
        assertEquals(1, again.code());
        assertEquals("heirloom: " + out + ": already exists; choose a new folder\n", again.err());
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().contains(".tmp")));
    }

    private static void compare(List<TokenizedExample> expected, List<JsonNode> rows) {
        for (int i = 0; i < expected.size(); i++) {
            TokenizedExample t = expected.get(i);
            JsonNode row = rows.get(i);
            assertArrayEquals(t.ids(), ids(row.get("input_ids")), "example " + i);
            JsonNode mask = row.get("completion_mask");
            assertEquals(t.ids().length, mask.size());
            for (int j = 0; j < mask.size(); j++) {
                assertEquals(j < t.promptLength() ? 0 : 1, mask.get(j).asInt(), "mask " + j);
            }
        }
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static long[] ids(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static List<JsonNode> rows(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
