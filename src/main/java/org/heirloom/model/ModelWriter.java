package org.heirloom.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;

/**
 * Writes a model in the Hugging Face layout ({@code config.json}, {@code model.safetensors} in
 * float32, {@code generation_config.json}, tokenizer files), so transformers and other tools open
 * it. Each file is written atomically.
 */
public final class ModelWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelWriter() {}

    public static void save(LocalModel model, Path target) throws IOException {
        Files.createDirectories(target);
        ModelConfig c = model.config();
        writeJson(target.resolve("config.json"), c.toJson());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.decoder().parameters().entrySet()) {
            tensors.put(e.getKey(), toTensor(e.getValue()));
        }
        SafeTensors.write(
                target.resolve(SafeTensors.SINGLE_FILE), CheckpointLayout.toCheckpoint(tensors, c));
        boolean wroteGen = false;
        for (Path f : model.tokenizerFiles()) {
            Path dest = target.resolve(f.getFileName().toString());
            if (!Files.isSameFile(f.getParent(), target)) {
                copyAtomically(f, dest);
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
            writeJson(target.resolve("generation_config.json"), g);
        }
    }

    static Tensor toTensor(NDArray a) {
        ByteBuffer raw = a.toByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer le = ByteBuffer.allocateDirect(raw.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().put(raw.asFloatBuffer());
        return new Tensor(DType.F32, a.getShape().getShape(), le);
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
