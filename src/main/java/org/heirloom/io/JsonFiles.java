package org.heirloom.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/** A small JSON file (a model's index or tokenizer config, a checkpoint's state) read whole. */
public final class JsonFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFiles() {}

    /**
     * The file's JSON tree; any problem (missing, too large, bad UTF-8, not JSON) is one {@link
     * IllegalArgumentException} naming the file and, for bad JSON, the line.
     */
    public static JsonNode read(Path file) {
        String text = TextInput.read(file, TextInput.CONFIG_LIMIT * 64);
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException(file + ": empty, expected JSON");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file
                            + ":"
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                            + ": not valid JSON ("
                            + e.getOriginalMessage()
                            + ")");
        }
    }
}
