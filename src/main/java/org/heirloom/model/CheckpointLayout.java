package org.heirloom.model;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.model.safetensors.Tensor;

/**
 * Maps a checkpoint's tensor names to the decoder's and back. The decoder holds every family under
 * Llama's names; Phi-3 checkpoints fuse {@code qkv_proj} ([q | k | v] rows) and {@code
 * gate_up_proj} ([gate | up] rows), and multimodal Gemma 3 checkpoints keep the language model
 * under {@code language_model.model.} (older transformers) or {@code model.language_model.}.
 */
final class CheckpointLayout {

    private CheckpointLayout() {}

    /** The stored tensors under the decoder's names (views; nothing is copied). */
    static Map<String, Tensor> toDecoder(Map<String, Tensor> stored, ModelConfig c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : stored.entrySet()) {
            String name = e.getKey();
            if (c.modelType().equals("gemma3")) {
                name = textName(name);
                if (name == null) {
                    continue; // vision tower and projector: not used
                }
            }
            out.put(name, e.getValue());
        }
        if (!c.arch().fusedCheckpoint()) {
            return out;
        }
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKvHeads() * c.headDim();
        long inter = c.intermediateSize();
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            split(
                    out,
                    p + "self_attn.qkv_proj.weight",
                    p + "self_attn.",
                    ".weight",
                    List.of("q_proj", "k_proj", "v_proj"),
                    new long[] {q, kv, kv});
            split(
                    out,
                    p + "mlp.gate_up_proj.weight",
                    p + "mlp.",
                    ".weight",
                    List.of("gate_proj", "up_proj"),
                    new long[] {inter, inter});
        }
        return out;
    }

    /** The decoder's tensors under the checkpoint's names (Phi-3: fused again). */
    static Map<String, Tensor> toCheckpoint(Map<String, Tensor> tensors, ModelConfig c) {
        if (c.modelType().equals("gemma3")) {
            // Back under the multimodal checkpoint's (current) prefix; no vision weights.
            Map<String, Tensor> out = new LinkedHashMap<>();
            tensors.forEach(
                    (n, t) ->
                            out.put(
                                    n.startsWith("model.")
                                            ? "model.language_model." + n.substring(6)
                                            : n,
                                    t));
            return out;
        }
        if (!c.arch().fusedCheckpoint()) {
            return tensors;
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String n = e.getKey();
            String p = n.substring(0, n.lastIndexOf('.', n.lastIndexOf('.') - 1) + 1);
            if (n.endsWith("self_attn.q_proj.weight")) {
                out.put(
                        p + "qkv_proj.weight",
                        concat(tensors, p, List.of("q_proj", "k_proj", "v_proj")));
            } else if (n.endsWith("mlp.gate_proj.weight")) {
                out.put(
                        p + "gate_up_proj.weight",
                        concat(tensors, p, List.of("gate_proj", "up_proj")));
            } else if (!n.endsWith("_proj.weight")
                    || n.endsWith("o_proj.weight")
                    || n.endsWith("down_proj.weight")) {
                out.put(n, e.getValue());
            }
        }
        return out;
    }

    private static String textName(String name) {
        for (String[] m :
                new String[][] {
                    {"language_model.model.", "model."},
                    {"model.language_model.", "model."},
                    {"language_model.lm_head.", "lm_head."},
                    {"lm_head.", "lm_head."}
                }) {
            if (name.startsWith(m[0])) {
                return m[1] + name.substring(m[0].length());
            }
        }
        return null;
    }

    private static void split(
            Map<String, Tensor> out,
            String fused,
            String prefix,
            String suffix,
            List<String> parts,
            long[] rows) {
        Tensor t = out.remove(fused);
        if (t == null) {
            return; // the loader then names the first missing part
        }
        long[] shape = t.shape();
        long total = 0;
        for (long r : rows) {
            total += r;
        }
        if (shape.length != 2 || shape[0] != total) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + fused
                            + "' has shape "
                            + java.util.Arrays.toString(shape)
                            + ", config.json implies ["
                            + total
                            + ", "
                            + (shape.length == 2 ? shape[1] : "?")
                            + "]");
        }
        long rowBytes = shape[1] * t.dtype().bytes();
        long at = 0;
        for (int i = 0; i < rows.length; i++) {
            ByteBuffer slice =
                    t.data()
                            .slice(
                                    Math.toIntExact(at * rowBytes),
                                    Math.toIntExact(rows[i] * rowBytes));
            out.put(
                    prefix + parts.get(i) + suffix,
                    new Tensor(t.dtype(), new long[] {rows[i], shape[1]}, slice));
            at += rows[i];
        }
    }

    private static Tensor concat(Map<String, Tensor> tensors, String prefix, List<String> parts) {
        long rows = 0;
        long cols = 0;
        long bytes = 0;
        for (String part : parts) {
            Tensor t = tensors.get(prefix + part + ".weight");
            rows += t.shape()[0];
            cols = t.shape()[1];
            bytes += t.data().remaining();
        }
        Tensor first = tensors.get(prefix + parts.get(0) + ".weight");
        ByteBuffer b = ByteBuffer.allocateDirect(Math.toIntExact(bytes));
        for (String part : parts) {
            b.put(tensors.get(prefix + part + ".weight").data().duplicate());
        }
        b.flip();
        return new Tensor(first.dtype(), new long[] {rows, cols}, b);
    }
}
