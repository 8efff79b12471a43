package org.heirloom.model;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherFactory;
import org.heirloom.teacher.TemplateOptions;

/**
 * {@code local:DIR[;template=T][;system=S][;kwarg.NAME=V...][;batch=N][;decode-dtype=f16]}: a
 * Hugging Face model directory run by the engine. {@code template} is {@code raw} (default), {@code
 * chat} (the model's chat template) or a string with {@code {prompt}}; with {@code chat}, {@code
 * system} is a system prompt and {@code kwarg.NAME} a template variable (e.g. {@code
 * kwarg.enable_thinking=false}), both part of the teacher's identity; {@code batch} bounds how many
 * sequences decode together (outputs do not depend on it, so it is not part of the teacher's
 * identity); {@code decode-dtype=f16} generates with float16 matrices (faster, not exact: part of
 * the identity). Registered through {@code META-INF/services}, since the teacher package must not
 * depend on the engine.
 */
public final class LocalTeacherFactory implements TeacherFactory {

    /** The parsed location. */
    record Location(
            Path dir, String template, TemplateOptions options, int batch, DataType decodeDtype) {}

    /** {@code decode-dtype=f16}: float16 matrices while generating (see LocalModel.Builder). */
    static final String DECODE_DTYPE = "decode-dtype";

    @Override
    public String scheme() {
        return "local";
    }

    /** The weights' content hash and the template: a moved or copied model resumes the same run. */
    @Override
    public String identity(String location, TeacherEnvironment env) {
        Location l = parse(location, env);
        try {
            return "local:sha256="
                    + LocalTeacher.weightsHash(l.dir())
                    + ";template="
                    + l.template()
                    + (l.options().isEmpty() ? "" : ";options=" + l.options().describe())
                    // float16 candidates differ from float32 ones: a different teacher. Absent
                    // for float32, so existing identities stay as they were.
                    + (l.decodeDtype() == DataType.FLOAT16 ? ";" + DECODE_DTYPE + "=f16" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Teacher create(String location, TeacherEnvironment env) throws IOException {
        Location l = parse(location, env);
        return new LocalTeacher(
                LocalTeacher.PREFIX + l.dir(),
                l.template(),
                l.options(),
                l.batch(),
                l.decodeDtype());
    }

    static Location parse(String location, TeacherEnvironment env) {
        String spec = "local:" + location;
        String[] parts = location.split(";");
        if (parts[0].isBlank()) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "' names no model directory");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "teacher spec '" + spec + "': option '" + parts[i] + "' is not NAME=VALUE");
            }
            opts.put(kv[0].strip(), kv[1]);
        }
        Path dir = env.resolve(parts[0].strip());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "': no model directory at " + dir);
        }
        String template = opts.getOrDefault("template", "raw");
        int batch;
        try {
            batch = Integer.parseInt(opts.getOrDefault("batch", "16"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "': batch is not a number");
        }
        DataType decodeDtype;
        try {
            decodeDtype = LocalModel.parseDecodeDtype(opts.getOrDefault(DECODE_DTYPE, "f32"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "teacher spec '" + spec + "': " + DECODE_DTYPE + ": " + e.getMessage());
        }
        TemplateOptions options = TemplateOptions.NONE;
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String k = e.getKey();
            if (k.equals("template") || k.equals("batch") || k.equals(DECODE_DTYPE)) {
                continue;
            }
            TemplateOptions next = options.withSpecOption(k, e.getValue());
            if (next == null) {
                throw new IllegalArgumentException(
                        "teacher spec '"
                                + spec
                                + "': unknown option '"
                                + k
                                + "' (known: template, batch, decode-dtype, system,"
                                + " kwarg.NAME)");
            }
            options = next;
        }
        if (!options.isEmpty() && !template.equals("chat")) {
            throw new IllegalArgumentException(
                    "teacher spec '"
                            + spec
                            + "': system and kwarg.NAME options need template=chat");
        }
        return new Location(dir, template, options, batch, decodeDtype);
    }
}
