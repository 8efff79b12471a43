package org.heirloom.model.safetensors;

/** Element types we read (and write). Everything is computed in float32. */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    static DType parse(String name, String tensor, Object file) {
        return switch (name) {
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            default ->
                    throw new IllegalArgumentException(
                            file
                                    + ": tensor '"
                                    + tensor
                                    + "' has dtype "
                                    + name
                                    + "; supported: F32, F16, BF16");
        };
    }
}
