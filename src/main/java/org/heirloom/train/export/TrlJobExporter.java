package org.heirloom.train.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.heirloom.io.ContentHash;
import org.heirloom.train.DataOrder;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.TrainingData;
import org.heirloom.train.TrainingPlan;

/**
 * Writes a training job for Hugging Face TRL: per replicate the exact examples Heirloom's trainer
 * would see (pre-tokenised, with TRL's {@code completion_mask}), an {@code SFTConfig} with the same
 * hyper-parameters and seed, a {@code train.py}, launch scripts for {@code accelerate launch} and
 * Slurm, and {@code manifest.json} tying it to the selection. Written to a temporary folder and
 * renamed into place, so a failed export leaves nothing behind.
 */
public final class TrlJobExporter {

    /** The TRL release whose documented {@code SFTConfig} fields the config uses. */
    public static final String TRL_VERSION = "0.21.0";

    /** Format marker of {@code manifest.json}. */
    public static final String MANIFEST_FORMAT = "heirloom-training-job/1";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to export.
     *
     * @param name student name; replicate r trains {@code TrainingPlan.replicateName(name, R, r)}
     * @param project the project file's name (provenance only)
     * @param selection the selection trained on, {@code split} its prompts' split or null
     * @param dataHash {@link TrainingData#contentHash()} of the selection's examples
     */
    public record Job(
            String name,
            Path base,
            String project,
            String selection,
            long selectionId,
            String split,
            TrainingData data,
            TrainingConfig config,
            long seed,
            int replicates) {}

    private TrlJobExporter() {}

    /** Writes the job to {@code out}, which must not exist yet; returns the manifest. */
    public static ObjectNode export(Job job, Path out) throws IOException {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": already exists; choose a new folder");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp");
        try {
            ObjectNode manifest = write(job, tmp);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static ObjectNode write(Job job, Path dir) throws IOException {
        TrainingConfig c = job.config();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", MANIFEST_FORMAT);
        manifest.put("engine", "trl");
        manifest.put("trl_version", TRL_VERSION);
        manifest.put("project", job.project());
        manifest.put("selection", job.selection());
        manifest.put("selection_id", job.selectionId());
        if (job.split() != null) {
            manifest.put("split", job.split());
        }
        manifest.put("data_source", job.data().source());
        manifest.put("data_hash", job.data().contentHash());
        manifest.put("examples", job.data().examples().size());
        manifest.put("base", job.base().toAbsolutePath().toString());
        manifest.put("name", job.name());
        manifest.put("template", c.template());
        manifest.set("heirloom_config", JSON.readTree(c.toJson()));
        manifest.put("seed", job.seed());
        manifest.put("replicates", job.replicates());
        manifest.put("loss", "completion_only");
        ArrayNode reps = manifest.putArray("replicate_jobs");
        for (TrainingPlan.Replicate r : replicates(job)) {
            JobExamples.Split split = JobExamples.of(job.base(), c, r.seed(), job.data());
            String rd = "r" + r.replicate();
            Path data = Files.createDirectories(dir.resolve("data").resolve(rd));
            writeJsonl(data.resolve("train.jsonl"), split.train());
            writeJsonl(data.resolve("eval.jsonl"), split.heldout());
            int totalSteps = totalSteps(c, split, r.seed());
            ObjectNode sft = sftConfig(job, r, split, totalSteps);
            Path cfg = Files.createDirectories(dir.resolve("config")).resolve(rd + ".json");
            JSON.writeValue(cfg.toFile(), sft);
            ObjectNode rep = reps.addObject();
            rep.put("replicate", r.replicate());
            rep.put("student", r.name());
            rep.put("heirloom_seed", r.seed());
            rep.put("trl_seed", trlSeed(r.seed()));
            rep.put("train_examples", split.train().size());
            rep.put("heldout_examples", split.heldout().size());
            rep.put("dropped_too_long", split.dropped());
            rep.put("total_steps", totalSteps);
            rep.put("train_file", "data/" + rd + "/train.jsonl");
            rep.put("eval_file", "data/" + rd + "/eval.jsonl");
            rep.put("config_file", "config/" + rd + ".json");
            rep.put("output_dir", "students/" + r.name());
        }
        writeResource(dir, "train.py");
        writeScripts(dir, job);
        ObjectNode files = manifest.putObject("files");
        for (Path f : listFiles(dir)) {
            files.put(dir.relativize(f).toString().replace('\\', '/'), hash(f));
        }
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        return manifest;
    }

    static List<TrainingPlan.Replicate> replicates(Job job) {
        List<TrainingPlan.Replicate> out = new ArrayList<>();
        for (int r = 0; r < job.replicates(); r++) {
            out.add(
                    new TrainingPlan.Replicate(
                            TrainingPlan.replicateName(job.name(), job.replicates(), r),
                            r,
                            TrainingPlan.seedFor(job.seed(), r)));
        }
        return out;
    }

    /** TrainingArguments' seed is a 32-bit int: the replicate seed's low 31 bits. */
    static int trlSeed(long seed) {
        return (int) (seed & 0x7fffffffL);
    }

    /** As Trainer: max steps, else ceil(epochs × micro-batches per epoch / grad-accum). */
    private static int totalSteps(TrainingConfig c, JobExamples.Split split, long seed) {
        if (c.maxSteps() > 0) {
            return c.maxSteps();
        }
        List<org.heirloom.train.TokenizedExample> t = new ArrayList<>();
        for (JobExamples.Example e : split.train()) {
            t.add(new org.heirloom.train.TokenizedExample(e.inputIds(), e.promptLength()));
        }
        int micro =
                new DataOrder(t, c.packing(), c.maxSeqLen(), c.batchSize(), DataOrder.mix(seed, 11))
                        .microBatchesPerEpoch();
        return (int) Math.ceil((double) c.epochs() * micro / c.gradAccum());
    }

    /**
     * TRL {@code SFTConfig} (a {@code TrainingArguments}) keyword arguments; every name is a
     * documented field of TRL {@value #TRL_VERSION} / transformers TrainingArguments.
     */
    private static ObjectNode sftConfig(
            Job job, TrainingPlan.Replicate r, JobExamples.Split split, int totalSteps) {
        TrainingConfig c = job.config();
        ObjectNode s = JSON.createObjectNode();
        s.put("output_dir", "students/" + r.name());
        s.put("seed", trlSeed(r.seed()));
        s.put("data_seed", trlSeed(r.seed()));
        s.put("learning_rate", c.learningRate());
        s.put("lr_scheduler_type", "cosine");
        s.put("warmup_steps", c.warmupFor(totalSteps));
        s.put("weight_decay", c.weightDecay());
        s.put("adam_beta1", c.beta1());
        s.put("adam_beta2", c.beta2());
        s.put("adam_epsilon", c.epsilon());
        s.put("optim", "adamw_torch");
        s.put("max_grad_norm", c.maxGradNorm());
        s.put("per_device_train_batch_size", c.batchSize());
        s.put("per_device_eval_batch_size", c.batchSize());
        s.put("gradient_accumulation_steps", c.gradAccum());
        s.put("num_train_epochs", c.epochs());
        s.put("max_steps", totalSteps);
        s.put("max_length", c.maxSeqLen());
        s.put("packing", c.packing());
        s.put("completion_only_loss", true);
        s.put("logging_steps", 1);
        if (!split.heldout().isEmpty() && c.evalEvery() > 0) {
            s.put("eval_strategy", "steps");
            s.put("eval_steps", c.evalEvery());
        } else {
            s.put("eval_strategy", "no");
        }
        if (c.checkpointEvery() > 0) {
            s.put("save_strategy", "steps");
            s.put("save_steps", c.checkpointEvery());
            s.put("save_total_limit", 1);
        } else {
            s.put("save_strategy", "no");
        }
        s.put("report_to", "none");
        ObjectNode lora = JSON.createObjectNode();
        if (c.lora() != null) {
            lora.put("r", c.lora().rank());
            lora.put("lora_alpha", c.lora().alpha());
            lora.put("lora_dropout", 0.0);
            lora.put("bias", "none");
            lora.put("task_type", "CAUSAL_LM");
            ArrayNode targets = lora.putArray("target_modules");
            c.lora().targets().forEach(targets::add);
        }
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.set("sft_config", s);
        wrapper.set("lora", c.lora() == null ? null : lora);
        return wrapper;
    }

    private static void writeJsonl(Path file, List<JobExamples.Example> examples)
            throws IOException {
        ObjectMapper compact = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (JobExamples.Example e : examples) {
                ObjectNode row = compact.createObjectNode();
                row.put("prompt", e.prompt());
                row.put("completion", e.completion());
                ArrayNode ids = row.putArray("input_ids");
                ArrayNode mask = row.putArray("completion_mask");
                for (int i = 0; i < e.inputIds().length; i++) {
                    ids.add(e.inputIds()[i]);
                    mask.add(i < e.promptLength() ? 0 : 1);
                }
                w.write(compact.writeValueAsString(row));
                w.write('\n');
            }
        }
    }

    private static void writeScripts(Path dir, Job job) throws IOException {
        int last = job.replicates() - 1;
        String accelerate =
                "#!/usr/bin/env bash\n"
                        + "# Trains every replicate of this job, one after the other, on this"
                        + " machine's GPUs.\n"
                        + "# Multi-GPU: accelerate config (or --num_processes N); keep"
                        + " per-device batch x processes x\n"
                        + "# grad accumulation equal to Heirloom's batch x grad accumulation"
                        + " (see docs/scale-out.md).\n"
                        + "set -euo pipefail\n"
                        + "cd \"$(dirname \"$0\")\"\n"
                        + "for r in $(seq 0 "
                        + last
                        + "); do\n"
                        + "  accelerate launch \"$@\" train.py --replicate \"$r\"\n"
                        + "done\n";
        String slurm =
                "#!/usr/bin/env bash\n"
                        + "#SBATCH --job-name="
                        + job.name().replaceAll("[^A-Za-z0-9_.-]", "_")
                        + "\n"
                        + "#SBATCH --array=0-"
                        + last
                        + "\n"
                        + "#SBATCH --gres=gpu:1\n"
                        + "#SBATCH --output=slurm-%A_%a.out\n"
                        + "# One array task per replicate; edit partition, GPUs and time to suit"
                        + " your cluster.\n"
                        + "set -euo pipefail\n"
                        + "cd \"${SLURM_SUBMIT_DIR:-$(dirname \"$0\")}\"\n"
                        + "srun accelerate launch train.py --replicate \"$SLURM_ARRAY_TASK_ID\"\n";
        Path a = dir.resolve("launch_accelerate.sh");
        Path s = dir.resolve("launch_slurm.sh");
        Files.writeString(a, accelerate);
        Files.writeString(s, slurm);
        a.toFile().setExecutable(true);
        s.toFile().setExecutable(true);
    }

    private static void writeResource(Path dir, String name) throws IOException {
        try (InputStream in = TrlJobExporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Files.copy(in, dir.resolve(name));
        }
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String hash(Path f) throws IOException {
        return ContentHash.of(Files.readAllBytes(f));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a temporary folder left behind is named .NAME.tmp…
        }
    }
}
