package org.heirloom.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.heirloom.profile.ProfileOptions;
import org.heirloom.profile.ProfileService;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.train.LoraConfig;
import org.heirloom.train.TrainingConfig;

/**
 * Part of {@link RecipeParser}, the one recipe parser: the sections about models, {@code
 * student_defaults}, {@code students}, {@code profiles} and {@code comparisons}, read with the
 * parser's {@link YamlReader} and checked against what the earlier sections named (selections,
 * named teachers, the prompt set). A class of its own only to keep the parser's file readable.
 * Student settings map one to one onto the options of {@code heirloom train}, profile options onto
 * those of {@code heirloom profile}, arms onto those of {@code heirloom compare}.
 */
final class ModelSections {

    /** Training settings: what {@code student_defaults} may hold. */
    private static final List<String> TRAINING_KEYS =
            List.of(
                    "base",
                    "split",
                    "replicates",
                    "seed",
                    "epochs",
                    "max_steps",
                    "lr",
                    "warmup_steps",
                    "weight_decay",
                    "max_grad_norm",
                    "batch",
                    "grad_accum",
                    "max_len",
                    "packing",
                    "template",
                    "heldout",
                    "eval_every",
                    "checkpoint_every",
                    "lora");

    private static final Set<String> GENERATION_SUITES = Set.of("text", "toxicity");

    private final YamlReader y;
    private final TeacherEnvironment env;
    private final Set<String> selections;
    private final Map<String, String> teachers;
    private final String promptSet;
    private final Map<String, Recipe.Student> students = new LinkedHashMap<>();

    /** "ref suite" → where it is profiled, to refuse a second profile and check comparisons. */
    private final Map<String, String> profiled = new HashMap<>();

    ModelSections(
            YamlReader y,
            TeacherEnvironment env,
            Set<String> selections,
            Map<String, String> teachers,
            String promptSet) {
        this.y = y;
        this.env = env;
        this.selections = selections;
        this.teachers = teachers;
        this.promptSet = promptSet;
    }

    // ---- students

    List<Recipe.Student> students(JsonNode defaults, JsonNode list) {
        if (defaults != null) {
            y.object(defaults, "student_defaults");
            y.keys(defaults, "student_defaults", TRAINING_KEYS);
        }
        if (list == null) {
            if (defaults != null) {
                throw y.error("student_defaults", "given, but there are no students");
            }
            return List.of();
        }
        y.list(list, "students");
        for (int i = 0; i < list.size(); i++) {
            String p = "students[" + i + "]";
            JsonNode s = list.get(i);
            y.object(s, p);
            List<String> allowed = new ArrayList<>(List.of("name", "data"));
            allowed.addAll(TRAINING_KEYS);
            y.keys(s, p, allowed);
            Recipe.Student st = student(s, p, defaults);
            if (teachers.containsKey(st.name())) {
                throw y.error(p + ".name", "'" + st.name() + "' is already a teacher's name");
            }
            if (students.put(st.name(), st) != null) {
                throw y.error(p + ".name", "student '" + st.name() + "' appears twice");
            }
        }
        return List.copyOf(students.values());
    }

    /** A value from the student or, failing that, from {@code student_defaults}. */
    private record Setting(JsonNode owner, String path) {}

    private Setting setting(JsonNode s, String p, JsonNode defaults, String key) {
        if (s.has(key) && !s.get(key).isNull()) {
            return new Setting(s, p);
        }
        if (defaults != null && defaults.has(key) && !defaults.get(key).isNull()) {
            return new Setting(defaults, "student_defaults");
        }
        return null;
    }

