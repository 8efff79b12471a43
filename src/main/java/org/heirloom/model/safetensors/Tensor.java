package org.heirloom.model.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One stored tensor: its element type, shape, and raw little-endian bytes (a view into a mapped
 * file when read, so large models are not copied onto the Java heap).
 *
 * @param dtype element type of {@code data}
 * @param shape dimensions, outermost first
 * @param data raw bytes, little-endian, position 0, exactly {@code numel * dtype.bytes()} long
 */
public record Tensor(DType dtype, long[] shape, ByteBuffer data) {

    public Tensor {
        shape = shape.clone();
        data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected;
        try {
            expected = Math.multiplyExact(numel(shape), (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has more bytes than fit in 64 bits");
        }
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(
                    "tensor data is "
                            + data.remaining()
                            + " bytes, shape "
                            + Arrays.toString(shape)
                            + " of "
                            + dtype
                            + " needs "
                            + expected);
        }
    }

    /**
     * Element count; a negative dimension or a product beyond {@code long} is refused (a wrapped
     * product could match a small data range and pass the size check).
     */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "shape "
                                + Arrays.toString(shape)
                                + " has more elements than fit in 64 bits");
            }
        }
        return n;
    }

    public long numel() {
        return numel(shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Wraps float values as an F32 tensor. */
    public static Tensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(DType.F32, shape, b);
    }

    /** The values as float32, in a direct native-order buffer (what NDManager.create copies). */
    public ByteBuffer toF32() {
        int n = Math.toIntExact(numel());
        ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> {
                if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                    out.put(in);
                } else {
                    out.asFloatBuffer().put(in.asFloatBuffer());
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat(i * 4, HalfFloats.f16ToFloat(in.getShort(i * 2)));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat(i * 4, HalfFloats.bf16ToFloat(in.getShort(i * 2)));
                }
            }
        }
        out.clear();
        return out;
    }

    /** The values as a float array (small tensors, tests). */
    public float[] toFloatArray() {
        ByteBuffer b = toF32();
        float[] f = new float[Math.toIntExact(numel())];
        b.asFloatBuffer().get(f);
        return f;
    }

    /** Converts float32 values to {@code target} (round to nearest even for the half types). */
    public Tensor convertTo(DType target) {
        if (target == dtype) {
            return this;
        }
        float[] f = toFloatArray();
        ByteBuffer b =
                ByteBuffer.allocateDirect(f.length * target.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < f.length; i++) {
            switch (target) {
                case F32 -> b.putFloat(i * 4, f[i]);
                case F16 -> b.putShort(i * 2, HalfFloats.floatToF16(f[i]));
                case BF16 -> b.putShort(i * 2, HalfFloats.floatToBf16(f[i]));
            }
        }
        return new Tensor(target, shape, b);
    }
}
