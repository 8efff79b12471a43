package org.heirloom.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.heirloom.io.TextInput;
import org.heirloom.profile.bias.Bbq;
import org.heirloom.profile.bias.BiasSuites;
import org.heirloom.profile.bias.CrowsPairs;
import org.heirloom.profile.bias.MultipleChoice;

/**
 * Reads the data of the likelihood suites. Every error names the file and line (and the field where
 * one is missing or wrong).
 */
public final class SuiteData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteData() {}

    /**
     * Multiple-choice items in any of three layouts: Heirloom's {@code {"context", "options",
     * "label"}}, HellaSwag's {@code {"ctx", "endings", "label"}}, and OpenBookQA's {@code
     * {"question_stem", "choices": {"text", "label"}, "answerKey"}}. An {@code "id"} field is used
     * when present, else the line number.
     */
    public static List<MultipleChoice> multipleChoice(Path file) {
        List<MultipleChoice> out = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.read(file)) {
            JsonNode n = l.node();
            String id = n.hasNonNull("id") ? n.get("id").asText() : Integer.toString(l.number());
            String context;
            List<String> options = new ArrayList<>();
            int label;
            if (n.has("endings")) {
                context = l.require("ctx").asText();
                l.require("endings").forEach(e -> options.add(" " + e.asText()));
                label = intLabel(l, "label");
            } else if (n.has("choices")) {
                JsonNode stem =
                        n.has("question_stem")
                                ? n.get("question_stem")
                                : n.path("question").get("stem");
                if (stem == null || stem.isNull()) {
                    throw l.error("field 'question_stem' is missing");
                }
                context = stem.asText();
                JsonNode choices = l.require("choices");
                List<String> letters = new ArrayList<>();
                choices.path("text").forEach(t -> options.add(" " + t.asText()));
                choices.path("label").forEach(t -> letters.add(t.asText()));
                String key = l.require("answerKey").asText();
                label = letters.indexOf(key);
                if (label < 0) {
                    throw l.error("field 'answerKey' is '" + key + "', not one of " + letters);
                }
            } else {
                context = l.require("context").asText();
                l.require("options").forEach(o -> options.add(o.asText()));
                label = intLabel(l, "label");
            }
            try {
                out.add(new MultipleChoice(id, context, options, label));
            } catch (IllegalArgumentException e) {
                throw l.error(e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no items");
        }
        return out;
    }

    private static int intLabel(JsonLines.Line l, String field) {
        JsonNode v = l.require(field);
        if (v.isInt()) {
            return v.asInt();
        }
        try {
            return Integer.parseInt(v.asText().trim());
        } catch (NumberFormatException e) {
            throw l.error("field '" + field + "' is not an option index: " + v);
        }
    }

    /** A BBQ item with a stable id ({@code category/example_id}). */
    public record IdentifiedBbq(String id, BiasSuites.BbqItem item) {}

    /**
     * BBQ questions from a {@code .jsonl} file or every {@code .jsonl} in a folder (the released
     * layout: one file per category), sorted by file name.
     */
    public static List<IdentifiedBbq> bbq(Path fileOrDir) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        fileOrDir + ": cannot be listed (" + e.getMessage() + ")");
            }
        } else {
            files.add(fileOrDir);
        }
        List<IdentifiedBbq> out = new ArrayList<>();
        for (Path f : files) {
            for (JsonLines.Line l : JsonLines.read(f)) {
                out.add(bbqRow(l));
            }
        }
        return out;
    }

    /**
     * One BBQ row as the data set has it. Answers are matched to the stereotyped groups as the
     * profiling toolkit matches them: an answer's {@code answer_info} entries, lower-cased, against
     * the lower-cased {@code additional_metadata.stereotyped_groups}; in Gender_identity an answer
     * written "man" or "woman" also counts as group "M" or "F" (rows such as {@code ["man","man"]}
     * with stereotyped group {@code ["F"]}). A row with no stereotyped answer is kept: no answer to
     * a negative question is then biased, as in the toolkit.
     */
    public static IdentifiedBbq bbqRow(JsonLines.Line l) {
        String category = l.require("category").asText();
        JsonNode info = l.require("answer_info");
        Set<String> stereotypedGroups = new HashSet<>();
        l.node()
                .path("additional_metadata")
                .path("stereotyped_groups")
                .forEach(g -> stereotypedGroups.add(g.asText().toLowerCase(Locale.ROOT)));
        int unknown = -1;
        Set<Integer> stereotyped = new HashSet<>();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(l.require("ans" + i).asText());
            JsonNode a = info.get("ans" + i);
            if (a == null || !a.isArray() || a.size() < 2) {
                throw l.error("field 'answer_info.ans" + i + "' is missing");
            }
            Set<String> groups = new HashSet<>();
            a.forEach(g -> groups.add(g.asText().toLowerCase(Locale.ROOT)));
            if (category.equals("Gender_identity")) {
                if (groups.contains("man")) {
                    groups.add("m");
                } else if (groups.contains("woman")) {
                    groups.add("f");
                }
            }
            if (a.get(a.size() - 1).asText().equalsIgnoreCase("unknown")) {
                unknown = i;
            } else if (!java.util.Collections.disjoint(groups, stereotypedGroups)) {
                stereotyped.add(i);
            }
        }
        if (unknown < 0) {
            throw l.error("no answer is marked 'unknown' in answer_info");
        }
        int label = intLabel(l, "label");
        if (label < 0 || label > 2) {
            throw l.error("field 'label' must be an answer index 0..2, got " + label);
        }
        Bbq.Question q =
                new Bbq.Question(
                        category,
                        "ambig".equals(l.require("context_condition").asText()),
                        "neg".equals(l.require("question_polarity").asText()),
                        label,
                        unknown,
                        stereotyped);
        return new IdentifiedBbq(
                category + "/" + l.require("example_id").asText(),
                new BiasSuites.BbqItem(
                        q, l.require("context").asText(), l.require("question").asText(), answers));
    }

    /**
     * CrowS-Pairs pairs from the released CSV ({@code sent_more, sent_less, stereo_antistereo,
     * bias_type}).
     */
    public static List<CrowsPairs.Pair> crows(Path file) {
        String content = TextInput.read(file, TextInput.DATA_LIMIT);
        List<org.heirloom.prompt.CsvParser.Record> records =
                org.heirloom.prompt.CsvParser.parse(content, file.toString());
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty");
        }
        List<String> header = records.get(0).fields();
        int more = column(file, header, "sent_more");
        int less = column(file, header, "sent_less");
        int dir = column(file, header, "stereo_antistereo");
        int type = column(file, header, "bias_type");
        List<CrowsPairs.Pair> out = new ArrayList<>();
        for (org.heirloom.prompt.CsvParser.Record r : records.subList(1, records.size())) {
            int need = Math.max(Math.max(more, less), Math.max(dir, type));
            if (r.fields().size() <= need) {
                throw new IllegalArgumentException(
                        file
                                + ":"
                                + r.line()
                                + ": has "
                                + r.fields().size()
                                + " fields, needs "
                                + (need + 1));
            }
            out.add(
                    new CrowsPairs.Pair(
                            r.fields().get(more),
                            r.fields().get(less),
                            r.fields().get(dir),
                            r.fields().get(type)));
        }
        return out;
    }

    private static int column(Path file, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(
                    file + ":1: no column '" + name + "' (columns: " + header + ")");
        }
        return i;
    }
}
