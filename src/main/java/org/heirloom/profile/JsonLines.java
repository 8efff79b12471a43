package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r =
                new BufferedReader(
                        new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String text;
            int n = 0;
            while (true) {
                try {
                    text = r.readLine();
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": invalid UTF-8");
                }
                if (text == null) {
                    break;
                }
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
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return out;
    }
}
