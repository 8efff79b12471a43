package org.heirloom.model.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sampling defaults a model ships in {@code generation_config.json}, read as transformers'
 * {@code GenerationConfig} reads them: without {@code do_sample: true} decoding is greedy whatever
 * the temperature; with it, {@code temperature} (default 1), {@code top_p} (1), {@code top_k} (50)
 * and {@code repetition_penalty} (1). Precedence when options are resolved: a value the user set,
 * then this file, then greedy decoding.
 *
 * @param temperature 0 when the file does not ask for sampling
 * @param topP nucleus mass
 * @param topK 0 = off
 * @param repetitionPenalty 1 = off
 */
public record SamplingDefaults(
        double temperature, double topP, int topK, double repetitionPenalty) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Greedy: what applies when a model has no generation_config.json. */
    public static final SamplingDefaults GREEDY = new SamplingDefaults(0, 1, 0, 1);

    /** Reads {@code generation_config.json} of {@code modelDir}; greedy when absent. */
    public static SamplingDefaults read(Path modelDir) throws IOException {
        Path file = modelDir == null ? null : modelDir.resolve("generation_config.json");
        if (file == null || !Files.isRegularFile(file)) {
            return GREEDY;
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        double rep = number(n, "repetition_penalty", 1.0, file);
        if (!n.path("do_sample").asBoolean(false)) {
            return new SamplingDefaults(0, 1, 0, rep);
        }
        SamplingDefaults d =
                new SamplingDefaults(
                        number(n, "temperature", 1.0, file),
                        number(n, "top_p", 1.0, file),
                        (int) number(n, "top_k", 50, file),
                        rep);
        try {
            d.resolve(1, null, null, null, null, List.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        return d;
    }

    private static double number(JsonNode n, String field, double dflt, Path file) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' must be a number");
        }
        return v.asDouble();
    }

    /** Options from what the user set (null = not set) over these defaults. */
    public GenerationOptions resolve(
            int maxNewTokens,
            Double userTemperature,
            Double userTopP,
            Integer userTopK,
            Double userRepetitionPenalty,
            List<String> stopStrings) {
        return new GenerationOptions(
                maxNewTokens,
                userTemperature != null ? userTemperature : temperature,
                userTopP != null ? userTopP : topP,
                userTopK != null ? userTopK : topK,
                userRepetitionPenalty != null ? userRepetitionPenalty : repetitionPenalty,
                stopStrings);
    }
}
