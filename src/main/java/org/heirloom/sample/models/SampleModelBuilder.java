package org.heirloom.sample.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;
import org.heirloom.model.TorchThreads;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.sample.corpus.SampleCorpus;
import org.heirloom.train.Trainer;
import org.heirloom.train.TrainingData;
import org.heirloom.train.TrainingExample;

/**
 * Builds sample models from scratch: corpus, shared word-level tokenizer, random init, training
 * with our own {@link Trainer}, then a Hugging Face folder with half-precision weights and a {@code
 * heirloom-build.json} recipe.
 *
 * <p>Every model of one build shares one tokenizer, made from the corpora of <em>all</em> specs
 * given, so a teacher's output is always in the student's vocabulary.
 */
public final class SampleModelBuilder {

    /** Stored precision: F16 halves the files; loading widens to float32. */
    public static final DType STORED = DType.F16;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one build did.
     *
     * @param dir the model folder
     * @param vocab tokenizer size
     * @param parameters parameter count
     * @param outcome the trainer's summary
     * @param seconds wall time (corpus, training and writing)
     */
    public record Built(
            Path dir, int vocab, long parameters, Trainer.Outcome outcome, double seconds) {}

    private SampleModelBuilder() {}

    /** The shared vocabulary of the corpora of {@code specs} (rendered prompts and answers). */
    public static List<String> vocabulary(List<SampleModelSpec> specs) {
        List<String> texts = new ArrayList<>();
        for (SampleModelSpec s : specs) {
            PromptTemplate template = PromptTemplate.parse(s.training().template(), null);
            for (TrainingExample e :
                    SampleCorpus.trainingData(s.corpusSeed(), s.examples()).examples()) {
                texts.add(template.render(e.prompt()) + e.completion());
            }
        }
        return WordTokenizer.vocabulary(texts, 1);
    }

    /**
     * Builds {@code which} (one of {@code all}) into {@code outDir/which.name()}, replacing what is
     * there only once the new folder is complete. Sets torch to {@code threads} intra-op threads.
     */
    public static Built build(
            List<SampleModelSpec> all,
            SampleModelSpec which,
            Path outDir,
            int threads,
            Trainer.Listener listener,
            JobContext context)
            throws IOException {
        long t0 = System.nanoTime();
        TorchThreads.set(threads);
        Files.createDirectories(outDir);
        Path work = outDir.resolve(".building-" + which.name());
        deleteTree(work);
        Path tokDir = work.resolve("tokenizer");
        Path modelDir = work.resolve(which.name());
        List<String> vocab = vocabulary(all);
        WordTokenizer.write(tokDir, vocab, which.maxContext());
        ModelConfig config = which.config(vocab.size());
        TrainingData data = SampleCorpus.trainingData(which.corpusSeed(), which.examples());
        Trainer.Outcome outcome;
        try (LocalModel m =
                LocalModel.builder()
                        .optRandomInit(config, which.initSeed())
                        .optTokenizerDir(tokDir)
                        .optFuse(false)
                        .build()) {
            Trainer trainer = new Trainer(m, which.training(), which.trainSeed(), data);
            outcome =
                    trainer.run(
                            null,
                            (step, split, loss, lr, tokens) -> {
                                if (!Double.isFinite(loss)) {
                                    throw new IllegalStateException(
                                            which.name()
                                                    + ": "
                                                    + split
                                                    + " loss is "
                                                    + loss
                                                    + " at step "
                                                    + step
                                                    + " (see the known training issue in"
                                                    + " docs/training.md); build again");
                                }
                                listener.onLoss(step, split, loss, lr, tokens);
                            },
                            context);
            m.save(modelDir);
        }
        storeHalf(modelDir.resolve(SafeTensors.SINGLE_FILE));
        writeRecipe(modelDir, all, which, vocab.size(), config, threads, outcome);
        Path target = outDir.resolve(which.name());
        deleteTree(target);
        Files.move(modelDir, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(work);
        return new Built(
                target,
                vocab.size(),
                config.parameterCount(),
                outcome,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Rewrites a float32 safetensors file in {@link #STORED} precision. */
    static void storeHalf(Path file) throws IOException {
        Map<String, Tensor> in = SafeTensors.read(file);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            out.put(e.getKey(), e.getValue().convertTo(STORED)); // fresh buffers, not the mapping
        }
        SafeTensors.write(file, out);
    }

    private static void writeRecipe(
            Path dir,
            List<SampleModelSpec> all,
            SampleModelSpec s,
            int vocab,
            ModelConfig config,
            int threads,
            Trainer.Outcome o)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", s.name());
        root.put("built_by", "heirloom build-sample-models");
        ObjectNode corpus = root.putObject("corpus");
        corpus.put("generator", SampleCorpus.class.getName());
        corpus.put("seed", s.corpusSeed());
        corpus.put("examples", s.examples());
        corpus.put("template", s.training().template());
        ObjectNode tok = root.putObject("tokenizer");
        tok.put("kind", "word-level (" + WordTokenizer.class.getName() + ")");
        tok.put("vocab_size", vocab);
        ArrayNode from = tok.putArray("built_from_corpora");
        for (SampleModelSpec x : all) {
            from.addObject().put("seed", x.corpusSeed()).put("examples", x.examples());
        }
        ObjectNode shape = root.putObject("model");
        shape.put("hidden_size", s.hidden());
        shape.put("num_hidden_layers", s.layers());
        shape.put("num_attention_heads", s.heads());
        shape.put("num_key_value_heads", s.kvHeads());
        shape.put("intermediate_size", s.intermediate());
        shape.put("max_position_embeddings", s.maxContext());
        shape.put("parameters", config.parameterCount());
        shape.put("init", "normal(0, 0.02) from seed " + s.initSeed());
        shape.put("stored_dtype", STORED.name());
        ObjectNode train = root.putObject("training");
        train.put("seed", s.trainSeed());
        train.set("config", JSON.readTree(s.training().toJson()));
        train.put("torch_threads", threads);
        String cbwr = System.getenv("MKL_CBWR");
        train.put("mkl_cbwr", cbwr == null ? "" : cbwr);
        ObjectNode out = root.putObject("outcome");
        out.put("steps", o.totalSteps());
        out.put("last_train_loss", o.lastTrainLoss());
        out.put("last_heldout_loss", o.lastHeldoutLoss());
        out.put("target_tokens", o.targetTokens());
        out.put("train_examples", o.trainExamples());
        out.put("heldout_examples", o.heldoutExamples());
        out.put("dropped_examples", o.dropped());
        out.put(
                "weights_sha256",
                ContentHash.of(Files.readAllBytes(dir.resolve(SafeTensors.SINGLE_FILE))));
        Files.writeString(
                dir.resolve("heirloom-build.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
