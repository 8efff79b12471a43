package org.heirloom.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.heirloom.bench.peer.BenchModels;
import org.heirloom.bench.peer.LoadGate;
import org.heirloom.bench.peer.PeerScript;
import org.heirloom.bench.peer.SideBySide;
import org.heirloom.bench.train.TrainBench;
import org.heirloom.bench.train.TrainPeer;
import org.heirloom.cli.UserInputException;
import org.heirloom.job.JobContext;
import org.heirloom.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom bench train}: training tokens/s of our trainer against a plain PyTorch eager loop
 * on the same model shape, batch and threads (Debian: {@code python3-torch}), in alternating
 * rounds: the independent {@code torch_train_bench.py} on a peers' model, else the bundled loop.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Training tokens/s on a random-init Llama; ratio against a plain PyTorch loop"
                        + " (python3-torch) run on the same shape.")
public final class BenchTrainCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden size (default 256).")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "Layers (default 4).")
    int layers;

    @Option(names = "--heads", defaultValue = "8", description = "Heads (default 8).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "4", description = "KV heads (default 4).")
    int kvHeads;

    @Option(
            names = "--intermediate",
            defaultValue = "688",
            description = "MLP width (default 688).")
    int intermediate;

    @Option(names = "--vocab", defaultValue = "512", description = "Vocabulary (default 512).")
    int vocab;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per step (default 8).")
    int batch;

    @Option(names = "--seq", defaultValue = "128", description = "Ids per sequence (default 128).")
    int seq;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default 10).")
    int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps (default 2).")
    int warmup;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Intra-op threads for both (default: available processors).")
    int threads;

    @Mixin PeerOptions peerOptions = new PeerOptions();

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "Take the shape from DIR/config.json (a peers' model) and compare with the"
                            + " independent torch_train_bench.py on DIR; the shape options are"
                            + " ignored.")
    Path model;

    @Option(
            names = "--peer-model",
            paramLabel = "SIZE",
            description = "The peers' random Llama, 30m or 110m (made once), as --model.")
    String peerModel;

    @Option(
            names = "--rounds",
            defaultValue = "2",
            description = "Alternating rounds of Heirloom and the peer (default 2).")
    int rounds;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || steps < 1 || warmup < 0) {
            throw new UserInputException(
                    "bench train: --rounds and --steps must be >= 1, --warmup >= 0");
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter err = spec.commandLine().getErr();
        Path peersDir = peerOptions.dir();
        Path dir = model;
        if (peerModel != null) {
            try {
                dir = BenchModels.ensure(peersDir, peerModel, peerOptions.python);
            } catch (PeerScript.PeerException e) {
                throw new UserInputException("bench train: " + e.getMessage());
            }
        }
        ModelConfig c;
        if (dir != null) {
            Path cfg = dir.resolve("config.json");
            try {
                c = ModelConfig.parse(new ObjectMapper().readTree(cfg.toFile()), cfg.toString());
            } catch (IOException | IllegalArgumentException e) {
                throw new UserInputException(cfg + ": " + e.getMessage());
            }
        } else {
            c = ModelConfig.llama(vocab, hidden, intermediate, layers, heads, kvHeads, true);
        }
        TrainBench.Spec s = new TrainBench.Spec(c, batch, seq, warmup, steps, 42, t);
        Path tmp = Files.createTempDirectory("heirloom-bench-train-");
        try {
            PeerScript peer = null;
            String peerMissing = null;
            String peerName;
            List<String> peerArgs;
            if (dir != null) {
                peerName = "PyTorch eager (" + TrainPeer.SCRIPT + ")";
                peerArgs = TrainPeer.args(dir.toString(), s);
            } else {
                peerName = "PyTorch eager (bundled " + TrainPeer.BUNDLED + ")";
                peerArgs = TrainPeer.bundledArgs(s);
            }
            if (peerOptions.noPeer) {
                peerMissing = "--no-peer";
            } else {
                try {
                    peer =
                            dir != null
                                    ? TrainPeer.locate(peersDir, peerOptions.python)
                                    : TrainPeer.bundledScript(tmp, peerOptions.python);
                } catch (PeerScript.PeerException e) {
                    peerMissing = e.getMessage();
                }
            }
            if (peerMissing != null) {
                err.println("bench train: PyTorch eager peer not run: " + peerMissing);
            }
            TrainBench.Result[] last = new TrainBench.Result[1];
            PeerScript p = peer;
            boolean independent = dir != null;
            SideBySide.Outcome o =
                    SideBySide.run(
                            peerName,
                            peer == null ? 1 : rounds,
                            t,
                            round -> {
                                last[0] = TrainBench.run(s, JobContext.none());
                                return TrainPeer.ours(last[0]);
                            },
                            p == null
                                    ? null
                                    : round -> {
                                        JsonNode j = p.run(peerArgs);
                                        return independent
                                                ? TrainPeer.peer(j)
                                                : TrainPeer.bundled(j);
                                    },
                            peerMissing,
                            LoadGate::now,
                            err);
            print(c, s, last[0], o);
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tmp);
        }
        return 0;
    }

    private void print(
            ModelConfig c, TrainBench.Spec s, TrainBench.Result ours, SideBySide.Outcome o)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        OptionalDouble ratio = o.medianRatio(TrainPeer.TOKENS);
        if (json) {
            ObjectNode r = mapper.createObjectNode();
            r.put("parameters", c.parameterCount());
            ObjectNode shape = r.putObject("shape");
            shape.put("vocab", c.vocabSize()).put("hidden", c.hiddenSize());
            shape.put("intermediate", c.intermediateSize()).put("layers", c.numLayers());
            shape.put("heads", c.numHeads()).put("kv_heads", c.numKvHeads());
            shape.put("batch", s.batch()).put("seq", s.seqLen()).put("steps", s.steps());
            shape.put("warmup", s.warmupSteps()).put("seed", s.seed()).put("threads", s.threads());
            r.put("heirloom_tokens_per_second", ours.tokensPerSecond());
            r.put("heirloom_ms_per_step", ours.msPerStep());
            r.put("heirloom_first_loss", ours.firstLoss());
            r.put("heirloom_last_loss", ours.lastLoss());
            if (o.peerMissing() != null) {
                r.put("pytorch", o.peerMissing());
            }
            if (ratio.isPresent()) {
                r.put("ratio", ratio.getAsDouble());
            }
            r.set("sideBySide", o.toJson(mapper));
            out.println(mapper.writeValueAsString(r));
        } else {
            out.printf(
                    "model: %,d parameters (hidden %d, %d layers), batch %d x %d ids, %d threads%n",
                    c.parameterCount(),
                    c.hiddenSize(),
                    c.numLayers(),
                    s.batch(),
                    s.seqLen(),
                    s.threads());
            out.printf(
                    "heirloom (last round): %,.0f tokens/s (%.1f ms/step; loss %.3f -> %.3f)%n",
                    ours.tokensPerSecond(), ours.msPerStep(), ours.firstLoss(), ours.lastLoss());
            o.print(out);
        }
        out.flush();
    }
}
