package org.heirloom.teacher.imported;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.heirloom.io.TextInput;

/**
 * Candidates read from a JSONL file, by prompt. Two layouts, which may not be mixed in one file:
 *
 * <ul>
 *   <li>the paper toolkit's wide format: {@code {"prompt": P, "completion_0": C0, ...,
 *       "completion_{k-1}": ...}}, one line per prompt;
 *   <li>a long format: {@code {"prompt": P, "candidate": I, "text": T}}, one line per candidate.
 * </ul>
 *
 * Prompts are matched by their text with surrounding whitespace removed.
 */
public final class ImportedCandidates {

    private static final Pattern COMPLETION = Pattern.compile("completion_(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TreeMap<Integer, String>> byPrompt;

    private ImportedCandidates(Map<String, TreeMap<Integer, String>> byPrompt) {
        this.byPrompt = byPrompt;
    }

    public static ImportedCandidates read(Path file) throws IOException {
        Map<String, TreeMap<Integer, String>> out = new LinkedHashMap<>();
        Boolean wide = null;
        {
            int n = 0;
            for (String line : TextInput.lines(file, TextInput.DATA_LIMIT)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + n;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            where + ": invalid JSON (" + e.getOriginalMessage() + ")");
                }
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException(where + ": expected a JSON object");
                }
                JsonNode prompt = node.get("prompt");
                if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
                    throw new IllegalArgumentException(
                            where + ": field 'prompt' is missing or not a non-empty string");
                }
                String key = prompt.asText().strip();
                TreeMap<Integer, String> cands = out.computeIfAbsent(key, x -> new TreeMap<>());
                boolean isLong = node.has("candidate") || node.has("text");
                if (wide == null) {
                    wide = !isLong;
                } else if (wide == isLong) {
                    throw new IllegalArgumentException(
                            where
                                    + ": mixes the wide (completion_N) and long (candidate, text)"
                                    + " formats");
                }
                if (isLong) {
                    JsonNode idx = node.get("candidate");
                    JsonNode text = node.get("text");
                    if (idx == null
                            || !idx.canConvertToInt()
                            || !idx.isIntegralNumber()
                            || idx.asInt() < 0) {
                        throw new IllegalArgumentException(
                                where + ": field 'candidate' must be an integer >= 0");
                    }
                    if (text == null || !text.isTextual()) {
                        throw new IllegalArgumentException(
                                where + ": field 'text' must be a string");
                    }
                    if (cands.put(idx.asInt(), text.asText()) != null) {
                        throw new IllegalArgumentException(
                                where
                                        + ": candidate "
                                        + idx.asInt()
                                        + " of this prompt appears twice");
                    }
                } else {
                    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        Matcher m = COMPLETION.matcher(e.getKey());
                        if (!m.matches()) {
                            continue;
                        }
                        if (!e.getValue().isTextual()) {
                            throw new IllegalArgumentException(
                                    where + ": field '" + e.getKey() + "' must be a string");
                        }
                        int idx = Integer.parseInt(m.group(1));
                        if (cands.put(idx, e.getValue().asText()) != null) {
                            throw new IllegalArgumentException(
                                    where + ": prompt repeats an earlier line's " + e.getKey());
                        }
                    }
                    if (cands.isEmpty()) {
                        throw new IllegalArgumentException(
                                where + ": no completion_N fields (expected completion_0, ...)");
                    }
                }
            }
        }
        for (Map.Entry<String, TreeMap<Integer, String>> e : out.entrySet()) {
            TreeMap<Integer, String> c = e.getValue();
            if (c.lastKey() != c.size() - 1) {
                throw new IllegalArgumentException(
                        file
                                + ": prompt '"
                                + abbreviate(e.getKey())
                                + "' has candidates "
                                + c.keySet()
                                + "; indices must run 0.."
                                + (c.size() - 1)
                                + " without gaps");
            }
        }
        return new ImportedCandidates(out);
    }

    /** Prompts in file order. */
    public List<String> prompts() {
        return new ArrayList<>(byPrompt.keySet());
    }

    /** The candidates of a prompt in index order; empty if the file does not have it. */
    public List<String> candidates(String prompt) {
        TreeMap<Integer, String> c = byPrompt.get(prompt.strip());
        return c == null ? List.of() : new ArrayList<>(c.values());
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
