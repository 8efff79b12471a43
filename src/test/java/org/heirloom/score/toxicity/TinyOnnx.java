package org.heirloom.score.toxicity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a tiny ONNX sequence classifier by hand-encoding the protobuf (onnx.proto field numbers):
 * logits = mean_t(Embedding[input_ids]) · W + b, i.e. Gather → ReduceMean(axes=[1]) → MatMul → Add,
 * plus a WordLevel tokenizer.json and a config.json. Weights are small and chosen so that expected
 * probabilities can be computed by hand.
 */
final class TinyOnnx {

    static final List<String> VOCAB =
            List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "you", "idiot", "nice", "day");

    /** Embedding rows (D = 2), one per vocabulary entry. */
    static final float[][] EMB = {
        {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0.5f, 0}, {3, 1}, {-1, 0}, {-1, 2}
    };

    static final float[][] W = {{1, 0}, {0, 1}};
    static final float[] B = {0.5f, -0.5f};

    private TinyOnnx() {}

    /** Writes model.onnx, tokenizer.json and config.json into {@code dir}. */
    static Path write(Path dir, List<String> labels, String problemType) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), model());
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < VOCAB.size(); i++) {
            vocab.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(VOCAB.get(i))
                    .append("\":")
                    .append(i);
        }
        Files.writeString(
                dir.resolve("tokenizer.json"),
                "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
                        + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},"
                        + "\"post_processor\":null,\"decoder\":null,"
                        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{"
                        + vocab
                        + "},\"unk_token\":\"[UNK]\"}}");
        StringBuilder id2label = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            id2label.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(i)
                    .append("\":\"")
                    .append(labels.get(i))
                    .append('"');
        }
        Files.writeString(
                dir.resolve("config.json"),
                "{\"id2label\":{"
                        + id2label
                        + "},\"problem_type\":\""
                        + problemType
                        + "\",\"max_position_embeddings\":64}");
        return dir;
    }

    static byte[] model() {
        Proto graph = new Proto();
        graph.message(1, node(List.of("emb", "input_ids"), "e", "Gather", null));
        graph.message(1, node(List.of("e"), "m", "ReduceMean", axesAndKeepdims()));
        graph.message(1, node(List.of("m", "W"), "mw", "MatMul", null));
        graph.message(1, node(List.of("mw", "b"), "logits", "Add", null));
        graph.string(2, "tiny_classifier");
        graph.message(5, floatTensor("emb", new long[] {EMB.length, 2}, flatten(EMB)));
        graph.message(5, floatTensor("W", new long[] {2, 2}, flatten(W)));
        graph.message(5, floatTensor("b", new long[] {2}, B));
        graph.message(11, valueInfo("input_ids", 7, "batch", "sequence"));
        graph.message(12, valueInfo("logits", 1, "batch", null));
        Proto model = new Proto();
        model.varint(1, 8); // ir_version
        model.string(2, "heirloom-test");
        model.message(7, graph);
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, 13);
        model.message(8, opset);
        return model.bytes();
    }

    private static Proto node(List<String> inputs, String output, String op, Proto[] attrs) {
        Proto n = new Proto();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output);
        n.string(3, op + "_" + output);
        n.string(4, op);
        if (attrs != null) {
            for (Proto a : attrs) {
                n.message(5, a);
            }
        }
        return n;
    }

    private static Proto[] axesAndKeepdims() {
        Proto axes = new Proto();
        axes.string(1, "axes");
        axes.varint(8, 1); // ints: [1]
        axes.varint(20, 7); // AttributeType INTS
        Proto keep = new Proto();
        keep.string(1, "keepdims");
        keep.varint(3, 0); // i
        keep.varint(20, 2); // AttributeType INT
        return new Proto[] {axes, keep};
    }

    private static Proto floatTensor(String name, long[] dims, float[] values) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, 1); // FLOAT
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        t.bytes(9, raw.array());
        return t;
    }

    private static Proto valueInfo(String name, int elemType, String dim0, String dim1) {
        Proto shape = new Proto();
        Proto d0 = new Proto();
        d0.string(2, dim0);
        shape.message(1, d0);
        if (dim1 != null) {
            Proto d1 = new Proto();
            d1.string(2, dim1);
            shape.message(1, d1);
        } else {
            Proto d1 = new Proto();
            d1.varint(1, 2);
            shape.message(1, d1);
        }
        Proto tensor = new Proto();
        tensor.varint(1, elemType);
        tensor.message(2, shape);
        Proto type = new Proto();
        type.message(1, tensor);
        Proto vi = new Proto();
        vi.string(1, name);
        vi.message(2, type);
        return vi;
    }

    private static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    /** Minimal protobuf writer: varint and length-delimited fields. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            key(field, 0);
            raw(value);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] b) {
            key(field, 2);
            raw(b.length);
            out.writeBytes(b);
        }

        void message(int field, Proto p) {
            bytes(field, p.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void key(int field, int wire) {
            raw(((long) field << 3) | wire);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
