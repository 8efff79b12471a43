package org.heirloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * libtorch's multi-tensor kernels, which DJL's Java API does not reach: the fused AdamW update
 * ({@code torch._fused_adamw_}, what {@code torch.optim.AdamW(fused=True)} runs: one pass that
 * reads parameter, gradient and both moments once), the gradient norm of a whole list ({@code
 * _foreach_norm}), in-place scaling and sums of lists, and {@code torch.autograd.grad}. Each is one
 * native call for all parameters instead of a dozen element-wise passes per parameter.
 *
 * <p>They are reached through a TorchScript module whose source is the constant text below: the
 * archive (source, a three-field pickle, a version) is assembled here in memory, so nothing binary
 * ships and nothing is read from outside. It is our code, never a project's.
 */
final class FusedOps {

    /** TorchScript source; libtorch compiles it when the archive loads. */
    private static final String SOURCE =
            """
            class TrainOps(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.TrainOps,
                x: Tensor) -> Tensor:
                return x
              def adamw(self: __torch__.TrainOps,
                params: List[Tensor],
                grads: List[Tensor],
                exp_avgs: List[Tensor],
                exp_avg_sqs: List[Tensor],
                steps: List[Tensor],
                lr: float,
                beta1: float,
                beta2: float,
                weight_decay: float,
                eps: float) -> int:
                torch._fused_adamw_(params, grads, exp_avgs, exp_avg_sqs, annotate(List[Tensor], []), steps, lr=lr, beta1=beta1, beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False, maximize=False)
                return 0
              def clip(self: __torch__.TrainOps,
                grads: List[Tensor],
                max_norm: float) -> Tensor:
                norms = torch._foreach_norm(grads, 2.)
                total = torch.linalg_vector_norm(torch.stack(norms), 2.)
                coef = torch.clamp_max(torch.div(torch.full_like(total, max_norm), torch.add(total, 1e-06)), 1.)
                torch._foreach_mul_(grads, coef)
                return total
              def grads(self: __torch__.TrainOps,
                loss: Tensor,
                params: List[Tensor]) -> List[Tensor]:
                gs = torch.autograd.grad([loss], params, None, None, False, True)
                out = annotate(List[Tensor], [])
                for i in range(len(gs)):
                  g = gs[i]
                  if g is None:
                    out.append(torch.zeros_like(params[i]))
                  else:
                    out.append(g)
                return out
              def accumulate(self: __torch__.TrainOps,
                sums: List[Tensor],
                grads: List[Tensor]) -> int:
                torch._foreach_add_(sums, grads)
                return 0
            """;

    private static PtSymbolBlock module;
    private static PtNDManager owner;

    private FusedOps() {}

    /**
     * AdamW as {@code torch.optim.AdamW(fused=True)}: {@code p ← p·(1 − lr·λ)}, moments updated,
     * {@code p ← p − lr/(1−β1^t) · m / (√v / √(1−β2^t) + ε)}. All lists are parallel and float32.
     *
     * @param step the bias-correction exponent t of this update
     */
    static void adamW(
            List<NDArray> params,
            List<NDArray> grads,
            List<NDArray> m,
            List<NDArray> v,
            int step,
            double lr,
            double beta1,
            double beta2,
            double weightDecay,
            double eps,
            NDManager scratch) {
        if (params.isEmpty()) {
            return;
        }
        // The kernel reads t from a float tensor per parameter (torch keeps one per parameter).
        NDArray t = scratch.create((float) step);
        List<NDArray> steps = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            steps.add(t);
        }
        call(
                "adamw",
                list(params),
                list(grads),
                list(m),
                list(v),
                list(steps),
                IValue.from(lr),
                IValue.from(beta1),
                IValue.from(beta2),
                IValue.from(weightDecay),
                IValue.from(eps));
    }

    /**
     * Scales the gradients in place so their global L2 norm is at most {@code maxNorm}, as {@code
     * torch.nn.utils.clip_grad_norm_}; returns the norm before clipping.
     */
    static float clip(Collection<NDArray> grads, double maxNorm, NDManager scratch) {
        IValue out = null;
        IValue[] in = {list(grads), IValue.from(maxNorm)};
        try {
            out = IValueUtils.runMethod(module(), "clip", in);
            return out.toTensor((PtNDManager) scratch).getFloat();
        } finally {
            close(in);
            if (out != null) {
                out.close();
            }
        }
    }

    /**
     * Gradients of {@code loss} with respect to {@code params}, as {@code torch.autograd.grad}:
     * fresh arrays (in {@code scratch}), nothing accumulated into the parameters' {@code .grad}, so
     * nothing has to be zeroed between steps (as {@code zero_grad(set_to_none=True)}). A parameter
     * the loss does not reach gets zeros. Frees the graph.
     */
    static List<NDArray> grads(NDArray loss, List<NDArray> params, NDManager scratch) {
        IValue out = null;
        IValue[] in = {IValue.from((PtNDArray) loss), list(params)};
        try {
            out = IValueUtils.runMethod(module(), "grads", in);
            return List.of(out.toTensorArray((PtNDManager) scratch));
        } finally {
            close(in);
            if (out != null) {
                out.close();
            }
        }
    }

    /**
     * {@code sums[i] += grads[i]} in place (gradient accumulation). The arrays {@link #grads}
     * returns are inference tensors, which only these kernels may update in place.
     */
    static void accumulate(List<NDArray> sums, List<NDArray> grads) {
        call("accumulate", list(sums), list(grads));
    }

    private static void call(String method, IValue... in) {
        try {
            IValueUtils.runMethod(module(), method, in).close();
        } finally {
            close(in);
        }
    }

    private static IValue list(Collection<NDArray> arrays) {
        PtNDArray[] a = new PtNDArray[arrays.size()];
        int i = 0;
        for (NDArray x : arrays) {
            a[i++] = (PtNDArray) x;
        }
        return IValue.listFrom(a);
    }

    private static void close(IValue[] values) {
        for (IValue v : values) {
            v.close();
        }
    }

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            Engine.getEngine("PyTorch");
            owner = (PtNDManager) NDManager.newBaseManager("PyTorch");
            try {
                module =
                        JniUtils.loadModule(
                                owner, new ByteArrayInputStream(archive()), false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return module;
    }

    /** The TorchScript archive: stored zip entries under one top folder. */
    static byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "heirloom/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "heirloom/data.pkl", modulePickle());
            stored(zip, "heirloom/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, "heirloom/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Pickle (protocol 2) of {@code __torch__.TrainOps} with state {@code {"training": True}}. */
    private static byte[] modulePickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO 2
        p.write(2);
        p.writeBytes("c__torch__\nTrainOps\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x88); // NEWTRUE
        p.write('s'); // SETITEM
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
