package org.heirloom.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.heirloom.model.generate.Generator;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.heirloom.model.template.ChatTemplateFiles;

/**
 * A loaded decoder model with its tokenizer: what {@link #builder()} returns. Close it to free the
 * native weights.
 *
 * <pre>{@code
 * try (LocalModel model = LocalModel.builder().optModelDir(dir).build()) {
 *     Generator g = model.newGenerator();
 *     ...
 * }
 * }</pre>
 */
public final class LocalModel implements AutoCloseable {

    private final Path dir;
    private final DecoderModel decoder;
    // What generators run: the decoder itself, or its float16-matrix view (optDecodeDtype).
    private final DecoderModel decodeDecoder;
    private final ModelTokenizer tokenizer;
    private final ChatTemplateFiles templateFiles;
    private final DType storedDType;

    private LocalModel(
            Path dir,
            DecoderModel decoder,
            DecoderModel decodeDecoder,
            ModelTokenizer tokenizer,
            ChatTemplateFiles templateFiles,
            DType storedDType) {
        this.storedDType = storedDType;
        this.dir = dir;
        this.decoder = decoder;
        this.decodeDecoder = decodeDecoder;
        this.tokenizer = tokenizer;
        this.templateFiles = templateFiles;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for {@code builder().optModelDir(dir).build()}. */
    public static LocalModel load(Path dir) throws IOException {
        return builder().optModelDir(dir).build();
    }

    /** Where it was loaded from, or null for a model created in memory. */
    public Path dir() {
        return dir;
    }

    public ModelConfig config() {
        return decoder.config();
    }

    /** The float32 decoder (likelihoods, training, saving). */
    public DecoderModel decoder() {
        return decoder;
    }

    /**
     * The decoder generators run: {@link #decoder()} unless the model was built with {@code
     * optDecodeDtype(FLOAT16)}, then its float16-matrix view.
     */
    public DecoderModel decodeDecoder() {
        return decodeDecoder;
    }

    /**
     * The decode dtype named {@code f32} or {@code f16} (any case), as the command line and teacher
     * specs write it.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static DataType parseDecodeDtype(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "f32" -> DataType.FLOAT32;
            case "f16" -> DataType.FLOAT16;
            default ->
                    throw new IllegalArgumentException(
                            "decode dtype must be f32 or f16, got '" + name + "'");
        };
    }

    /** FLOAT16 when generators read float16 matrices, else FLOAT32. */
    public DataType decodeDtype() {
        return decodeDecoder.halfPrecision() ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    /** The tokenizer; throws when the model has none (a bare random-init model). */
    public ModelTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalArgumentException(
                    (dir == null ? "this model" : dir.toString()) + " has no tokenizer.json");
        }
        return tokenizer;
    }

    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /** The chat template ({@code chat_template.jinja} or tokenizer_config.json), when present. */
    public Optional<String> chatTemplate() {
        return Optional.ofNullable(templateFiles.template());
    }

    /** The file (and field) the chat template came from, for error messages. */
    public String chatTemplateOrigin() {
        return templateFiles.origin() == null ? "chat template" : templateFiles.origin();
    }

    /** bos_token / eos_token strings of tokenizer_config.json (for chat templates). */
    public Map<String, String> specialTokens() {
        return templateFiles.specialTokens();
    }

    public Device device() {
        return decoder.manager().getDevice();
    }

    /**
     * A generator over this model's weights (EOS from generation_config / config), in the decode
     * dtype the model was built with.
     */
    public Generator newGenerator() {
        return new Generator(
                decodeDecoder,
                config().eosTokenIds(),
                tokenizer == null ? null : tokenizer::decode);
    }

    /**
     * Log-probabilities of continuations given contexts; see {@link Likelihood}. Always float32,
     * whatever the decode dtype: likelihoods are measurements, not candidates.
     */
    public Likelihood likelihood() {
        return new Likelihood(decoder);
    }

    /**
     * Saves config, safetensors weights and tokenizer files in the Hugging Face layout, the weights
     * in the dtype they were loaded in (F32 for a model created in memory).
     */
    public void save(Path target) throws IOException {
        ModelWriter.save(this, target, storedDType);
    }

    /** Saves with the weights in {@code dtype} (e.g. F32 on request for a bf16 base). */
    public void save(Path target, DType dtype) throws IOException {
        ModelWriter.save(this, target, dtype);
    }

