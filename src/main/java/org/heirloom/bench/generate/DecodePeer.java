package org.heirloom.bench.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.bench.peer.PeerScript;
import org.heirloom.bench.peer.PeerScript.PeerException;

/**
 * {@code bench generate}'s figures on both sides: {@link GenerateBenchmark}'s and those of the
 * independent PyTorch eager peer {@code torch_decode_bench.py} on the same model directory, batch
 * sizes, prompt length and thread count. Heirloom reports the best of its repetitions, so the
 * peer's figure is also its best run (from {@code decode_runs_s} / {@code prefill_runs_s}), not its
 * median.
 */
public final class DecodePeer {

    public static final String SCRIPT = "torch_decode_bench.py";
    public static final String DECODE_1 = "decode b1 tok/s";
    public static final String PROMPT = "prompt tok/s";

    private DecodePeer() {}

    public static String decodeB(int batch) {
        return "decode b" + batch + " tok/s";
    }

    /** Heirloom's figures of one round. */
    public static Map<String, Double> ours(GenerateBenchmark.Result r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(DECODE_1, r.decode1());
        if (r.batch() != 1) {
            m.put(decodeB(r.batch()), r.decodeB());
        }
        m.put(PROMPT, r.promptTokensPerSecond());
        return m;
    }

    /** The peer's command line for one round. */
    public static List<String> args(
            String modelDir, int batch, int newTokens, int promptTokens, int threads) {
        return List.of(
                modelDir,
                "--batch",
                batch == 1 ? "1" : "1," + batch,
                "--new-tokens",
                Integer.toString(newTokens),
                "--prompt-len",
                Integer.toString(promptTokens),
                "--runs",
                "5",
                "--threads",
                Integer.toString(threads));
    }

    /** The peer's figures of one round, from its JSON line. */
    public static Map<String, Double> peer(JsonNode out, int batch, int newTokens, int promptTokens)
            throws PeerException {
        Map<String, Double> m = new LinkedHashMap<>();
        JsonNode b1 = row(out, 1);
        m.put(DECODE_1, best(b1, "decode_runs_s", newTokens - 1));
        if (batch != 1) {
            m.put(decodeB(batch), best(row(out, batch), "decode_runs_s", batch * (newTokens - 1)));
        }
        m.put(PROMPT, best(b1, "prefill_runs_s", promptTokens));
        return m;
    }

    private static JsonNode row(JsonNode out, int batch) throws PeerException {
        for (JsonNode r : out.path("results")) {
            if (r.path("batch").asInt() == batch) {
                return r;
            }
        }
        throw new PeerException(SCRIPT + ": result has no row for batch " + batch);
    }

    /** Tokens per second of the fastest run listed in {@code field}. */
    private static double best(JsonNode row, String field, double tokens) throws PeerException {
        double min = Double.POSITIVE_INFINITY;
        for (JsonNode s : row.path(field)) {
            if (!s.isNumber() || s.asDouble() <= 0) {
                throw new PeerException(SCRIPT + ": " + field + " holds " + s + ", not seconds");
            }
            min = Math.min(min, s.asDouble());
        }
        if (min == Double.POSITIVE_INFINITY) {
            throw new PeerException(SCRIPT + ": result has no " + field);
        }
        return tokens / min;
    }

    /** Locates the peer script and a Python with torch. */
    public static PeerScript locate(java.nio.file.Path peersDir, String python)
            throws PeerException {
        return PeerScript.locate(peersDir, SCRIPT, python, List.of("torch", "numpy"), 3600);
    }
}
