package org.heirloom.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays whose memory torch allocated. DJL's {@code create} from Java data wraps a Java direct
 * buffer ({@code from_blob}): its address is only 16-byte aligned and differs from run to run, and
 * MKL's reproducible mode ({@code MKL_CBWR}) gives the same bits only for equally aligned inputs —
 * so weights and optimizer state kept in such buffers made a resumed training drift from an
 * uninterrupted one. Long-lived arrays are therefore copied into torch's own (64-byte aligned)
 * memory; the Java buffer can then go.
 */
public final class TorchOwned {

    private TorchOwned() {}

    /** A torch-owned copy of {@code array} in its manager; {@code array} is closed. */
    public static NDArray adopt(NDArray array) {
        NDArray owned = array.duplicate();
        array.close();
        return owned;
    }

    /** {@code manager.create(values, shape)}, torch-owned. */
    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        return adopt(manager.create(values, shape));
    }

    /**
     * A 0-d float32 array holding {@code value}, torch-owned, for the scalar operand of an op that
     * autograd may record. DJL's {@code mul(Number)} and {@code div(Number)} wrap the number in an
     * array over a Java direct buffer and close it as soon as the op returns, but autograd keeps
     * that operand for the backward pass (the derivative of x·c is c): once the garbage collector
     * frees the buffer, backward reads freed memory and scales the gradients by whatever lies there
     * (NaN, ±inf, 1e17, 1e-16). A torch-owned operand is reference-counted by the graph.
     */
    public static NDArray scalar(NDManager manager, float value) {
        return of(manager, new float[] {value}, new Shape());
    }

    /**
     * Replaces the values of {@code target} (same shape) with {@code values}, keeping torch-owned
     * memory: {@code set} would make it a view of a Java buffer again.
     */
    public static void assign(NDArray target, float[] values) {
        NDArray fresh = of(target.getManager(), values, target.getShape());
        target.intern(fresh);
    }
}
