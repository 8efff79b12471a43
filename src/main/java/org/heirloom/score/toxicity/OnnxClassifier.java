package org.heirloom.score.toxicity;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heirloom.score.SharedResources;

/**
 * A Hugging Face sequence-classification model exported to ONNX (e.g. Detoxify or
 * unitary/toxic-bert): folder with {@code model.onnx}, {@code tokenizer.json} and {@code
 * config.json}. Runs on DJL's OnnxRuntime engine. Probabilities: sigmoid per label when {@code
 * problem_type} is {@code multi_label_classification} (or there is a single logit), softmax
 * otherwise. The score is the probability of the chosen label, or the maximum over several chosen
 * labels. The loaded model is shared between metrics using the same folder.
 */
public final class OnnxClassifier implements ToxicityBackend {

    /** What a loaded model folder holds; shared via {@link SharedResources}. */
    static final class Loaded implements AutoCloseable {
        final ZooModel<NDList, NDList> model;
        final HuggingFaceTokenizer tokenizer;
        final List<String> labels;
        final boolean multiLabel;
        final List<String> inputNames;
        final String sha256;

        Loaded(Path dir) throws IOException, ModelNotFoundException, MalformedModelException {
            Path onnx = dir.resolve("model.onnx");
            Path tok = dir.resolve("tokenizer.json");
            Path cfg = dir.resolve("config.json");
            for (Path p : List.of(onnx, tok, cfg)) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("toxicity model folder lacks " + p);
                }
            }
            JsonNode config = new ObjectMapper().readTree(cfg.toFile());
            JsonNode id2label = config.path("id2label");
            int n = id2label.size();
            List<String> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                JsonNode name = id2label.get(Integer.toString(i));
                if (name == null) {
                    throw new IllegalArgumentException(cfg + ": id2label lacks id " + i);
                }
                l.add(name.asText());
            }
            if (l.isEmpty()) {
                throw new IllegalArgumentException(cfg + ": no id2label");
            }
            labels = List.copyOf(l);
            multiLabel =
                    "multi_label_classification".equals(config.path("problem_type").asText())
                            || labels.size() == 1;
            int maxLen = config.path("max_position_embeddings").asInt(512);
            tokenizer =
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(tok)
                            .optAddSpecialTokens(true)
                            .optTruncation(true)
                            .optMaxLength(maxLen)
                            .optPadding(true)
                            .build();
            Criteria<NDList, NDList> criteria =
                    Criteria.builder()
                            .setTypes(NDList.class, NDList.class)
                            .optModelPath(dir)
                            .optModelName("model")
                            .optEngine("OnnxRuntime")
                            .build();
            try {
                model = criteria.loadModel();
            } catch (RuntimeException | IOException | ModelNotFoundException e) {
                tokenizer.close();
                throw e;
            }
            PairList<String, Shape> in = model.describeInput();
            inputNames = in == null ? List.of("input_ids") : List.copyOf(in.keys());
            sha256 = org.heirloom.score.FileHash.sha256(onnx);
        }

        @Override
        public void close() {
            model.close();
            tokenizer.close();
        }
    }

    private final SharedResources.Lease<Loaded> lease;
    private final int[] labelIdx;
    private final String labelParam;
    private final Path dir;

    private OnnxClassifier(Path dir, SharedResources.Lease<Loaded> lease, List<String> wanted) {
        this.dir = dir;
        this.lease = lease;
        Loaded m = lease.get();
        List<String> chosen = wanted.isEmpty() ? defaultLabel(m.labels) : wanted;
        labelIdx = new int[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            int idx = indexOfIgnoreCase(m.labels, chosen.get(i));
            if (idx < 0) {
                lease.close();
                throw new IllegalArgumentException(
                        "toxicity model "
                                + dir
                                + " has no label '"
                                + chosen.get(i)
                                + "' (labels: "
                                + String.join(", ", m.labels)
                                + ")");
            }
            labelIdx[i] = idx;
        }
        List<String> names = new ArrayList<>();
        for (int i : labelIdx) {
            names.add(m.labels.get(i));
        }
        labelParam = String.join("|", names);
    }

    /** Opens (or shares) the model in {@code dir}; {@code labels} empty picks the default. */
    public static OnnxClassifier open(Path dir, List<String> labels) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IllegalArgumentException("toxicity model folder not found: " + abs);
        }
        SharedResources.Lease<Loaded> lease =
                SharedResources.acquire("onnx-classifier:" + abs, () -> new Loaded(abs));
        return new OnnxClassifier(abs, lease, labels);
    }

    /** "toxic"/"toxicity" if present; the positive class of a 2-way softmax; else an error. */
    private static List<String> defaultLabel(List<String> labels) {
        for (String l : labels) {
            String s = l.toLowerCase(Locale.ROOT);
            if (s.equals("toxic") || s.equals("toxicity")) {
                return List.of(l);
            }
        }
        if (labels.size() == 2) {
            return List.of(labels.get(1));
        }
        if (labels.size() == 1) {
            return List.of(labels.get(0));
        }
        throw new IllegalArgumentException("choose label=... among: " + String.join(", ", labels));
    }

    private static int indexOfIgnoreCase(List<String> labels, String want) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(want.trim())) {
                return i;
            }
        }
        return -1;
    }

    /** All labels of the model, in id order. */
    public List<String> labels() {
        return lease.get().labels;
    }

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Map<String, String> idParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", dir.toString());
        m.put("sha256", lease.get().sha256);
        m.put("label", labelParam);
        return m;
    }

    @Override
    public double[] score(List<String> texts) {
        double[] out = new double[texts.size()];
        int batch = 16;
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
            double[][] probs = probabilities(part);
            for (int i = 0; i < probs.length; i++) {
                double best = 0;
                for (int idx : labelIdx) {
                    best = Math.max(best, probs[i][idx]);
                }
                out[from + i] = best;
            }
        }
        return out;
    }

    /** Per-text probabilities of every label. */
    public double[][] probabilities(List<String> texts) {
        Loaded m = lease.get();
        Encoding[] enc = m.tokenizer.batchEncode(texts);
        int b = enc.length;
        int t = enc[0].getIds().length;
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        long[] types = new long[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(enc[i].getIds(), 0, ids, i * t, t);
            System.arraycopy(enc[i].getAttentionMask(), 0, mask, i * t, t);
            System.arraycopy(enc[i].getTypeIds(), 0, types, i * t, t);
        }
        synchronized (m) {
            try (NDManager nd = m.model.getNDManager().newSubManager();
                    Predictor<NDList, NDList> predictor = m.model.newPredictor()) {
                NDList inputs = new NDList();
                for (String name : m.inputNames) {
                    long[] data =
                            switch (name) {
                                case "attention_mask" -> mask;
                                case "token_type_ids" -> types;
                                default -> ids;
                            };
                    NDArray a = nd.create(data, new Shape(b, t));
                    a.setName(name);
                    inputs.add(a);
                }
                NDList output = predictor.predict(inputs);
                float[] logits = output.get(0).toFloatArray();
                int c = m.labels.size();
                if (logits.length != b * c) {
                    throw new IllegalStateException(
                            "model output has " + logits.length + " values, expected " + b * c);
                }
                double[][] probs = new double[b][c];
                for (int i = 0; i < b; i++) {
                    if (m.multiLabel) {
                        for (int j = 0; j < c; j++) {
                            probs[i][j] = 1 / (1 + Math.exp(-logits[i * c + j]));
                        }
                    } else {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < c; j++) {
                            max = Math.max(max, logits[i * c + j]);
                        }
                        double sum = 0;
                        for (int j = 0; j < c; j++) {
                            probs[i][j] = Math.exp(logits[i * c + j] - max);
                            sum += probs[i][j];
                        }
                        for (int j = 0; j < c; j++) {
                            probs[i][j] /= sum;
                        }
                    }
                }
                output.close();
                return probs;
            } catch (TranslateException e) {
                throw new IllegalStateException("toxicity model failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        lease.close();
    }
}
