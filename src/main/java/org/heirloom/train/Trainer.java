package org.heirloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.heirloom.job.JobContext;
import org.heirloom.model.DecoderModel;
import org.heirloom.model.LocalModel;
import org.heirloom.model.TorchOwned;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.train.data.DataOrder;
import org.heirloom.train.data.MicroBatch;
import org.heirloom.train.data.TokenizedExample;
import org.heirloom.train.data.TrainingData;
import org.heirloom.train.data.TrainingExample;

/**
 * Supervised fine-tuning of a {@link LocalModel} in-process: causal-LM loss on completion ids only,
 * AdamW, warm-up + cosine schedule, global-norm clipping, gradient accumulation, optional LoRA,
 * held-out loss, checkpoints. Everything random is a function of the seed and the step number, so
 * the same seed gives the same loss curve and weights, and a resumed run ends where an
 * uninterrupted one does.
 *
 * <p>The loss of one optimizer step is the mean over all target ids of all its micro-batches (each
 * micro-batch's sum is divided by the step's total), so accumulation equals one large batch.
 */
public final class Trainer {

    /** Receives the loss curve and checkpoints as they are produced. */
    public interface Listener {
        /** A loss row: {@code split} is {@code train} or {@code heldout}. */
        void onLoss(int step, String split, double loss, double lr, long tokens);

        /** A checkpoint is complete at {@code folder}. */
        default void onCheckpoint(int step, Path folder) {}

        Listener NONE = (step, split, loss, lr, tokens) -> {};
    }

    /**
     * What a run did.
     *
     * @param totalSteps optimizer steps of the whole run
     * @param resumedFrom step the run resumed at (0 = fresh)
     * @param lastTrainLoss train loss of the final step
     * @param lastHeldoutLoss final held-out loss, NaN without a held-out split
     * @param targetTokens target ids trained on (this process)
     * @param inputTokens ids fed forward in training, padding excluded (this process)
     * @param trainExamples examples in the training split
     * @param heldoutExamples examples held out
     * @param dropped examples with no completion id inside the maximum length
     */
    public record Outcome(
            int totalSteps,
            int resumedFrom,
            double lastTrainLoss,
            double lastHeldoutLoss,
            long targetTokens,
            long inputTokens,
            int trainExamples,
            int heldoutExamples,
            int dropped) {}

    private final LocalModel model;
    private final DecoderModel base;
    private final TrainingConfig config;
    private final long seed;
    private final List<TokenizedExample> train = new ArrayList<>();
    private final List<TokenizedExample> heldout = new ArrayList<>();
    private final DataOrder order;
    private final int totalSteps;
    private final LrSchedule schedule;
    private final String dataHash;
    private final int dropped;
    private Adapters adapters;
    private NDManager adapterManager;

    /**
     * @param model the student; its weights are trained in place
     * @param seed seeds the held-out split, the data order and LoRA's initialisation
     */
    public Trainer(LocalModel model, TrainingConfig config, long seed, TrainingData data) {
        this(model, config, seed, Split.of(model, config, seed, data), data.contentHash());
    }

    /** Pre-tokenised data (benchmarks, callers with their own tokenisation). */
    public static Trainer ofTokenized(
            LocalModel model,
            TrainingConfig config,
            long seed,
            List<TokenizedExample> train,
            List<TokenizedExample> heldout,
            String dataHash) {
        return new Trainer(model, config, seed, new Split(train, heldout, 0), dataHash);
    }

    private Trainer(LocalModel model, TrainingConfig config, long seed, Split split, String hash) {
        this.model = model;
        this.base = model.decoder();
        this.config = config;
        this.seed = seed;
        this.dataHash = hash;
        this.train.addAll(split.train());
        this.heldout.addAll(split.heldout());
        this.dropped = split.dropped();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        this.order =
                new DataOrder(
                        train,
                        config.packing(),
                        config.maxSeqLen(),
                        config.batchSize(),
                        DataOrder.mix(seed, 11));
        this.totalSteps =
                config.maxSteps() > 0
                        ? config.maxSteps()
                        : (int)
                                Math.ceil(
                                        (double) config.epochs()
                                                * order.microBatchesPerEpoch()
                                                / config.gradAccum());
        this.schedule =
                new LrSchedule(config.learningRate(), config.warmupFor(totalSteps), totalSteps);
    }

