package org.heirloom.train;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;

/**
 * A resumable training state in a folder {@code step-NNNNNNNN/}: {@code state.safetensors}
 * (trainable parameters {@code param/NAME}, AdamW moments {@code adam_m/NAME}, {@code adam_v/NAME})
 * and {@code state.json} (step, optimizer steps, seed, config and data hash). The data order and
 * every other random choice are functions of (seed, step), so this is all the state there is. A
 * folder is written under a temporary name and renamed into place, so a kill leaves either the
 * whole checkpoint or none.
 *
 * @param step optimizer steps done
 * @param adamSteps AdamW's bias-correction counter
 * @param params trainable parameter values
 * @param first AdamW first moments
 * @param second AdamW second moments
 * @param meta seed, config JSON, data hash (checked on resume)
 */
public record Checkpoint(
        int step,
        int adamSteps,
        Map<String, float[]> params,
        Map<String, float[]> first,
        Map<String, float[]> second,
        Map<String, String> meta) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "step-";

    /** Writes {@code dir/step-NNNNNNNN} atomically and deletes older checkpoints. */
    static Path write(
            Path dir, int step, AdamW adam, Map<String, NDArray> params, Map<String, String> meta)
            throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("%s%08d", PREFIX, step));
        Path tmp = Files.createTempDirectory(dir, ".tmp-");
        try {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                tensors.put("param/" + e.getKey(), tensor(e.getValue()));
                NDArray m = adam.firstMoments().get(e.getKey());
                NDArray v = adam.secondMoments().get(e.getKey());
                if (m != null) {
                    tensors.put("adam_m/" + e.getKey(), tensor(m));
                    tensors.put("adam_v/" + e.getKey(), tensor(v));
                }
            }
            SafeTensors.write(tmp.resolve("state.safetensors"), tensors);
            ObjectNode s = JSON.createObjectNode();
            s.put("step", step);
            s.put("adam_steps", adam.steps());
            ObjectNode m = s.putObject("meta");
            meta.forEach(m::put);
            Files.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(s));
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                String n = p.getFileName().toString();
                if (!p.equals(target) && (n.startsWith(PREFIX) || n.startsWith(".tmp-"))) {
                    deleteTree(p);
                }
            }
        }
        return target;
    }

    /** The newest complete checkpoint under {@code dir}, if any. */
    public static Optional<Checkpoint> latest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> done;
        try (Stream<Path> s = Files.list(dir)) {
            done =
                    s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                            .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                            .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                            .toList();
        }
        if (done.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(done.get(done.size() - 1)));
    }

    static Checkpoint read(Path folder) throws IOException {
        JsonNode s = org.heirloom.io.JsonFiles.read(folder.resolve("state.json"));
        Map<String, Tensor> t = SafeTensors.read(folder.resolve("state.safetensors"));
        Map<String, float[]> params = new LinkedHashMap<>();
        Map<String, float[]> first = new LinkedHashMap<>();
        Map<String, float[]> second = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : t.entrySet()) {
            String k = e.getKey();
            int slash = k.indexOf('/');
            String kind = k.substring(0, slash);
            String name = k.substring(slash + 1);
            float[] values = e.getValue().toFloatArray();
            switch (kind) {
                case "param" -> params.put(name, values);
                case "adam_m" -> first.put(name, values);
                case "adam_v" -> second.put(name, values);
                default ->
                        throw new IllegalArgumentException(
                                folder + ": unknown checkpoint tensor '" + k + "'");
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        s.path("meta").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        return new Checkpoint(
                s.path("step").asInt(), s.path("adam_steps").asInt(), params, first, second, meta);
    }

    private static Tensor tensor(NDArray a) {
        return Tensor.ofFloats(a.toFloatArray(), a.getShape().getShape());
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
