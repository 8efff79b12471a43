package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.heirloom.teacher.TeacherEnvironment;
import org.junit.jupiter.api.Test;

/** {@code local:DIR;decode-dtype=f16}: parsed, part of the identity, recorded in provenance. */
class LocalTeacherDecodeDtypeTest {

    @Test
    void decodeDtypeIsParsedAndSeparatesIdentities() throws Exception {
        Path dir = Fixtures.model("tiny-llama");
        TeacherEnvironment env = new TeacherEnvironment(dir.getParent(), name -> null);
        LocalTeacherFactory f = new LocalTeacherFactory();
        String plain = f.identity("tiny-llama", env);
        assertEquals(plain, f.identity("tiny-llama;decode-dtype=f32", env));
        String half = f.identity("tiny-llama;decode-dtype=F16", env);
        assertNotEquals(plain, half, "f16 candidates differ: another teacher");
        assertTrue(half.endsWith(";decode-dtype=f16"), half);
        assertEquals(
                DataType.FLOAT16,
                LocalTeacherFactory.parse("tiny-llama;decode-dtype=f16", env).decodeDtype());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LocalTeacherFactory.parse("tiny-llama;decode-dtype=int8", env));
        assertTrue(
                e.getMessage().contains("decode-dtype") && e.getMessage().contains("int8"),
                e.getMessage());
        try (LocalTeacher t = (LocalTeacher) f.create("tiny-llama;decode-dtype=f16", env)) {
            assertEquals(DataType.FLOAT16, t.model().decodeDtype());
            assertTrue(t.provenance().contains("heirloom-djl-f16-matrices"), t.provenance());
        }
    }
}
