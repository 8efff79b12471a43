package org.heirloom.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer in preallocated tensors, keys transposed {@code [batch, kvHeads,
 * headDim, capacity]} (a view of the filled prefix is the right operand of q·kᵀ as it is, no
 * transpose op per layer) and values {@code [batch, kvHeads, capacity, headDim]}: each step writes
 * its new slots in place and attends over views of the filled prefix, so decoding never reallocates
 * or concatenates.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    public KvCache(NDManager parent, ModelConfig config, int batch, int capacity) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.keys = new NDArray[config.numLayers()];
        this.values = new NDArray[config.numLayers()];
        Shape kShape = new Shape(batch, config.numKvHeads(), config.headDim(), capacity);
        Shape vShape = new Shape(batch, config.numKvHeads(), capacity, config.headDim());
        for (int i = 0; i < keys.length; i++) {
            keys[i] = manager.zeros(kShape, DataType.FLOAT32);
            values[i] = manager.zeros(vShape, DataType.FLOAT32);
        }
    }

    /** Slots filled so far. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Writes transposed keys {@code kT} ({@code [batch, kvHeads, headDim, t]}) and values {@code v}
     * ({@code [batch, kvHeads, t, headDim]}) after the filled slots of {@code layer} and returns
     * views of all filled slots in the same layouts, attached to {@code step}.
     */
    NDArray[] append(int layer, NDArray kT, NDArray v, NDManager step) {
        long t = v.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException(
                    "KV cache full: " + length + " + " + t + " slots > capacity " + capacity);
        }
        keys[layer].set(new NDIndex().addAllDim(3).addSliceDim(length, length + t), kT);
        values[layer].set(new NDIndex().addAllDim(2).addSliceDim(length, length + t), v);
        NDArray kv = keys[layer].get(step, new NDIndex().addAllDim(3).addSliceDim(0, length + t));
        NDArray vv = values[layer].get(step, new NDIndex().addAllDim(2).addSliceDim(0, length + t));
        return new NDArray[] {kv, vv};
    }

    /** Forgets every filled slot (a prefill from scratch follows). */
    public void clear() {
        length = 0;
    }

    /** Marks {@code t} more slots filled (after every layer has appended them). */
    void advance(int t) {
        length += t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