    private Recipe.Student student(JsonNode s, String p, JsonNode defaults) {
        String name = y.string(s, "name", p, true);
        String data = y.string(s, "data", p, true);
        if (!selections.contains(data)) {
            throw y.error(p + ".data", "no selection named '" + data + "' in this recipe");
        }
        Setting b = setting(s, p, defaults, "base");
        if (b == null) {
            throw y.error(p + ".base", "missing (here or in student_defaults)");
        }
        String base = base(y.string(b.owner(), "base", b.path(), true), b.path() + ".base");
        Setting sp = setting(s, p, defaults, "split");
        String split = sp == null ? null : y.string(sp.owner(), "split", sp.path(), true);
        int replicates = intSetting(s, p, defaults, "replicates", 1, 3);
        Setting seedSetting = setting(s, p, defaults, "seed");
        long seed =
                seedSetting == null
                        ? 0
                        : y.longValue(seedSetting.owner(), "seed", seedSetting.path());

        // The same defaults and order as TrainCommand, so a recipe student and
        // `heirloom train --selection` with the same values train the same model.
        TrainingConfig c = TrainingConfig.defaults();
        int epochs = intSetting(s, p, defaults, "epochs", 1, c.epochs());
        int maxSteps = intSetting(s, p, defaults, "max_steps", 0, c.maxSteps());
        int warmup = intSetting(s, p, defaults, "warmup_steps", -1, c.warmupSteps());
        int batch = intSetting(s, p, defaults, "batch", 1, c.batchSize());
        int accum = intSetting(s, p, defaults, "grad_accum", 1, c.gradAccum());
        int maxLen = intSetting(s, p, defaults, "max_len", 2, c.maxSeqLen());
        int evalEvery = intSetting(s, p, defaults, "eval_every", 0, c.evalEvery());
        int ckpt = intSetting(s, p, defaults, "checkpoint_every", 0, c.checkpointEvery());
        Setting packS = setting(s, p, defaults, "packing");
        boolean packing =
                packS == null ? c.packing() : y.bool(packS.owner(), "packing", packS.path());
        c = c.withEpochs(epochs).withMaxSteps(maxSteps).withWarmupSteps(warmup);
        c = c.withBatch(batch, accum).withSequence(maxLen, packing);
        c = c.withCheckpointEvery(ckpt);
        c = numeric(s, p, defaults, "lr", c, c.learningRate(), (cfg, v) -> cfg.withLearningRate(v));
        c =
                numeric(
                        s,
                        p,
                        defaults,
                        "weight_decay",
                        c,
                        c.weightDecay(),
                        TrainingConfig::withWeightDecay);
        c =
                numeric(
                        s,
                        p,
                        defaults,
                        "max_grad_norm",
                        c,
                        c.maxGradNorm(),
                        TrainingConfig::withMaxGradNorm);
        c =
                numeric(
                        s,
                        p,
                        defaults,
                        "heldout",
                        c,
                        c.heldoutFraction(),
                        (cfg, v) -> cfg.withHeldout(v, evalEvery));
        Setting t = setting(s, p, defaults, "template");
        if (t != null) {
            String template = y.string(t.owner(), "template", t.path(), true);
            c = apply(c, t.path() + ".template", cfg -> cfg.withTemplate(template));
        }
        Setting l = setting(s, p, defaults, "lora");
        if (l != null) {
            c = lora(c, l.owner().get("lora"), l.path() + ".lora");
        }
        return new Recipe.Student(name, base, data, split, c, seed, replicates);
    }

    private int intSetting(JsonNode s, String p, JsonNode defaults, String key, int min, int def) {
        Setting st = setting(s, p, defaults, key);
        return st == null ? def : y.integer(st.owner(), key, st.path(), min);
    }

    /** A wither taking one number. */
    private interface NumberEdit {
        TrainingConfig apply(TrainingConfig c, double v);
    }

    private TrainingConfig numeric(
            JsonNode s,
            String p,
            JsonNode defaults,
            String key,
            TrainingConfig c,
            double def,
            NumberEdit edit) {
        Setting st = setting(s, p, defaults, key);
        double v = st == null ? def : y.number(st.owner(), key, st.path());
        return apply(
                c,
                st == null ? YamlReader.path(p, key) : YamlReader.path(st.path(), key),
                cfg -> edit.apply(cfg, v));
    }

    private TrainingConfig apply(TrainingConfig c, String path, UnaryOperator<TrainingConfig> f) {
        try {
            return f.apply(c);
        } catch (IllegalArgumentException e) {
            throw y.error(path, e.getMessage());
        }
    }

    private TrainingConfig lora(TrainingConfig c, JsonNode n, String p) {
        y.object(n, p);
        y.keys(n, p, "rank", "alpha", "targets");
        int rank = y.integer(y.required(n, "rank", p), p + ".rank", 1);
        double alpha = n.has("alpha") ? y.number(n, "alpha", p) : 2.0 * rank;
        List<String> targets =
                n.has("targets")
                        ? y.strings(n.get("targets"), p + ".targets")
                        : List.of("q_proj", "v_proj");
        LoraConfig lc;
        try {
            lc = new LoraConfig(rank, alpha, targets);
        } catch (IllegalArgumentException e) {
            throw y.error(p, e.getMessage());
        }
        return c.withLora(lc);
    }

