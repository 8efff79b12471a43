package org.heirloom.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.heirloom.io.TextInput;

/**
 * Reads prompts (and optional reference answers) from JSONL, CSV, plain text or JSON files. Every
 * error names the file, the line (or row) and the field.
 */
public final class PromptFileReader {

    /** Fields tried, in order, when no prompt field is given. */
    public static final List<String> PROMPT_FIELDS =
            List.of("prompt", "inputs", "input", "instruction", "question", "text");

    /** Fields tried, in order, for a reference answer when none is given. */
    public static final List<String> REFERENCE_FIELDS =
            List.of("targets", "reference", "response", "output", "answer");

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptFileReader() {}

    /**
     * Reads every prompt of a file.
     *
     * @param field the prompt field or column; {@code null} to pick the first of {@link
     *     #PROMPT_FIELDS} present (ignored for text files)
     * @param referenceField the reference field; {@code null} for the first of {@link
     *     #REFERENCE_FIELDS} present, {@code ""} for none
     */
    public static List<RawPrompt> read(
            Path file, PromptFormat format, String field, String referenceField)
            throws IOException {
        return read(file, format, field, referenceField, null);
    }

    /**
     * As {@link #read(Path, PromptFormat, String, String)}, with the encoding of a CSV or TSV file
     * ({@code null} to detect it, see {@link TextDecoder}).
     */
    public static List<RawPrompt> read(
            Path file,
            PromptFormat format,
            String field,
            String referenceField,
            java.nio.charset.Charset encoding)
            throws IOException {
        List<RawPrompt> prompts;
        if (format == PromptFormat.PARQUET) {
            prompts = ParquetPromptReader.read(file, field, referenceField);
        } else if (format == PromptFormat.CSV || format == PromptFormat.TSV) {
            char sep = format == PromptFormat.CSV ? ',' : '\t';
            prompts = DelimitedPromptReader.read(file, sep, encoding, field, referenceField);
        } else {
            String content = TextInput.read(file, TextInput.DATA_LIMIT);
            prompts =
                    switch (format) {
                        case TEXT -> readText(content);
                        case JSONL -> readJsonl(file, content, field, referenceField);
                        case JSON -> readJson(file, content, field, referenceField);
                        default -> throw new IllegalStateException(format.toString());
                    };
        }
        for (RawPrompt p : prompts) {
            if (p.text().length() > MAX_PROMPT_CHARS) {
                // A prompt no model's context holds would only stall views and tokenizers later.
                throw new IllegalArgumentException(
                        file
                                + ": "
                                + p.location()
                                + ": prompt of "
                                + p.text().length()
                                + " characters; at most "
                                + MAX_PROMPT_CHARS
                                + " are accepted");
            }
        }
        return prompts;
    }

    /** Longest prompt accepted, in UTF-16 chars: far beyond any supported model's context. */
    public static final int MAX_PROMPT_CHARS = 1_000_000;

    private static List<RawPrompt> readText(String content) {
        List<RawPrompt> out = new ArrayList<>();
        int n = 0;
        for (String line : TextInput.split(content)) {
            n++;
            if (!line.isBlank()) {
                out.add(new RawPrompt(line.strip(), null, "line " + n));
            }
        }
        return out;
    }

