package org.heirloom.train.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.io.TextInput;

/**
 * A JSONL file of {@code {"prompt": ..., "completion": ...}} objects (what {@code export-dataset}
 * writes). Blank lines are skipped; other fields are ignored. Errors name file, line and field.
 */
public final class JsonlTrainingData implements TrainingData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String source;
    private final List<TrainingExample> examples;

    private JsonlTrainingData(String source, List<TrainingExample> examples) {
        this.source = source;
        this.examples = List.copyOf(examples);
    }

    public static JsonlTrainingData read(Path file) throws IOException {
        List<TrainingExample> out = new ArrayList<>();
        {
            int n = 0;
            for (String line : TextInput.lines(file, TextInput.DATA_LIMIT)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": not valid JSON (" + e.getOriginalMessage() + ")");
                }
                if (!o.isObject()) {
                    throw new IllegalArgumentException(file + ":" + n + ": not a JSON object");
                }
                out.add(
                        new TrainingExample(
                                text(o, "prompt", file, n), text(o, "completion", file, n)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no examples");
        }
        return new JsonlTrainingData(file.toString(), out);
    }

    private static String text(JsonNode o, String field, Path file, int line) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(
                    file + ":" + line + ": field '" + field + "' is missing");
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(
                    file + ":" + line + ": field '" + field + "' must be a string");
        }
        return v.asText();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<TrainingExample> examples() {
        return examples;
    }
}
