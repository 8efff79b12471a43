package org.heirloom.bench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.bench.peer.PeerScript;
import org.heirloom.bench.peer.PeerScript.PeerException;

/**
 * {@code bench train}'s figures on both sides. On a model directory the peer is the independent
 * {@code torch_train_bench.py} (same shape, batch, sequence, steps and threads); on a shape given
 * by options it is the bundled eager loop {@code bench_train.py} (the same Llama, loss and AdamW as
 * our trainer, written for this comparison). Both sides report mean tokens/s over their timed
 * steps.
 */
public final class TrainPeer {

    public static final String SCRIPT = "torch_train_bench.py";
    public static final String BUNDLED = "bench_train.py";
    public static final String TOKENS = "train tok/s";

    private TrainPeer() {}

    /** Heirloom's figures of one round. */
    public static Map<String, Double> ours(TrainBench.Result r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(TOKENS, r.tokensPerSecond());
        return m;
    }

    /** The independent peer's command line. */
    public static List<String> args(String modelDir, TrainBench.Spec s) {
        return List.of(
                modelDir,
                "--batch",
                Integer.toString(s.batch()),
                "--seq",
                Integer.toString(s.seqLen()),
                "--steps",
                Integer.toString(s.steps()),
                "--warmup",
                Integer.toString(s.warmupSteps()),
                "--threads",
                Integer.toString(s.threads()),
                "--max-seconds",
                "0");
    }

    /** The bundled loop's single argument: the shape as JSON. */
    public static List<String> bundledArgs(TrainBench.Spec s) {
        ObjectNode a = new ObjectMapper().createObjectNode();
        var c = s.config();
        a.put("vocab", c.vocabSize()).put("hidden", c.hiddenSize());
        a.put("intermediate", c.intermediateSize()).put("layers", c.numLayers());
        a.put("heads", c.numHeads()).put("kv_heads", c.numKvHeads());
        a.put("batch", s.batch()).put("seq", s.seqLen()).put("steps", s.steps());
        a.put("warmup", s.warmupSteps()).put("seed", s.seed()).put("threads", s.threads());
        return List.of(a.toString());
    }

    /** The independent peer's figures: mean over its timed steps, as ours. */
    public static Map<String, Double> peer(JsonNode out) throws PeerException {
        double tokens =
                PeerScript.number(SCRIPT, out, "batch") * PeerScript.number(SCRIPT, out, "seq");
        double sum = 0;
        int n = 0;
        for (JsonNode s : out.path("step_runs_s")) {
            if (!s.isNumber() || s.asDouble() <= 0) {
                throw new PeerException(SCRIPT + ": step_runs_s holds " + s + ", not seconds");
            }
            sum += s.asDouble();
            n++;
        }
        if (n == 0) {
            throw new PeerException(SCRIPT + ": result has no step_runs_s");
        }
        return Map.of(TOKENS, tokens * n / sum);
    }

    /** The bundled loop's figures. */
    public static Map<String, Double> bundled(JsonNode out) throws PeerException {
        return Map.of(TOKENS, PeerScript.number(BUNDLED, out, "tokens_per_second"));
    }

    /** The independent peer script and a Python with torch. */
    public static PeerScript locate(Path peersDir, String python) throws PeerException {
        return PeerScript.locate(peersDir, SCRIPT, python, List.of("torch", "numpy"), 3600);
    }

    /** The bundled loop, copied to {@code dir} (it ships inside the jar). */
    public static PeerScript bundledScript(Path dir, String python) throws PeerException {
        Path script = dir.resolve(BUNDLED);
        try (InputStream in = TrainPeer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new PeerException(BUNDLED + ": missing from the build");
            }
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new PeerException(script + ": " + e.getMessage());
        }
        return PeerScript.locate(dir, BUNDLED, python, List.of("torch"), 3600);
    }
}
