package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.io.TextInput;

/** JSONL input where every error names the file and line (and field). */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** One parsed JSON object with its position, for error messages. */
    public record Line(Path file, int number, JsonNode node) {
        public IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(file + ":" + number + ": " + problem);
        }

        public JsonNode require(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error("field '" + field + "' is missing");
            }
            return v;
        }
    }

    public static List<Line> read(Path file) {
        List<Line> out = new ArrayList<>();
        // Decoded whole, before any line is parsed: a bad byte is reported at its own line
        // (a buffered reader decodes ahead and blamed the line being read).
        {
            int n = 0;
            for (String text : TextInput.lines(file, TextInput.DATA_LIMIT)) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(text);
                    if (!node.isObject()) {
                        throw new IllegalArgumentException(file + ":" + n + ": not a JSON object");
                    }
                    out.add(new Line(file, n, node));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": invalid JSON (" + e.getOriginalMessage() + ")");
                }
            }
        }
        return out;
    }
}
