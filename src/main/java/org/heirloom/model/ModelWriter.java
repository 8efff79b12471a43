package org.heirloom.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;

/**
 * Writes a model in the Hugging Face layout ({@code config.json}, {@code model.safetensors}, {@code
 * generation_config.json}, tokenizer files), so transformers and other tools open it. Each file is
 * written atomically. A model loaded from a folder keeps that folder's {@code config.json} fields
 * (only {@code vocab_size} and the dtype are rewritten) and its tokenizer and generation files; the
 * weights keep the checkpoint's names (Phi-3's fused projections) and, unless asked otherwise, its
 * dtype. Files get the modes the user's umask gives new files, not the private mode of temporary
 * files.
 */
public final class ModelWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelWriter() {}

    /** Saves in the dtype the model was loaded in; see {@link LocalModel#save(Path)}. */
    public static void save(LocalModel model, Path target) throws IOException {
        save(model, target, model.storedDType());
    }

    public static void save(LocalModel model, Path target, DType dtype) throws IOException {
        boolean created = !Files.exists(target);
        Files.createDirectories(target);
        ModelConfig c = model.config();
        List<Path> written = new ArrayList<>();
        written.add(writeJson(target.resolve("config.json"), configJson(model, dtype)));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.decoder().parameters().entrySet()) {
            tensors.put(e.getKey(), toTensor(e.getValue()).convertTo(dtype));
        }
        Path weights = target.resolve(SafeTensors.SINGLE_FILE);
        SafeTensors.write(weights, CheckpointLayout.toCheckpoint(tensors, c));
        written.add(weights);
        boolean wroteGen = false;
        for (Path f : model.tokenizerFiles()) {
            Path dest = target.resolve(f.getFileName().toString());
            if (!Files.isSameFile(f.getParent(), target)) {
                copyAtomically(f, dest);
                written.add(dest);
            }
            wroteGen |= f.getFileName().toString().equals("generation_config.json");
        }
        if (!wroteGen) {
            var g = JSON.createObjectNode();
            if (c.bosTokenId() >= 0) {
                g.put("bos_token_id", c.bosTokenId());
            }
            var eos = g.putArray("eos_token_id");
            c.eosTokenIds().forEach(eos::add);
            written.add(writeJson(target.resolve("generation_config.json"), g));
        }
        applyUmask(target, created, written);
    }

    /** The base's config.json with what saving changes, or the config's own JSON. */
    private static ObjectNode configJson(LocalModel model, DType dtype) throws IOException {
        ModelConfig c = model.config();
        Path base = model.dir() == null ? null : model.dir().resolve("config.json");
        ObjectNode o;
        if (base != null && Files.isRegularFile(base)) {
            JsonNode n = JSON.readTree(base.toFile());
            o = n.isObject() ? (ObjectNode) n : c.toJson();
        } else {
            o = c.toJson();
        }
        ObjectNode text = o.path("text_config").isObject() ? (ObjectNode) o.get("text_config") : o;
        text.put("vocab_size", c.vocabSize());
        String name =
                switch (dtype) {
                    case F32 -> "float32";
                    case F16 -> "float16";
                    case BF16 -> "bfloat16";
                };
        o.put("torch_dtype", name);
        if (o.has("dtype")) {
            o.put("dtype", name);
        }
        if (text != o && text.has("torch_dtype")) {
            text.put("torch_dtype", name);
        }
        return o;
    }

    static Tensor toTensor(NDArray a) {
        ByteBuffer raw = a.toByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer le = ByteBuffer.allocateDirect(raw.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().put(raw.asFloatBuffer());
        return new Tensor(DType.F32, a.getShape().getShape(), le);
    }

    /**
     * Gives the files written (and the folder, when this save created it) the modes new ones get
     * under the user's umask, probed by creating a file and a folder: temporary files are created
     * private (0600), which would make a saved student unreadable to other users and tools.
     */
    private static void applyUmask(Path dir, boolean created, List<Path> written)
            throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path probeFile = dir.resolve(".umask-probe-file");
        Path probeDir = dir.resolve(".umask-probe-dir");
        Set<PosixFilePermission> filePerms;
        Set<PosixFilePermission> dirPerms;
        try {
            Files.deleteIfExists(probeFile);
            Files.deleteIfExists(probeDir);
            Files.createFile(probeFile);
            Files.createDirectory(probeDir);
            filePerms = Files.getPosixFilePermissions(probeFile);
            dirPerms = Files.getPosixFilePermissions(probeDir);
        } finally {
            Files.deleteIfExists(probeFile);
            Files.deleteIfExists(probeDir);
        }
        if (created) {
            Files.setPosixFilePermissions(dir, dirPerms);
        }
        for (Path f : written) {
            Files.setPosixFilePermissions(f, filePerms);
        }
    }

    private static Path writeJson(Path file, Object value) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), ".tmp-", ".copy");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