    /** The dtype of the stored weights this model was loaded from (F32 when created in memory). */
    public DType storedDType() {
        return storedDType;
    }

    /** Tokenizer and generation files a Hugging Face model folder may hold; saving copies them. */
    static final List<String> TOKENIZER_FILES =
            List.of(
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "special_tokens_map.json",
                    "added_tokens.json",
                    "chat_template.jinja",
                    "chat_template.json",
                    "tokenizer.model",
                    "vocab.json",
                    "merges.txt",
                    "generation_config.json");

    /** Files copied alongside the weights when saving. */
    List<Path> tokenizerFiles() {
        List<Path> out = new ArrayList<>();
        Path from = dir != null ? dir : tokenizer != null ? tokenizer.file().getParent() : null;
        if (from != null) {
            for (String f : TOKENIZER_FILES) {
                boolean tokenizerOnly = dir == null && f.equals("generation_config.json");
                if (!tokenizerOnly && Files.isRegularFile(from.resolve(f))) {
                    out.add(from.resolve(f));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        decoder.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /** Loading options, in DJL's criteria style. */
    public static final class Builder {
        private Path modelDir;
        private Device device;
        private ModelConfig randomConfig;
        private long seed;
        private double initStd = 0.02;
        private Path tokenizerDir;
        private boolean fuse = true;
        private DataType decodeDtype = DataType.FLOAT32;

        /** Loads weights and tokenizer from a Hugging Face model directory. */
        public Builder optModelDir(Path dir) {
            this.modelDir = dir;
            return this;
        }

        /** Creates random weights for {@code config} instead (seeded; same seed, same weights). */
        public Builder optRandomInit(ModelConfig config, long seed) {
            this.randomConfig = config;
            this.seed = seed;
            return this;
        }

        /**
         * Random init with another standard deviation for the matrices (tests use large weights so
         * that outputs depend strongly on the input, as the shared fixtures do).
         */
        public Builder optRandomInit(ModelConfig config, long seed, double std) {
            this.initStd = std;
            return optRandomInit(config, seed);
        }

        /** Tokenizer directory for a random-init model (or to override the model's). */
        public Builder optTokenizerDir(Path dir) {
            this.tokenizerDir = dir;
            return this;
        }

        /** Device; default: the engine's default (CUDA when DJL finds it, else CPU). */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /** Whether to build fused inference matrices (default true; off for training). */
        public Builder optFuse(boolean fuse) {
            this.fuse = fuse;
            return this;
        }

        /**
         * The dtype generators' matmuls read the weights in: FLOAT32 (default, exact) or FLOAT16
         * (half the bytes per decode step; an approximation, for candidates and profiles only —
         * likelihoods stay float32). Needs the fused matrices ({@link #optFuse} true).
         */
        public Builder optDecodeDtype(DataType dtype) {
            this.decodeDtype = dtype;
            return this;
        }

        public LocalModel build() throws IOException {
            if ((modelDir == null) == (randomConfig == null)) {
                throw new IllegalArgumentException(
                        "give exactly one of a model directory or a random-init config");
            }
            if (decodeDtype != DataType.FLOAT32 && decodeDtype != DataType.FLOAT16) {
                throw new IllegalArgumentException(
                        "decode dtype must be float32 or float16, got " + decodeDtype);
            }
            if (decodeDtype == DataType.FLOAT16 && !fuse) {
                throw new IllegalArgumentException("float16 decoding needs the fused matrices");
            }
            Engine engine = Engine.getEngine("PyTorch");
            Device dev = device != null ? device : engine.defaultDevice();
            NDManager manager = NDManager.newBaseManager(dev, "PyTorch");
            try {
                ModelConfig config;
                Map<String, NDArray> params;
                DType dtype = DType.F32;
                if (modelDir != null) {
                    if (!Files.isDirectory(modelDir)) {
                        throw new IllegalArgumentException(modelDir + ": not a directory");
                    }
                    config = ModelConfig.read(modelDir);
                    Map<String, Tensor> stored =
                            CheckpointLayout.toDecoder(SafeTensors.readModelDir(modelDir), config);
                    Tensor emb = stored.get("model.embed_tokens.weight");
                    dtype = emb == null ? DType.F32 : emb.dtype();
                    config = config.withWeightDType(dtype);
                    params = loadWeights(modelDir, stored, config, manager);
                } else {
                    config = randomConfig;
                    params = randomWeights(config, seed, initStd, manager);
                }
                DecoderModel decoder = new DecoderModel(config, manager, params);
                if (fuse) {
                    decoder.fuseForInference();
                }
                DecoderModel decodeDecoder =
                        decodeDtype == DataType.FLOAT16 ? decoder.halfPrecisionDecoder() : decoder;
                Path tokDir = tokenizerDir != null ? tokenizerDir : modelDir;
                ModelTokenizer tok = null;
                ChatTemplateFiles files = new ChatTemplateFiles(null, null, Map.of());
                if (tokDir != null && Files.isRegularFile(tokDir.resolve(ModelTokenizer.FILE))) {
                    tok = ModelTokenizer.open(tokDir);
                    files = ChatTemplateFiles.read(tokDir);
                } else if (tokenizerDir != null) {
                    throw new IllegalArgumentException(
                            tokenizerDir + ": no " + ModelTokenizer.FILE);
                }
                return new LocalModel(modelDir, decoder, decodeDecoder, tok, files, dtype);
            } catch (RuntimeException | IOException e) {
                manager.close();
                throw e;
            }
        }
    }

    private static Map<String, NDArray> loadWeights(
            Path dir, Map<String, Tensor> stored, ModelConfig config, NDManager manager) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String name : DecoderModel.expectedNames(config)) {
            Tensor t = stored.get(name);
            if (t == null) {
                throw new IllegalArgumentException(
                        dir + ": weights lack tensor '" + name + "' (required by config.json)");
            }
            params.put(name, toFloat32(t, manager));
        }
        return params;
    }

    /**
     * Widens a stored tensor to float32 on the host (our own exact converters) and copies it into
     * torch. Creating half-precision arrays in torch from the mapped file crashed the native
     * library (DJL 0.36), so the conversion stays in Java.
     */
    static NDArray toFloat32(Tensor t, NDManager manager) {
        return TorchOwned.adopt(manager.create(t.toF32(), new Shape(t.shape()), DataType.FLOAT32));
    }

    /**
     * Transformers' initialisation: normal(0, 0.02) for matrices, zero biases, unit norms. Drawn on
     * the host from a seeded stream, so a seed means the same weights on every machine.
     */
    static Map<String, NDArray> randomWeights(
            ModelConfig config, long seed, double std, NDManager manager) {
        SplittableRandom root = new SplittableRandom(seed);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (String name : DecoderModel.expectedNames(config)) {
            long[] shape = DecoderModel.expectedShape(config, name);
            int n = Math.toIntExact(Tensor.numel(shape));
            float[] v = new float[n];
            SplittableRandom r = root.split();
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(v, 1f);
            } else if (!name.endsWith(".bias")) {
                gaussian(r, v, std);
            }
            params.put(name, TorchOwned.of(manager, v, new Shape(shape)));
        }
        return params;
    }

    private static void gaussian(SplittableRandom r, float[] v, double std) {
        for (int i = 0; i < v.length; i += 2) {
            // Box-Muller: two normals per pair of uniforms.
            double u1 = 1.0 - r.nextDouble();
            double u2 = r.nextDouble();
            double mag = std * Math.sqrt(-2.0 * Math.log(u1));
            v[i] = (float) (mag * Math.cos(2 * Math.PI * u2));
            if (i + 1 < v.length) {
                v[i + 1] = (float) (mag * Math.sin(2 * Math.PI * u2));
            }
        }
    }

    /** Logits of every position of one unpadded sequence (tests, diagnostics). */
    public float[][] allLogits(long[] ids) {
        try (NDManager m = decoder.manager().newSubManager()) {
            long[] pos = new long[ids.length];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = i;
            }
            NDArray logits =
                    decoder.forward(
                            m.create(ids, new Shape(1, ids.length)),
                            m.create(pos, new Shape(1, ids.length)),
                            null,
                            null);
            float[] flat = logits.toFloatArray();
            int v = config().vocabSize();
            float[][] out = new float[ids.length][v];
            for (int i = 0; i < ids.length; i++) {
                System.arraycopy(flat, i * v, out[i], 0, v);
            }
            return out;
        }
    }
}
