package org.heirloom.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.heirloom.bench.train.TrainBench;
import org.heirloom.job.JobContext;
import org.heirloom.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom bench train}: training tokens/s of our trainer, and of a plain PyTorch eager loop
 * on the same model shape and batch when a Python with torch is installed (Debian: {@code
 * python3-torch}).
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

    @Option(names = "--python", description = "Python with torch (default: python3 on PATH).")
    String python;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ModelConfig c =
                ModelConfig.llama(vocab, hidden, intermediate, layers, heads, kvHeads, true);
        TrainBench.Spec s = new TrainBench.Spec(c, batch, seq, warmup, steps, 42, t);
        TrainBench.Result ours = TrainBench.run(s, JobContext.none());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode args = mapper.createObjectNode();
        args.put("vocab", vocab).put("hidden", hidden).put("intermediate", intermediate);
        args.put("layers", layers).put("heads", heads).put("kv_heads", kvHeads);
        args.put("batch", batch).put("seq", seq).put("steps", steps).put("warmup", warmup);
        args.put("seed", 42).put("threads", t);
        JsonNode torch = null;
        String torchNote;
        try {
            torch = runPython(args.toString());
            torchNote = torch == null ? "no Python with torch found" : null;
        } catch (Exception e) {
            torchNote = "PyTorch loop failed: " + e.getMessage();
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode r = mapper.createObjectNode();
        r.put("parameters", c.parameterCount());
        r.set("shape", args);
        r.put("heirloom_tokens_per_second", ours.tokensPerSecond());
        r.put("heirloom_ms_per_step", ours.msPerStep());
        r.put("heirloom_first_loss", ours.firstLoss());
        r.put("heirloom_last_loss", ours.lastLoss());
        if (torch != null) {
            double tt = torch.get("tokens_per_second").asDouble();
            r.put("pytorch_tokens_per_second", tt);
            r.put("pytorch_ms_per_step", torch.get("ms_per_step").asDouble());
            r.put("pytorch_version", torch.get("torch").asText());
            r.put("ratio", ours.tokensPerSecond() / tt);
        } else {
            r.put("pytorch", torchNote);
        }
        if (json) {
            out.println(mapper.writeValueAsString(r));
        } else {
            out.printf(
                    "model: %,d parameters (hidden %d, %d layers), batch %d x %d ids, %d threads%n",
                    c.parameterCount(), hidden, layers, batch, seq, t);
            out.printf(
                    "heirloom: %,.0f tokens/s (%.1f ms/step; loss %.3f -> %.3f)%n",
                    ours.tokensPerSecond(), ours.msPerStep(), ours.firstLoss(), ours.lastLoss());
            if (torch != null) {
                out.printf(
                        "pytorch %s eager: %,.0f tokens/s (%.1f ms/step)%n",
                        torch.get("torch").asText(),
                        torch.get("tokens_per_second").asDouble(),
                        torch.get("ms_per_step").asDouble());
                out.printf("ratio heirloom / pytorch: %.2fx%n", r.get("ratio").asDouble());
            } else {
                out.println("pytorch: not measured (" + torchNote + ")");
            }
        }
        out.flush();
        return 0;
    }

    /** Runs the bundled script; null when no candidate interpreter imports torch. */
    private JsonNode runPython(String args) throws Exception {
        List<String> candidates =
                python != null ? List.of(python) : List.of("/usr/bin/python3", "python3");
        Path script = Files.createTempFile("heirloom-bench-train-", ".py");
        try (InputStream in =
                BenchTrainCommand.class.getResourceAsStream(
                        "/org/heirloom/bench/train/bench_train.py")) {
            Files.write(script, in.readAllBytes());
            for (String py : candidates) {
                if (!importsTorch(py)) {
                    continue;
                }
                Process p =
                        new ProcessBuilder(py, script.toString(), args)
                                .redirectError(ProcessBuilder.Redirect.INHERIT)
                                .start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(py + " exited with " + p.exitValue());
                }
                String[] lines = text.strip().split("\n");
                return new ObjectMapper().readTree(lines[lines.length - 1]);
            }
            return null;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static boolean importsTorch(String py) {
        try {
            Process p =
                    new ProcessBuilder(py, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
