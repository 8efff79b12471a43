package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The decoding a model's {@code generation_config.json} asks for, as transformers' {@code generate}
 * applies it when called without sampling arguments (the toolkit's text profile): greedy unless
 * {@code do_sample} is true, then its temperature and top-p (transformers' defaults 1.0 and 1.0
 * where absent). A missing or unreadable file means greedy.
 *
 * @param temperature 0 for greedy
 * @param topP nucleus mass
 */
public record GenerationConfig(double temperature, double topP) {

    public static final GenerationConfig GREEDY = new GenerationConfig(0, 1.0);

    /** What {@code dir/generation_config.json} asks for; {@link #GREEDY} without one. */
    public static GenerationConfig of(Path dir) {
        Path f = dir == null ? null : dir.resolve("generation_config.json");
        if (f == null || !Files.isRegularFile(f)) {
            return GREEDY;
        }
        try {
            return parse(Files.readAllBytes(f), f.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** What a {@code generation_config.json} with these bytes asks for; {@code origin} names it. */
    public static GenerationConfig parse(byte[] json, String origin) {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not JSON (" + e.getMessage() + ")");
        }
        if (!n.path("do_sample").asBoolean(false)) {
            return GREEDY;
        }
        double t = n.path("temperature").asDouble(1.0);
        double p = n.path("top_p").asDouble(1.0);
        return t <= 0 ? GREEDY : new GenerationConfig(t, p);
    }
}
