package org.heirloom.model;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.ReasoningSplit;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TemplateOptions;

/**
 * A teacher backed by a local model directory ({@code local:DIR}). Each requested candidate index
 * is generated with its own seed; the engine's outputs do not depend on batch composition, so a
 * resumed run that asks for the missing indices only gets the same candidates it would have got.
 */
public final class LocalTeacher implements Teacher {

    public static final String PREFIX = "local:";
    private final String spec;
    private final LocalModel model;
    private final PromptTemplate template;
    // A reasoning model's template: outputs are split into reasoning and answer.
    private final boolean reasons;
    private final int maxBatch;
    private final String provenance;

    /**
     * @param spec {@code local:DIR}
     * @param templateSpec {@code raw}, {@code chat}, or a string with {@code {prompt}}
     * @param maxBatch most sequences decoded together (outputs do not depend on it)
     */
    public LocalTeacher(String spec, String templateSpec, int maxBatch) throws IOException {
        this(spec, templateSpec, TemplateOptions.NONE, maxBatch);
    }

    /**
     * @param options system prompt and template kwargs (a {@code chat} template only)
     */
    public LocalTeacher(String spec, String templateSpec, TemplateOptions options, int maxBatch)
            throws IOException {
        this(spec, templateSpec, options, maxBatch, DataType.FLOAT32);
    }

    /**
     * @param decodeDtype FLOAT32, or FLOAT16 for float16 matrices while generating (faster, not
     *     exact; see {@link LocalModel.Builder#optDecodeDtype})
     */
    public LocalTeacher(
            String spec,
            String templateSpec,
            TemplateOptions options,
            int maxBatch,
            DataType decodeDtype)
            throws IOException {
        if (!spec.startsWith(PREFIX) || spec.length() == PREFIX.length()) {
            throw new IllegalArgumentException("teacher spec '" + spec + "' is not local:DIR");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be >= 1, got " + maxBatch);
        }
        this.spec = spec;
        Path dir = Path.of(spec.substring(PREFIX.length()));
        this.model = LocalModel.builder().optModelDir(dir).optDecodeDtype(decodeDtype).build();
        try {
            this.template = PromptTemplate.parse(templateSpec, model, options);
            this.reasons = template instanceof PromptTemplate.ChatTemplate c && c.reasons();
            this.maxBatch = maxBatch;
            this.provenance = provenance(dir, template, decodeDtype);
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    /** Content hash of a model's weight files: SHA-256 of each, combined in file-name order. */
    public static String weightsHash(Path dir) throws IOException {
        List<Path> files = SafeTensors.weightFiles(dir);
        if (files.size() == 1) {
            return fileHash(files.get(0));
        }
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(f.getFileName()).append(' ').append(fileHash(f)).append('\n');
        }
        return ContentHash.of(b.toString());
    }

    private static String fileHash(Path f) throws IOException {
        MessageDigest d = ContentHash.digest();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(f)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static String provenance(Path dir, PromptTemplate template, DataType decodeDtype)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("kind", "local");
        Path name = dir.toAbsolutePath().normalize().getFileName();
        o.put("model", name == null ? dir.toString() : name.toString());
        o.put("weights_sha256", weightsHash(dir));
        o.put("template", template.spec());
        o.put(
                "engine",
                decodeDtype == DataType.FLOAT16 ? "heirloom-djl-f16-matrices" : "heirloom-djl-f32");
        return json.writeValueAsString(o);
    }

    public LocalModel model() {
        return model;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public String provenance() {
        return provenance;
    }

    @Override
    public List<Completion> generate(GenerationRequest request, JobContext context) {
        GenerationOptions options = GenerationOptions.of(request.params(), List.of());
        List<Completion> out = new ArrayList<>();
        List<Integer> indices = request.indices();
        String rendered = reasons ? template.render(request.prompt()) : "";
        for (int from = 0; from < indices.size(); from += maxBatch) {
            context.checkCancelled();
            int to = Math.min(indices.size(), from + maxBatch);
            PromptGeneration.Result r =
                    PromptGeneration.generate(
                            model,
                            template,
                            request.prompt(),
                            options,
                            request.seeds().subList(from, to),
                            request.truncateLeft(),
                            context);
            for (int i = from; i < to; i++) {
                GeneratedSequence s = r.completions().get(i - from);
                ReasoningSplit split =
                        reasons
                                ? ReasoningSplit.of(rendered, s.text())
                                : new ReasoningSplit(null, s.text());
                out.add(
                        new Completion(
                                indices.get(i),
                                request.seeds().get(i),
                                split.answer(),
                                s.ids().length,
                                s.finishReason().label(),
                                s.logprobSum(),
                                split.reasoning()));
            }
        }
        return out;
    }

    @Override
    public String overlong(String prompt, int maxNewTokens) {
        return PromptGeneration.overlong(
                model, PromptGeneration.promptIds(model, template, prompt), maxNewTokens);
    }

    @Override
    public void close() {
        model.close();
    }
}
