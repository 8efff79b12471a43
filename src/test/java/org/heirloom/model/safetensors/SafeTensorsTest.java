package org.heirloom.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir Path tmp;

    @Test
    void halfPrecisionBitPatternsArePublishedValues() {
        // IEEE 754 binary16 reference values.
        assertEquals(1.0f, HalfFloats.f16ToFloat((short) 0x3C00));
        assertEquals(-2.0f, HalfFloats.f16ToFloat((short) 0xC000));
        assertEquals(65504f, HalfFloats.f16ToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(0x1p-14f, HalfFloats.f16ToFloat((short) 0x0400)); // smallest normal
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.f16ToFloat((short) 0x7C00));
        assertEquals((short) 0x3555, HalfFloats.floatToF16(1f / 3)); // 0.333251953125
        assertEquals((short) 0x7C00, HalfFloats.floatToF16(70000f));
        assertEquals((short) 0x0001, HalfFloats.floatToF16(0x1p-24f));
        // bfloat16: the top half of the float32 bits, rounded to nearest even.
        assertEquals(1.0f, HalfFloats.bf16ToFloat((short) 0x3F80));
        assertEquals((short) 0x3EAB, HalfFloats.floatToBf16(1f / 3));
        assertEquals(
                (short) 0x3F80,
                HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808000))); // tie → even
        assertEquals(
                (short) 0x3F82,
                HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F818000))); // tie → even (up)
    }

    @Test
    void everyHalfValueSurvivesARoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = HalfFloats.f16ToFloat(h);
            if (!Float.isNaN(f)) {
                assertEquals(h, HalfFloats.floatToF16(f), "f16 " + Integer.toHexString(bits));
            }
            float g = HalfFloats.bf16ToFloat(h);
            if (!Float.isNaN(g)) {
                assertEquals(h, HalfFloats.floatToBf16(g), "bf16 " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void roundTripF32F16Bf16() throws Exception {
        float[] v = {0f, 1f, -1.5f, 0.1f, 3.14159f, -1e-3f, 1234.5f, 7e-6f};
        Map<String, Tensor> in = new LinkedHashMap<>();
        Tensor f32 = Tensor.ofFloats(v, 2, 4);
        in.put("a.f32", f32);
        in.put("b.f16", f32.convertTo(DType.F16));
        in.put("c.bf16", f32.convertTo(DType.BF16));
        in.put("d.scalar", Tensor.ofFloats(new float[] {2f}));
        Path file = tmp.resolve("x.safetensors");
        SafeTensors.write(file, in);
        Map<String, Tensor> out = SafeTensors.read(file);
        assertEquals(in.keySet(), out.keySet());
        assertArrayEquals(v, out.get("a.f32").toFloatArray(), 0f);
        assertArrayEquals(new long[] {2, 4}, out.get("b.f16").shape());
        assertEquals(DType.F16, out.get("b.f16").dtype());
        assertEquals(DType.BF16, out.get("c.bf16").dtype());
        assertArrayEquals(new long[0], out.get("d.scalar").shape());
        for (int i = 0; i < v.length; i++) {
            float h = out.get("b.f16").toFloatArray()[i];
            float b = out.get("c.bf16").toFloatArray()[i];
            assertEquals(v[i], h, Math.abs(v[i]) * 1e-3 + 1e-7, "f16 " + i);
            assertEquals(v[i], b, Math.abs(v[i]) * 8e-3, "bf16 " + i);
            // Exact: the stored half values read back as what the converters produce.
            assertEquals(HalfFloats.f16ToFloat(HalfFloats.floatToF16(v[i])), h);
            assertEquals(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(v[i])), b);
        }
        // Layout: 8-byte length, JSON header padded to 8 bytes, data right after.
        byte[] raw = Files.readAllBytes(file);
        long hlen = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, hlen % 8);
        String header = new String(raw, 8, (int) hlen, StandardCharsets.UTF_8);
        assertTrue(
                header.contains(
                        "\"a.f32\":{\"dtype\":\"F32\",\"shape\":[2,4],\"data_offsets\":[0,32]}"),
                header);
        assertEquals(8 + hlen + 32 + 16 + 16 + 4, raw.length);
    }

    @Test
    void shardedIndexIsFollowed() throws Exception {
        SafeTensors.write(
                tmp.resolve("model-00001-of-00002.safetensors"),
                Map.of("x", Tensor.ofFloats(new float[] {1, 2}, 2)));
        SafeTensors.write(
                tmp.resolve("model-00002-of-00002.safetensors"),
                Map.of("y", Tensor.ofFloats(new float[] {3}, 1)));
        SafeTensors.writeIndex(
                tmp,
                Map.of(
                        "x",
                        "model-00001-of-00002.safetensors",
                        "y",
                        "model-00002-of-00002.safetensors"),
                12);
        Map<String, Tensor> all = SafeTensors.readModelDir(tmp);
        assertArrayEquals(new float[] {1, 2}, all.get("x").toFloatArray());
        assertArrayEquals(new float[] {3}, all.get("y").toFloatArray());
    }

    @Test
    void badFilesGiveClearErrors() throws Exception {
        Path f = tmp.resolve("bad.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + 64).order(ByteOrder.LITTLE_ENDIAN);
        String h = "{\"w\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        byte[] hb = h.getBytes(StandardCharsets.UTF_8);
        b.putLong(hb.length).put(hb);
        Files.write(f, java.util.Arrays.copyOf(b.array(), 8 + hb.length + 1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("I8"), e.getMessage());
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SafeTensors.readModelDir(tmp.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("model.safetensors"), missing.getMessage());
    }
}