    /**
     * {@code local:DIR} or a folder (relative to the recipe) with config.json: its absolute path;
     * anything else names a model of the project, checked when the recipe runs.
     */
    private String base(String raw, String p) {
        boolean local = raw.startsWith("local:");
        Path dir = env.resolve(local ? raw.substring("local:".length()) : raw);
        if (Files.isRegularFile(dir.resolve("config.json"))) {
            return dir.toString();
        }
        if (local || raw.contains("/") || raw.contains("\\")) {
            throw y.error(p, "no model folder (with config.json) at " + dir);
        }
        return raw;
    }

    // ---- profiles

    List<Recipe.Profile> profiles(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        y.list(list, "profiles");
        List<Recipe.Profile> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(profile(list.get(i), "profiles[" + i + "]"));
        }
        return out;
    }

    private Recipe.Profile profile(JsonNode n, String p) {
        y.object(n, p);
        y.keys(
                n,
                p,
                "suite",
                "models",
                "prompts",
                "split",
                "data",
                "field",
                "limit",
                "samples",
                "temperature",
                "top_p",
                "max_new_tokens",
                "seed",
                "template",
                "system",
                "template_kwargs",
                "metrics",
                "on_overlong");
        String suite = suite(y.string(n, "suite", p, true), p + ".suite");
        List<String> models = y.strings(y.required(n, "models", p), p + ".models");
        for (int j = 0; j < models.size(); j++) {
            String where = profiled.putIfAbsent(models.get(j) + " " + suite, p);
            if (where != null) {
                throw y.error(
                        p + ".models[" + j + "]",
                        "'"
                                + models.get(j)
                                + "' already has a "
                                + suite
                                + " profile in "
                                + where
                                + " (one profile per model and suite, so comparisons are"
                                + " unambiguous)");
            }
        }
        ProfileOptions d = ProfileOptions.defaults(suite);
        boolean generation = GENERATION_SUITES.contains(suite);
        Path data = null;
        if (n.has("data")) {
            data = env.resolve(y.string(n, "data", p, true));
            if (!Files.exists(data)) {
                throw y.error(p + ".data", "no file or folder at " + data);
            }
        }
        String prompts = y.string(n, "prompts", p, false);
        if (generation) {
            if (prompts != null && data != null) {
                throw y.error(
                        p + ".data", "give prompts (a prompt set) or data (a file), not both");
            }
            if (prompts == null && data == null) {
                prompts = promptSet; // the recipe's own prompt set
            }
        } else {
            for (String k :
                    List.of(
                            "prompts",
                            "samples",
                            "temperature",
                            "top_p",
                            "max_new_tokens",
                            "template",
                            "system",
                            "template_kwargs",
                            "metrics")) {
                if (n.has(k)) {
                    throw y.error(p + "." + k, "only used by text and toxicity profiles");
                }
            }
            if (data == null) {
                throw y.error(
                        p + ".data",
                        "missing (the " + suite + " suite reads its items from a file or folder)");
            }
        }
        if (n.has("split") && prompts == null) {
            throw y.error(p + ".split", "only used with prompts (a prompt set)");
        }
        if (n.has("field") && data == null) {
            throw y.error(p + ".field", "only used with data (a file)");
        }
        int samples = n.has("samples") ? y.integer(n, "samples", p, 1) : d.samples();
        double temperature = n.has("temperature") ? y.number(n, "temperature", p) : d.temperature();
        double topP = n.has("top_p") ? y.number(n, "top_p", p) : d.topP();
        int maxNew =
                n.has("max_new_tokens") ? y.integer(n, "max_new_tokens", p, 1) : d.maxNewTokens();
        if (generation) {
            try {
                new SamplingParams(
                        temperature == ProfileOptions.FROM_GENERATION_CONFIG ? 0 : temperature,
                        topP,
                        0,
                        maxNew,
                        1.0);
            } catch (IllegalArgumentException e) {
                throw y.error(p, e.getMessage());
            }
        }
        // No template: a student is profiled with the one it was trained with, else the paper's.
        String template = n.has("template") ? y.string(n, "template", p, true) : null;
        if (generation
                && template != null
                && !template.contains("{prompt}")
                && !template.equals("raw")
                && !template.equals("chat")) {
            throw y.error(p + ".template", "must contain {prompt} (or be raw or chat)");
        }
        ProfileOptions o =
                new ProfileOptions(
                        data,
                        prompts,
                        y.string(n, "split", p, false),
                        y.string(n, "field", p, false),
                        n.has("limit") ? y.integer(n, "limit", p, 0) : 0,
                        samples,
                        temperature,
                        topP,
                        maxNew,
                        n.has("seed") ? y.longValue(n, "seed", p) : d.seed(),
                        template,
                        n.has("metrics")
                                ? y.strings(n.get("metrics"), p + ".metrics")
                                : d.metrics(),
                        null,
                        null,
                        d.likelihood(),
                        TemplateFields.read(y, n, p),
                        onOverlong(n, p));
        return new Recipe.Profile(suite, models, o);
    }

    private org.heirloom.teacher.OnOverlong onOverlong(JsonNode n, String p) {
        if (!n.has("on_overlong")) {
            return org.heirloom.teacher.OnOverlong.SKIP;
        }
        try {
            return org.heirloom.teacher.OnOverlong.parse(y.string(n, "on_overlong", p, true));
        } catch (IllegalArgumentException e) {
            throw y.error(p + ".on_overlong", "expected skip, truncate-left or fail");
        }
    }

    private String suite(String s, String p) {
        if (s.equals("judge")) {
            throw y.error(
                    p,
                    "the judge suite pairs two models and is not run from recipes; use 'heirloom"
                            + " profile --suite judge'");
        }
        if (!ProfileService.SUITES.contains(s)) {
            throw y.error(
                    p,
                    "unknown suite '"
                            + s
                            + "' (known: text, toxicity, calibration, crows, bbq, stereoset)");
        }
        return s;
    }

    // ---- comparisons

    List<Recipe.Comparison> comparisons(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        y.list(list, "comparisons");
        List<Recipe.Comparison> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "comparisons[" + i + "]";
            Recipe.Comparison c = comparison(list.get(i), p);
            if (!names.add(c.name())) {
                throw y.error(p + ".name", "comparison '" + c.name() + "' appears twice");
            }
            out.add(c);
        }
        return out;
    }

    private Recipe.Comparison comparison(JsonNode n, String p) {
        y.object(n, p);
        y.keys(n, p, "name", "suites", "arms", "baseline");
        String name = y.string(n, "name", p, true);
        List<String> suites = y.strings(y.required(n, "suites", p), p + ".suites");
        for (int j = 0; j < suites.size(); j++) {
            suite(suites.get(j), p + ".suites[" + j + "]");
        }
        JsonNode arms = y.required(n, "arms", p);
        y.object(arms, p + ".arms");
        List<Recipe.Arm> list = new ArrayList<>();
        arms.fields()
                .forEachRemaining(
                        e ->
                                list.add(
                                        new Recipe.Arm(
                                                e.getKey(),
                                                y.strings(
                                                        e.getValue(), p + ".arms." + e.getKey()))));
        if (list.size() < 2) {
            throw y.error(p + ".arms", "needs at least two arms (LABEL: [models])");
        }
        String baseline = y.string(n, "baseline", p, false);
        if (baseline != null) {
            Recipe.Arm b =
                    list.stream()
                            .filter(a -> a.label().equals(baseline))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            y.error(
                                                    p + ".baseline",
                                                    "no arm labelled '" + baseline + "'"));
            list.remove(b);
            list.add(0, b);
        }
        Recipe.Student reference = null;
        for (Recipe.Arm a : list) {
            for (int j = 0; j < a.models().size(); j++) {
                String ref = a.models().get(j);
                String rp = p + ".arms." + a.label() + "[" + j + "]";
                if (students.containsKey(ref) || teachers.containsKey(ref)) {
                    for (String suite : suites) {
                        if (!profiled.containsKey(ref + " " + suite)) {
                            throw y.error(
                                    rp,
                                    "'"
                                            + ref
                                            + "' has no "
                                            + suite
                                            + " profile in this recipe (add it to profiles)");
                        }
                    }
                }
                Recipe.Student st = students.get(ref);
                if (st != null) {
                    if (reference == null) {
                        reference = st;
                    } else if (!st.trainedLike(reference)) {
                        throw y.error(
                                rp,
                                "student '"
                                        + ref
                                        + "' is trained differently from '"
                                        + reference.name()
                                        + "'; compared students must share base, settings, seed"
                                        + " and replicates (put them in student_defaults)");
                    }
                }
            }
        }
        return new Recipe.Comparison(name, suites, list);
    }
}
