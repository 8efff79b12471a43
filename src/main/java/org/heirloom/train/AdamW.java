package org.heirloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.model.TorchOwned;

/**
 * AdamW (Loshchilov &amp; Hutter) over plain NDArrays, numerically as {@code torch.optim.AdamW}:
 * decoupled decay {@code p ← p·(1 − lr·λ)}, then {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v +
 * (1−β2)·g²}, {@code p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)}. DJL's optimizers need
 * {@code Parameter} objects; ours are named arrays. The update is libtorch's fused AdamW kernel
 * ({@link FusedOps}): one pass over parameter, gradient and moments instead of about a dozen
 * element-wise passes per parameter. State is float32 and lives in the optimizer's own manager, so
 * it survives per-step sub-managers.
 */
public final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Set<String> decayed;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private int t;

    /**
     * @param parent manager the state is created under (same device as the parameters)
     * @param decayed names of the parameters weight decay applies to
     */
    public AdamW(
            NDManager parent,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay,
            Set<String> decayed) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = Set.copyOf(decayed);
    }

    /** Updates done so far (the bias-correction exponent of the next update minus one). */
    public int steps() {
        return t;
    }

    /** First and second moments by parameter name (live arrays; empty before the first step). */
    public Map<String, NDArray> firstMoments() {
        return m;
    }

    public Map<String, NDArray> secondMoments() {
        return v;
    }

    /** Restores state saved from {@link #steps()} and the moments (checkpoint resume). */
    public void restore(
            int steps,
            Map<String, float[]> first,
            Map<String, float[]> second,
            Map<String, NDArray> params) {
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            float[] a = first.get(e.getKey());
            float[] b = second.get(e.getKey());
            if (a == null || b == null) {
                throw new IllegalArgumentException(
                        "checkpoint lacks optimizer state for '" + e.getKey() + "'");
            }
            m.put(e.getKey(), TorchOwned.of(manager, a, e.getValue().getShape()));
            v.put(e.getKey(), TorchOwned.of(manager, b, e.getValue().getShape()));
        }
        this.t = steps;
    }

    /**
     * One update of every parameter that has a gradient: one fused native pass over all of them
     * (one call for the decayed parameters, one for the rest), as {@code torch.optim.AdamW(fused=
     * True)}.
     *
     * @param params trainable arrays by name (updated in place)
     * @param grads their gradients by name
     * @param lr learning rate of this step
     * @param scratch manager for temporaries (closed by the caller after the step)
     */
    public void step(
            Map<String, NDArray> params, Map<String, NDArray> grads, double lr, NDManager scratch) {
        t++;
        Group decay = new Group();
        Group plain = new Group();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = grads.get(name);
            if (g == null) {
                continue;
            }
            NDArray mi = m.get(name);
            NDArray vi = v.get(name);
            if (mi == null) {
                mi = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
                vi = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
                m.put(name, mi);
                v.put(name, vi);
            }
            (weightDecay > 0 && decayed.contains(name) ? decay : plain).add(p, g, mi, vi);
        }
        decay.update(t, lr, weightDecay, scratch);
        plain.update(t, lr, 0, scratch);
    }

    /** Parallel lists for one fused call. */
    private final class Group {
        final List<NDArray> p = new ArrayList<>();
        final List<NDArray> g = new ArrayList<>();
        final List<NDArray> m1 = new ArrayList<>();
        final List<NDArray> m2 = new ArrayList<>();

        void add(NDArray param, NDArray grad, NDArray first, NDArray second) {
            p.add(param);
            g.add(grad);
            m1.add(first);
            m2.add(second);
        }

        void update(int step, double lr, double decay, NDManager scratch) {
            FusedOps.adamW(p, g, m1, m2, step, lr, beta1, beta2, decay, epsilon, scratch);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