    /** Tokenised train / held-out examples. */
    record Split(List<TokenizedExample> train, List<TokenizedExample> heldout, int dropped) {

        static Split of(LocalModel model, TrainingConfig config, long seed, TrainingData data) {
            List<Integer> eos = model.config().eosTokenIds();
            if (eos.isEmpty()) {
                throw new IllegalArgumentException(
                        "the base model defines no eos_token_id (config.json / generation_config.json)");
            }
            PromptTemplate template = PromptTemplate.parse(config.template(), model);
            List<TrainingExample> examples = data.examples();
            int n = examples.size();
            boolean[] held = DataOrder.heldOut(n, config.heldoutFraction(), seed);
            List<TokenizedExample> train = new ArrayList<>();
            List<TokenizedExample> heldout = new ArrayList<>();
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                TokenizedExample t =
                        template instanceof PromptTemplate.ChatTemplate chat
                                ? TokenizedExample.ofChat(
                                        model.tokenizer(),
                                        chat,
                                        examples.get(i),
                                        eos.get(0),
                                        config.maxSeqLen())
                                : TokenizedExample.of(
                                        model.tokenizer(),
                                        template,
                                        examples.get(i),
                                        eos.get(0),
                                        config.maxSeqLen());
                if (t == null) {
                    dropped++;
                } else if (held[i]) {
                    heldout.add(t);
                } else {
                    train.add(t);
                }
            }
            if (train.isEmpty()) {
                throw new IllegalArgumentException(
                        data.source()
                                + ": no example has a completion id within max length "
                                + config.maxSeqLen());
            }
            return new Split(train, heldout, dropped);
        }
    }

    public int totalSteps() {
        return totalSteps;
    }

    public LrSchedule schedule() {
        return schedule;
    }

    /** Hash of the training data, recorded in checkpoints and the project. */
    public String dataHash() {
        return dataHash;
    }

    /**
     * Trains to the end, resuming from the newest checkpoint under {@code checkpointDir} when there
     * is one (null: no checkpoints). Afterwards the model's weights are the trained ones (LoRA
     * deltas merged in).
     */
    public Outcome run(Path checkpointDir, Listener listener, JobContext context)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(seed));
        meta.put("config", config.toJson());
        meta.put("data_hash", dataHash);
        Optional<Checkpoint> ckpt =
                checkpointDir == null ? Optional.empty() : Checkpoint.latest(checkpointDir);
        ckpt.ifPresent(c -> checkMeta(c, meta));
        NDManager root = base.manager();
        // Drops fused inference copies: forward must read the arrays the optimizer updates.
        base.prepareForTraining();
        Map<String, NDArray> trainable;
        if (config.lora() != null) {
            for (NDArray p : base.parameters().values()) {
                p.setRequiresGradient(false); // frozen base
            }
            adapterManager = root.newSubManager();
            adapters = new Adapters(base, config.lora(), seed, adapterManager);
            trainable = adapters.parameters();
        } else {
            trainable = base.parameters();
        }
        if (ckpt.isPresent()) {
            for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
                float[] v = ckpt.get().params().get(e.getKey());
                if (v == null) {
                    throw new IllegalArgumentException(
                            "checkpoint lacks parameter '" + e.getKey() + "'");
                }
                TorchOwned.assign(e.getValue(), v);
            }
        }
        for (NDArray p : trainable.values()) {
            p.setRequiresGradient(true);
        }
        java.util.Set<String> decayed = new java.util.HashSet<>();
        trainable.forEach(
                (k, v) -> {
                    if (v.getShape().dimension() >= 2) {
                        decayed.add(k);
                    }
                });
        int start = ckpt.map(Checkpoint::step).orElse(0);
        long targetTokens = 0;
        long inputTokens = 0;
        double lastTrain = Double.NaN;
        double lastHeld = Double.NaN;
        try (AdamW adam =
                new AdamW(
                        root,
                        config.beta1(),
                        config.beta2(),
                        config.epsilon(),
                        config.weightDecay(),
                        decayed)) {
            if (ckpt.isPresent()) {
                adam.restore(
                        ckpt.get().adamSteps(), ckpt.get().first(), ckpt.get().second(), trainable);
            }
            context.progress().start(totalSteps, "training");
            context.progress().advance(start);
            if (start == 0 && !heldout.isEmpty()) {
                lastHeld = finite(heldoutLoss(), "held-out", 0);
                listener.onLoss(0, "heldout", lastHeld, 0, heldoutTargets());
            }
            Engine engine = Engine.getEngine("PyTorch");
            for (int s = start; s < totalSteps; s++) {
                context.checkCancelled();
                double lr = schedule.at(s);
                List<MicroBatch> micro = new ArrayList<>();
                long n = 0;
                for (int j = 0; j < config.gradAccum(); j++) {
                    MicroBatch mb = order.microBatch((long) s * config.gradAccum() + j);
                    micro.add(mb);
                    n += mb.targetCount();
                }
                double lossSum = 0;
                try (NDManager sm = root.newSubManager()) {
                    attachAll(sm, trainable);
                    List<NDArray> params = new ArrayList<>(trainable.values());
                    List<NDArray> sum = null;
                    for (MicroBatch mb : micro) {
                        List<NDArray> g;
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            // Inside the collector: LoRA's low-rank path must be on the tape.
                            DecoderModel d = view(sm);
                            NDArray loss = targetLogProbSum(d, mb, sm).neg();
                            // Fresh gradient arrays (autograd.grad), not accumulated into .grad:
                            // nothing to zero afterwards, no extra add pass per parameter.
                            g = FusedOps.grads(perTarget(loss, n, sm), params, sm);
                            lossSum += loss.getFloat();
                        }
                        if (sum == null) {
                            sum = g;
                        } else {
                            FusedOps.accumulate(sum, g);
                        }
                        inputTokens += inputIds(mb);
                    }
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    int i = 0;
                    for (String name : trainable.keySet()) {
                        grads.put(name, sum.get(i++));
                    }
                    if (config.maxGradNorm() > 0) {
                        clipGlobalNorm(grads.values(), config.maxGradNorm(), sm);
                    }
                    adam.step(trainable, grads, lr, sm);
                }
                targetTokens += n;
                int done = s + 1;
                lastTrain = finite(lossSum / n, "train", done);
                listener.onLoss(done, "train", lastTrain, lr, n);
                boolean last = done == totalSteps;
                if (!heldout.isEmpty()
                        && (last || (config.evalEvery() > 0 && done % config.evalEvery() == 0))) {
                    lastHeld = finite(heldoutLoss(), "held-out", done);
                    listener.onLoss(done, "heldout", lastHeld, lr, heldoutTargets());
                }
                if (checkpointDir != null
                        && config.checkpointEvery() > 0
                        && done % config.checkpointEvery() == 0
                        && !last) {
                    Path f = Checkpoint.write(checkpointDir, done, adam, trainable, meta);
                    listener.onCheckpoint(done, f);
                }
                context.progress()
                        .message(
                                String.format("step %d/%d loss %.4f", done, totalSteps, lastTrain));
                context.progress().advance(1);
            }
        }
        for (NDArray p : trainable.values()) {
            p.setRequiresGradient(false);
        }
        if (adapters != null) {
            try (NDManager sm = root.newSubManager()) {
                adapters.mergeInto(base.parameters(), sm);
            }
            adapterManager.close();
            adapters = null;
        }
        return new Outcome(
                totalSteps,
                start,
                lastTrain,
                lastHeld,
                targetTokens,
                inputTokens,
                train.size(),
                heldout.size(),
                dropped);
    }

    /**
     * A NaN or infinite loss ends training with a message that says so: nothing good follows from
     * it (Adam spreads a NaN to every weight), and storing it would break the loss curve.
     */
    static double finite(double loss, String split, int step) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(
                    "training stopped: the "
                            + split
                            + " loss is "
                            + loss
                            + " at step "
                            + step
                            + " (diverged or numerically broken; try a lower --lr, a smaller"
                            + " --max-grad-norm, or check the data); run the same command again to"
                            + " resume from the last checkpoint");
        }
        return loss;
    }

    private void checkMeta(Checkpoint c, Map<String, String> meta) {
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (!e.getValue().equals(c.meta().get(e.getKey()))) {
                throw new IllegalArgumentException(
                        "checkpoint at step "
                                + c.step()
                                + " was made with another "
                                + e.getKey().replace('_', ' ')
                                + "; delete it or train under a new name");
            }
        }
    }

    private void attachAll(NDManager sm, Map<String, NDArray> trainable) {
        // Results of ops join their first operand's manager: while a step runs, every long-lived
        // array is lent to the step's manager so temporaries (and gradient handles) die with it.
        List<NDArray> all = new ArrayList<>(base.parameters().values());
        if (adapters != null) {
            all.addAll(trainable.values());
        }
        sm.tempAttachAll(all.toArray(new NDArray[0]));
    }

    private DecoderModel view(NDManager sm) {
        if (adapters == null) {
            return base;
        }
        return DecoderModel.over(
                base.config(), sm, base.parameters(), adapters.pairs(), adapters.scale());
    }

    /**
     * {@code loss / n}, the divisor torch-owned: autograd keeps it for the backward pass, and DJL's
     * {@code div(Number)} would leave it in a Java buffer that the garbage collector may free first
     * (see {@link TorchOwned#scalar}).
     */
    static NDArray perTarget(NDArray loss, long n, NDManager m) {
        return loss.div(TorchOwned.scalar(m, n));
    }

    /** Sum over the micro-batch's targets of log p(target | prefix). */
    static NDArray targetLogProbSum(DecoderModel d, MicroBatch mb, NDManager m) {
        Shape shape = new Shape(mb.rows(), mb.length());
        NDArray hidden =
                d.forwardHidden(
                        m.create(mb.ids(), shape),
                        m.create(mb.positions(), shape),
                        mb.keyValid(),
                        null);
        // Only the positions that predict a target go through lm_head and the softmax.
        NDArray rows =
                hidden.reshape(-1, hidden.getShape().get(2))
                        .get(new NDIndex("{}", m.create(mb.targetRows())));
        NDArray logp = d.logits(rows).logSoftmax(-1);
        NDArray targets = m.create(mb.targets(), new Shape(mb.targetCount(), 1));
        return logp.gather(targets, 1).sum();
    }

    /**
     * Scales the gradients in place so their global L2 norm is at most {@code maxNorm}, as {@code
     * torch.nn.utils.clip_grad_norm_} (one native call for all of them); returns the norm before.
     */
    static float clipGlobalNorm(java.util.Collection<NDArray> grads, double maxNorm, NDManager m) {
        return FusedOps.clip(grads, maxNorm, m);
    }

    private static long inputIds(MicroBatch mb) {
        if (mb.keyValid() == null) {
            return (long) mb.rows() * mb.length();
        }
        long c = 0;
        for (float v : mb.keyValid()) {
            c += v != 0 ? 1 : 0;
        }
        return c;
    }

    private long heldoutTargets() {
        long c = 0;
        for (TokenizedExample e : heldout) {
            c += e.targetCount();
        }
        return c;
    }

    /** Mean negative log-likelihood over the held-out targets (no gradients kept). */
    private double heldoutLoss() {
        double sum = 0;
        long n = 0;
        NDManager root = base.manager();
        for (int i = 0; i < heldout.size(); i += config.batchSize()) {
            List<List<TokenizedExample>> rows = new ArrayList<>();
            for (TokenizedExample e :
                    heldout.subList(i, Math.min(heldout.size(), i + config.batchSize()))) {
                rows.add(List.of(e));
            }
            MicroBatch mb = MicroBatch.of(rows);
            try (NDManager sm = root.newSubManager()) {
                if (adapters != null) {
                    sm.tempAttachAll(adapters.parameters().values().toArray(new NDArray[0]));
                }
                sm.tempAttachAll(base.parameters().values().toArray(new NDArray[0]));
                sum -= targetLogProbSum(view(sm), mb, sm).getFloat();
            }
            n += mb.targetCount();
        }
        return sum / n;
    }

    /** The model being trained (for saving afterwards). */
    public LocalModel model() {
        return model;
    }
}
