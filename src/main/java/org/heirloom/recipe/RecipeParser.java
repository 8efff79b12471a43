package org.heirloom.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.heirloom.prompt.PromptFormat;
import org.heirloom.prompt.PromptImportOptions;
import org.heirloom.prompt.SplitSpec;
import org.heirloom.select.Strategy;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherRegistry;

/**
 * The recipe parser: parses and validates recipe YAML, every section of it (the data sections here,
 * the model sections in its part {@link ModelSections}). Every error names the recipe and the YAML
 * path of the value ({@code teachers[1].spec: ...}). Unknown keys are errors, so that a typo never
 * silently falls back to a default.
 */
public final class RecipeParser {

    public static final int VERSION = 1;

    /**
     * Names kept for a later version, so that the error says so: students are trained in {@code
     * students:} (with {@code student_defaults:}).
     */
    private static final Set<String> FUTURE = Set.of("training");

    // A key given twice is an error, not a silent last-one-wins.
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .enable(
                                    com.fasterxml.jackson.core.StreamReadFeature
                                            .STRICT_DUPLICATE_DETECTION)
                            .build());

    /** Longest recipe text accepted (characters): recipes are a page, not a data set. */
    public static final int MAX_CHARS = 1 << 20;

    private final String source;
    private final TeacherEnvironment env;
    private final YamlReader y;
    private final Map<String, String> namedTeachers = new LinkedHashMap<>();

    private RecipeParser(String source, TeacherEnvironment env) {
        this.source = source;
        this.env = env;
        this.y = new YamlReader(source);
    }

    /**
     * @param source the recipe's file name, for messages
     * @param env used to check teacher specs (and resolve their relative paths)
     */
    public static Recipe parse(String yaml, String source, TeacherEnvironment env) {
        return new RecipeParser(source, env).parse(yaml);
    }

    private Recipe parse(String yaml) {
        if (yaml.length() > MAX_CHARS) {
            throw new IllegalArgumentException(
                    source
                            + ": too large ("
                            + yaml.length()
                            + " characters; a recipe may have at most "
                            + MAX_CHARS
                            + ")");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    source
                            + ":"
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                            + ": not valid YAML ("
                            + e.getOriginalMessage()
                            + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a recipe is a YAML mapping");
        }
        refuseAliases(yaml);
        for (String f : FUTURE) {
            if (root.has(f)) {
                throw error(
                        f,
                        "reserved for a later version; students are trained in 'students:'"
                                + " (shared settings in 'student_defaults:')");
            }
        }
        keys(
                root,
                "",
                "version",
                "name",
                "description",
                "prompts",
                "run",
                "teachers",
                "scorers",
                "selections",
                "exports",
                "student_defaults",
                "students",
                "profiles",
                "comparisons");
        JsonNode v = root.get("version");
        if (v == null) {
            throw error("version", "missing (write 'version: 1')");
        }
        if (!v.isInt() || v.asInt() != VERSION) {
            throw error(
                    "version",
                    "unsupported recipe version " + v + " (this build reads " + VERSION + ")");
        }
        String name = string(root, "name", "", true);
        Recipe.Prompts prompts = prompts(required(root, "prompts", ""));
        Recipe.Generation gen = generation(required(root, "run", ""));
        List<String> teachers = teachers(required(root, "teachers", ""));
        List<String> scorers = new ArrayList<>();
        JsonNode sc = root.get("scorers");
        if (sc != null) {
            if (!sc.isArray()) {
                throw error("scorers", "expected a list of metric names");
            }
            for (int i = 0; i < sc.size(); i++) {
                JsonNode m = sc.get(i);
                if (!m.isTextual() || m.asText().isBlank()) {
                    throw error("scorers[" + i + "]", "expected a metric name");
                }
                scorers.add(m.asText().strip());
            }
        }
        List<Recipe.Selection> selections = new ArrayList<>();
        JsonNode sel = root.get("selections");
        Set<String> selNames = new java.util.HashSet<>();
        if (sel != null) {
            list(sel, "selections");
            for (int i = 0; i < sel.size(); i++) {
                String p = "selections[" + i + "]";
                JsonNode s = sel.get(i);
                object(s, p);
                keys(s, p, "name", "strategy");
                String sn = string(s, "name", p, true);
                String st = string(s, "strategy", p, true);
                try {
                    Strategy.parse(st);
                } catch (IllegalArgumentException e) {
                    throw error(p + ".strategy", e.getMessage());
                }
                if (!selNames.add(sn)) {
                    throw error(p + ".name", "selection '" + sn + "' appears twice");
                }
                selections.add(new Recipe.Selection(sn, st));
            }
        }
        List<Recipe.Export> exports = new ArrayList<>();
        JsonNode ex = root.get("exports");
        if (ex != null) {
            list(ex, "exports");
            for (int i = 0; i < ex.size(); i++) {
                String p = "exports[" + i + "]";
                JsonNode e = ex.get(i);
                object(e, p);
                keys(e, p, "type", "selection", "format", "split", "out");
                String type = string(e, "type", p, true).toLowerCase(Locale.ROOT);
                String out = string(e, "out", p, true);
                if (type.equals("dataset")) {
                    String s = string(e, "selection", p, true);
                    if (!selNames.contains(s)) {
                        throw error(
                                p + ".selection", "no selection named '" + s + "' in this recipe");
                    }
                    String fmt =
                            e.has("format")
                                    ? string(e, "format", p, true).toLowerCase(Locale.ROOT)
                                    : "jsonl";
                    if (!fmt.equals("jsonl") && !fmt.equals("chat")) {
                        throw error(p + ".format", "expected jsonl or chat, got '" + fmt + "'");
                    }
                    exports.add(
                            new Recipe.Export(
                                    Recipe.Export.Type.DATASET,
                                    s,
                                    fmt,
                                    string(e, "split", p, false),
                                    out));
                } else if (type.equals("candidates")) {
                    for (String k : List.of("selection", "format", "split")) {
                        if (e.has(k)) {
                            throw error(p + "." + k, "not used by candidate exports");
                        }
                    }
                    exports.add(
                            new Recipe.Export(
                                    Recipe.Export.Type.CANDIDATES, null, null, null, out));
                } else {
                    throw error(p + ".type", "expected dataset or candidates, got '" + type + "'");
                }
            }
        }
        ModelSections models = new ModelSections(y, env, selNames, namedTeachers, prompts.set());
        List<Recipe.Student> students =
                models.students(root.get("student_defaults"), root.get("students"));
        List<Recipe.Profile> profiles = models.profiles(root.get("profiles"));
        List<Recipe.Comparison> comparisons = models.comparisons(root.get("comparisons"));
        return new Recipe(
                VERSION,
                name,
                prompts,
                gen,
                teachers,
                namedTeachers,
                scorers,
                selections,
                exports,
                students,
                profiles,
                comparisons);
    }

    /**
     * The tree reader turns an alias ({@code *name}) into the text "name" instead of the anchored
     * value, which would silently become, say, a model name; so aliases are refused.
     */
    private void refuseAliases(String yaml) {
        try (YAMLParser p = (YAMLParser) YAML.getFactory().createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias()) {
                    throw new IllegalArgumentException(
                            source
                                    + ":"
                                    + p.currentLocation().getLineNr()
                                    + ": YAML aliases (*"
                                    + p.getText()
                                    + ") are not supported; share training settings through"
                                    + " student_defaults");
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    source + ": not valid YAML (" + e.getMessage() + ")");
        }
    }

    private Recipe.Prompts prompts(JsonNode n) {
        String p = "prompts";
        object(n, p);
        keys(
                n,
                p,
                "set",
                "import",
                "format",
                "field",
                "reference_field",
                "limit",
                "splits",
                "split_seed");
        String set = string(n, "set", p, true);
        String file = string(n, "import", p, false);
        if (file == null) {
            for (String k :
                    List.of(
                            "format",
                            "field",
                            "reference_field",
                            "limit",
                            "splits",
                            "split_seed")) {
                if (n.has(k)) {
                    throw error(p + "." + k, "only used together with prompts.import");
                }
            }
            return new Recipe.Prompts(set, null, PromptImportOptions.defaults());
        }
        PromptFormat format = null;
        if (n.has("format")) {
            String f = string(n, "format", p, true);
            try {
                format = PromptFormat.valueOf(f.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(
                        p + ".format",
                        "expected jsonl, csv, tsv, text, json or parquet, got '" + f + "'");
            }
        }
        int limit = n.has("limit") ? integer(n, "limit", p, 0) : 0;
        long seed = n.has("split_seed") ? integer(n, "split_seed", p, Integer.MIN_VALUE) : 0;
        SplitSpec splits = SplitSpec.none();
        if (n.has("splits")) {
            JsonNode s = n.get("splits");
            object(s, p + ".splits");
            Map<String, Double> fr = new LinkedHashMap<>();
            s.fields()
                    .forEachRemaining(
                            e -> {
                                if (!e.getValue().isNumber()) {
                                    throw error(p + ".splits." + e.getKey(), "expected a fraction");
                                }
                                fr.put(e.getKey(), e.getValue().asDouble());
                            });
            try {
                splits = new SplitSpec(fr, seed);
            } catch (IllegalArgumentException e) {
                throw error(p + ".splits", e.getMessage());
            }
        }
        String ref = n.has("reference_field") ? string(n, "reference_field", p, false) : null;
        return new Recipe.Prompts(
                set,
                file,
                new PromptImportOptions(format, string(n, "field", p, false), ref, limit, splits));
    }

    private Recipe.Generation generation(JsonNode n) {
        String p = "run";
        object(n, p);
        keys(n, p, "name", "k", "seed", "split", "sampling", "on_overlong");
        String name = string(n, "name", p, true);
        int k = integer(required(n, "k", p), p + ".k", 1);
        if (k > org.heirloom.run.RunSpec.MAX_K) {
            throw error(p + ".k", "at most " + org.heirloom.run.RunSpec.MAX_K + ", got " + k);
        }
        org.heirloom.teacher.OnOverlong onOverlong;
        try {
            onOverlong =
                    n.has("on_overlong")
                            ? org.heirloom.teacher.OnOverlong.parse(
                                    string(n, "on_overlong", p, true))
                            : org.heirloom.teacher.OnOverlong.SKIP;
        } catch (IllegalArgumentException e) {
            throw error(p + ".on_overlong", "expected skip, truncate-left or fail");
        }
        long seed = n.has("seed") ? integer(n.get("seed"), p + ".seed", 0) : 0;
        String split = string(n, "split", p, false);
        double temperature = 1.0;
        double topP = 1.0;
        int topK = 0;
        int maxNew = 256;
        double rep = 1.0;
        JsonNode s = n.get("sampling");
        if (s != null) {
            String sp = p + ".sampling";
            object(s, sp);
            keys(s, sp, "temperature", "top_p", "top_k", "max_new_tokens", "repetition_penalty");
            temperature = s.has("temperature") ? number(s, "temperature", sp) : temperature;
            topP = s.has("top_p") ? number(s, "top_p", sp) : topP;
            topK = s.has("top_k") ? integer(s.get("top_k"), sp + ".top_k", 0) : topK;
            maxNew =
                    s.has("max_new_tokens")
                            ? integer(s.get("max_new_tokens"), sp + ".max_new_tokens", 1)
                            : maxNew;
            rep = s.has("repetition_penalty") ? number(s, "repetition_penalty", sp) : rep;
        }
        SamplingParams params;
        try {
            params = new SamplingParams(temperature, topP, topK, maxNew, rep);
        } catch (IllegalArgumentException e) {
            throw error(p + ".sampling", e.getMessage());
        }
        return new Recipe.Generation(name, k, seed, split, params, onOverlong);
    }

    private List<String> teachers(JsonNode n) {
        list(n, "teachers");
        if (n.isEmpty()) {
            throw error("teachers", "needs at least one teacher");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String p = "teachers[" + i + "]";
            JsonNode t = n.get(i);
            String spec;
            if (t.isTextual()) {
                spec = t.asText().stripLeading();
            } else {
                object(t, p);
                keys(t, p, "spec", "name", "system", "template_kwargs");
                // Not stripped at the end: a template option may end in a space (the paper's
                // "### Answer: "), and the model must see it.
                string(t, "spec", p, true);
                spec = t.get("spec").asText().stripLeading() + templateOptions(t, p);
                String tn = string(t, "name", p, false);
                if (tn != null) {
                    if (!spec.startsWith("local:") && !spec.startsWith("openai:")) {
                        throw error(
                                p + ".name",
                                "only local: and openai: teachers can be named (profiled);"
                                        + " this one is '"
                                        + spec
                                        + "'");
                    }
                    if (namedTeachers.put(tn, spec) != null) {
                        throw error(p + ".name", "teacher name '" + tn + "' appears twice");
                    }
                }
                p = p + ".spec";
            }
            try {
                TeacherRegistry.identity(spec, env);
            } catch (IllegalArgumentException e) {
                throw error(p, e.getMessage());
            }
            out.add(spec);
        }
        return out;
    }

    /**
     * A teacher's {@code system} and {@code template_kwargs} fields as spec options ({@code
     * ;system=…;kwarg.NAME=…}), so they are part of the teacher's identity like any option.
     */
    private String templateOptions(JsonNode t, String p) {
        return TemplateFields.read(y, t, p).toSpecOptions();
    }

    // ---- helpers (see YamlReader)

    private IllegalArgumentException error(String path, String problem) {
        return y.error(path, problem);
    }

    private void keys(JsonNode n, String path, String... allowed) {
        y.keys(n, path, allowed);
    }

    private JsonNode required(JsonNode n, String key, String path) {
        return y.required(n, key, path);
    }

    private void object(JsonNode n, String path) {
        y.object(n, path);
    }

    private void list(JsonNode n, String path) {
        y.list(n, path);
    }

    private String string(JsonNode n, String key, String path, boolean required) {
        return y.string(n, key, path, required);
    }

    private int integer(JsonNode n, String key, String path, int min) {
        return y.integer(n, key, path, min);
    }

    private int integer(JsonNode v, String p, int min) {
        return y.integer(v, p, min);
    }

    private double number(JsonNode n, String key, String path) {
        return y.number(n, key, path);
    }
}