    private static List<RawPrompt> readJsonl(
            Path file, String content, String field, String referenceField) {
        List<RawPrompt> out = new ArrayList<>();
        String promptField = field;
        String refField = referenceField;
        {
            int n = 0;
            for (String line : TextInput.split(content)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": invalid JSON (" + e.getOriginalMessage() + ")");
                }
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": expected a JSON object per line");
                }
                if (promptField == null) {
                    promptField = pick(PROMPT_FIELDS, fieldNames(node), file + ":" + n);
                }
                if (refField == null) {
                    refField = pickOptional(REFERENCE_FIELDS, fieldNames(node), promptField);
                }
                String where = file + ":" + n;
                String text = stringField(node, promptField, where, true);
                String ref = refField.isEmpty() ? null : stringField(node, refField, where, false);
                out.add(new RawPrompt(text, ref, "line " + n));
            }
        }
        return out;
    }

    private static List<RawPrompt> readJson(
            Path file, String content, String field, String referenceField) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file
                            + ":"
                            + e.getLocation().getLineNr()
                            + ": invalid JSON ("
                            + e.getOriginalMessage()
                            + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(file + ": empty file");
        }
        if (root.isArray()) {
            return readRowArray(file, root, field, referenceField);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(
                    file + ": expected a JSON object (columns) or an array of rows");
        }
        List<String> columns = fieldNames(root);
        String promptField = field != null ? field : pick(PROMPT_FIELDS, columns, file.toString());
        JsonNode column = root.get(promptField);
        if (column == null) {
            throw new IllegalArgumentException(
                    file
                            + ": no column '"
                            + promptField
                            + "' (columns: "
                            + String.join(", ", columns)
                            + ")");
        }
        String refField =
                referenceField != null
                        ? referenceField
                        : pickOptional(REFERENCE_FIELDS, columns, promptField);
        JsonNode refColumn = refField.isEmpty() ? null : root.get(refField);
        if (!refField.isEmpty() && refColumn == null) {
            throw new IllegalArgumentException(file + ": no column '" + refField + "'");
        }
        List<RawPrompt> out = new ArrayList<>();
        if (column.isArray()) {
            for (int i = 0; i < column.size(); i++) {
                String where = file + ": row " + i;
                String text = asText(column.get(i), promptField, where, true);
                String ref =
                        refColumn == null ? null : asText(refColumn.get(i), refField, where, false);
                out.add(new RawPrompt(text, ref, "row " + i));
            }
        } else if (column.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = column.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = file + ": row '" + e.getKey() + "'";
                String text = asText(e.getValue(), promptField, where, true);
                String ref =
                        refColumn == null
                                ? null
                                : asText(refColumn.get(e.getKey()), refField, where, false);
                out.add(new RawPrompt(text, ref, "row '" + e.getKey() + "'"));
            }
        } else {
            throw new IllegalArgumentException(
                    file
                            + ": column '"
                            + promptField
                            + "' is neither an array nor an object of rows");
        }
        return out;
    }

    private static List<RawPrompt> readRowArray(
            Path file, JsonNode root, String field, String referenceField) {
        List<RawPrompt> out = new ArrayList<>();
        String promptField = field;
        String refField = referenceField;
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            String where = file + ": row " + i;
            if (!row.isObject()) {
                throw new IllegalArgumentException(where + ": expected an object");
            }
            if (promptField == null) {
                promptField = pick(PROMPT_FIELDS, fieldNames(row), where);
            }
            if (refField == null) {
                refField = pickOptional(REFERENCE_FIELDS, fieldNames(row), promptField);
            }
            String text = stringField(row, promptField, where, true);
            String ref = refField.isEmpty() ? null : stringField(row, refField, where, false);
            out.add(new RawPrompt(text, ref, "row " + i));
        }
        return out;
    }

    private static String stringField(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (!required) {
                return null;
            }
            throw new IllegalArgumentException(
                    where
                            + ": no field '"
                            + field
                            + "' (fields: "
                            + String.join(", ", fieldNames(node))
                            + ")");
        }
        return asText(v, field, where, required);
    }

    private static String asText(JsonNode v, String field, String where, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": field '" + field + "' is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(
                    where
                            + ": field '"
                            + field
                            + "' is "
                            + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                            + ", not a string");
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is empty");
        }
        return required ? s : emptyToNull(s);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static String pickField(List<String> wanted, List<String> present, String where) {
        return pick(wanted, present, where);
    }

    static String pickOptionalField(List<String> wanted, List<String> present, String not) {
        return pickOptional(wanted, present, not);
    }

    private static String pick(List<String> wanted, List<String> present, String where) {
        for (String w : wanted) {
            if (present.contains(w)) {
                return w;
            }
        }
        throw new IllegalArgumentException(
                where
                        + ": no prompt field found (tried "
                        + String.join(", ", wanted)
                        + "; present: "
                        + String.join(", ", present)
                        + "); choose one with --field");
    }

    private static String pickOptional(List<String> wanted, List<String> present, String not) {
        for (String w : wanted) {
            if (present.contains(w) && !w.equals(not)) {
                return w;
            }
        }
        return "";
    }
}
