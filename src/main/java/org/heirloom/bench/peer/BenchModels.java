package org.heirloom.bench.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The peers' random-weight Llama models ({@code make_bench_model.py --size 30m|110m}), written once
 * into the temp folder and reused: both sides then load the same files.
 */
public final class BenchModels {

    public static final Set<String> SIZES = Set.of("30m", "110m");

    private BenchModels() {}

    /** The model of {@code size}, made by the peer script when not made before. */
    public static Path ensure(Path peersDir, String size, String python)
            throws PeerScript.PeerException {
        if (!SIZES.contains(size)) {
            throw new PeerScript.PeerException("--peer-model must be 30m or 110m, got " + size);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "heirloom-bench-model-" + size);
        if (Files.isRegularFile(dir.resolve("config.json"))
                && Files.isRegularFile(dir.resolve("model.safetensors"))) {
            return dir;
        }
        PeerScript make =
                PeerScript.locate(peersDir, "make_bench_model.py", python, List.of("numpy"), 1800);
        // Written beside and renamed when complete, so a cut-off run leaves no half model behind.
        Path part = dir.resolveSibling(dir.getFileName() + ".part" + ProcessHandle.current().pid());
        make.run(List.of(part.toString(), "--size", size));
        try {
            if (!Files.isRegularFile(part.resolve("config.json"))) {
                throw new PeerScript.PeerException(
                        make.script().getFileName() + " wrote no config.json into " + part);
            }
            Files.move(part, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new PeerScript.PeerException(dir + ": " + e.getMessage());
        }
        return dir;
    }
}
