package org.heirloom.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heirloom.bench.generate.DecodePeer;
import org.heirloom.bench.generate.GenerateBenchmark;
import org.heirloom.bench.generate.LoadFootprint;
import org.heirloom.bench.peer.BenchModels;
import org.heirloom.bench.peer.LoadGate;
import org.heirloom.bench.peer.PeerScript;
import org.heirloom.bench.peer.SideBySide;
import org.heirloom.cli.UserInputException;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;
import org.heirloom.model.TorchThreads;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom bench generate}: decode and prompt throughput vs the bandwidth ceiling, and, on a
 * model directory, against the independent PyTorch eager peer in alternating rounds.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Decode tokens/s at batch 1 and B, prompt tokens/s, and the memory-bandwidth ceiling",
            "(weight bytes per decode step vs copy bandwidth measured in the same run); on a model",
            "directory, alternating rounds with PyTorch eager (torch_decode_bench.py) and the median",
            "ratio, claimed only when the load average allows it."
        })
public final class BenchGenerateCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "DIR", description = "Model directory.")
        Path model;

        @Option(
                names = "--random-params",
                paramLabel = "N",
                description = "Random Llama model of about N parameters (e.g. 100M), in memory.")
        String randomParams;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "Random model from a config.json.")
        Path config;

        @Option(
                names = "--peer-model",
                paramLabel = "SIZE",
                description =
                        "The peers' random Llama (30m or 110m), made once by"
                                + " make_bench_model.py into the temp folder; measured like"
                                + " --model DIR.")
        String peerModel;
    }

    @Option(
            names = "--rounds",
            paramLabel = "R",
            defaultValue = "2",
            description =
                    "With a model directory: alternating rounds of Heirloom and the PyTorch eager"
                            + " peer (default 2).")
    int rounds;

    @Mixin PeerOptions peerOptions = new PeerOptions();

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8", description = "Default 8.")
    int batch;

    @Option(
            names = "--new-tokens",
            paramLabel = "N",
            defaultValue = "64",
            description = "Default 64.")
    int newTokens;

    @Option(
            names = "--prompt-tokens",
            paramLabel = "P",
            defaultValue = "128",
            description = "Default 128.")
    int promptTokens;

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "Torch intra-op threads (default: torch's).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--write-random",
            paramLabel = "DIR",
            description =
                    "With --config or --random-params: save the random model to DIR (weights in"
                            + " --dtype) and stop, so that a later --model DIR run measures loading"
                            + " real-size files.")
    Path writeRandom;

    @Option(
            names = "--dtype",
            paramLabel = "T",
            defaultValue = "BF16",
            description = "Weights' dtype for --write-random: F32, F16 or BF16 (default BF16).")
    String dtype;

    @Option(
            names = "--decode-dtype",
            paramLabel = "D",
            defaultValue = "f32",
            description = "f32 (default) or f16: float16 projection matrices while decoding.")
    String decodeDtype;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || newTokens < 2 || promptTokens < 1 || rounds < 1) {
            throw new UserInputException(
                    "--batch >= 1, --new-tokens >= 2, --prompt-tokens >= 1 and --rounds >= 1 are"
                            + " required");
        }
        if (threads != null) {
            org.heirloom.model.TorchThreads.set(threads);
        }
        LocalModel.Builder b = LocalModel.builder();
        try {
            b.optDecodeDtype(LocalModel.parseDecodeDtype(decodeDtype));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--decode-dtype: " + e.getMessage());
        }
        String label;
        Path peersDir = peerOptions.dir();
        if (source.peerModel != null) {
            try {
                source.model = BenchModels.ensure(peersDir, source.peerModel, peerOptions.python);
            } catch (PeerScript.PeerException e) {
                throw new UserInputException("bench generate: " + e.getMessage());
            }
        }
        if (source.model != null) {
            b.optModelDir(source.model);
            label = source.model.toString();
        } else {
            ModelConfig c;
            if (source.config != null) {
                c =
                        ModelConfig.parse(
                                new ObjectMapper().readTree(source.config.toFile()),
                                source.config.toString());
                label = "random from " + source.config;
            } else {
                c =
                        GenerateBenchmark.configOfSize(
                                GenerateBenchmark.parseCount(source.randomParams));
                label = "random " + source.randomParams;
            }
            b.optRandomInit(c, 0);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (writeRandom != null) {
            if (source.model != null) {
                throw new UserInputException("--write-random needs --config or --random-params");
            }
            if (java.nio.file.Files.exists(writeRandom)) {
                throw new UserInputException(writeRandom + ": already exists");
            }
            org.heirloom.model.safetensors.DType t;
            try {
                t = org.heirloom.model.safetensors.DType.valueOf(dtype.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--dtype must be F32, F16 or BF16, got " + dtype);
            }
            try (LocalModel m = b.build()) {
                m.save(writeRandom, t);
            }
            err.println("bench generate: wrote " + label + " to " + writeRandom + " (" + t + ")");
            return 0;
        }
        err.println("bench generate: loading " + label);
        err.flush();
        GenerateBenchmark.Result r;
        SideBySide.Outcome sideBySide;
        LoadFootprint load = null;
        long loadStart = System.nanoTime();
        try (LocalModel m = b.build()) {
            load =
                    source.model != null
                            ? LoadFootprint.measure(source.model, System.nanoTime() - loadStart)
                            : null;
            if (load != null) {
                err.printf(
                        "loaded in %.1f s; resident %.0f MB (peak %.0f MB) = %.2fx the %.0f MB of"
                                + " weight files%n",
                        load.seconds(),
                        load.residentBytes() / 1e6,
                        load.peakResidentBytes() / 1e6,
                        load.residentVsFiles(),
                        load.weightFileBytes() / 1e6);
                err.flush();
            }
            ModelConfig c = m.config();
            err.printf(
                    "model: %d layers, hidden %d, heads %d/%d, vocab %d%n",
                    c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.vocabSize());
            err.flush();
            int t = TorchThreads.get();
            GenerateBenchmark.Result[] last = new GenerateBenchmark.Result[1];
            SideBySide.Round ours =
                    round -> {
                        last[0] =
                                GenerateBenchmark.run(
                                        m, batch, newTokens, promptTokens, JobContext.none());
                        return DecodePeer.ours(last[0]);
                    };
            PeerScript peer = null;
            String peerMissing = null;
            if (peerOptions.noPeer) {
                peerMissing = "--no-peer";
            } else if (source.model == null) {
                peerMissing = "the peer needs a model directory (--model DIR or --peer-model 30m)";
            } else {
                try {
                    peer = DecodePeer.locate(peersDir, peerOptions.python);
                } catch (PeerScript.PeerException e) {
                    peerMissing = e.getMessage();
                }
            }
            if (peerMissing != null) {
                err.println("bench generate: PyTorch eager peer not run: " + peerMissing);
            }
            PeerScript p = peer;
            List<String> peerArgs =
                    source.model == null
                            ? List.of()
                            : DecodePeer.args(
                                    source.model.toString(), batch, newTokens, promptTokens, t);
            sideBySide =
                    SideBySide.run(
                            "PyTorch eager (" + DecodePeer.SCRIPT + ")",
                            peer == null ? 1 : rounds,
                            t,
                            ours,
                            p == null
                                    ? null
                                    : round ->
                                            DecodePeer.peer(
                                                    p.run(peerArgs),
                                                    batch,
                                                    newTokens,
                                                    promptTokens),
                            peerMissing,
                            LoadGate::now,
                            err);
            r = last[0];
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode o = new ObjectMapper().valueToTree(r);
            o.set("sideBySide", sideBySide.toJson(new ObjectMapper()));
            o.put("decode1VsCeiling", r.decode1VsCeiling());
            o.put("batchSpeedup", r.batchSpeedup());
            o.put("bestStepVsCeiling", r.bestStepVsCeiling());
            o.put("bestStepBatchSpeedup", r.bestStepBatchSpeedup());
            if (load != null) {
                o.set("load", new ObjectMapper().valueToTree(load));
                o.put("residentVsFiles", load.residentVsFiles());
            }
            out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            out.printf(
                    "model:             %s, %.1fM parameters, device %s, %d threads%n",
                    label, r.parameters() / 1e6, r.device(), r.threads());
            out.printf(
                    "weights per step:  %.1f MB (%s matrices)%n",
                    r.weightBytesPerStep() / 1e6, decodeDtype.strip().toLowerCase(Locale.ROOT));
            out.printf("copy bandwidth:    %.2f GB/s (read + write)%n", r.copyBandwidth() / 1e9);
            out.printf("ceiling:           %.2f tok/s at batch 1%n", r.ceilingTokensPerSecond());
            out.printf(
                    "decode batch 1:    %.2f tok/s = %.2f of ceiling%n",
                    r.decode1(), r.decode1VsCeiling());
            out.printf(
                    "decode batch %d:    %.2f tok/s = %.2fx batch 1%n",
                    r.batch(), r.decodeB(), r.batchSpeedup());
            out.printf(
                    "prompt processing: %.1f tok/s (%d-token prompt)%n",
                    r.promptTokensPerSecond(), r.promptTokens());
            out.printf(
                    "best single step:  batch 1 %.2f tok/s = %.2f of ceiling; batch %d %.2f tok/s"
                            + " = %.2fx batch 1%n",
                    r.decode1BestStep(),
                    r.bestStepVsCeiling(),
                    r.batch(),
                    r.decodeBBestStep(),
                    r.bestStepBatchSpeedup());
            sideBySide.print(out);
        }
        out.flush();
        return 0;
    }
}
