package org.heirloom.recipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editable keys of a recipe, with the kind of value each holds: single values by dotted YAML
 * path, and list sections with the keys of one entry. Editors (the designer's form) are generated
 * from this table instead of restating the recipe format; {@code RecipeSchemaTest} holds it to
 * {@link RecipeParser}, which accepts every key here and rejects a value of the wrong kind at its
 * path. Keys left out (exports, prompt splits, templates …) stay editable as YAML text.
 */
public final class RecipeSchema {

    private RecipeSchema() {}

    /** What a key's value is. */
    public enum Type {
        TEXT,
        INT,
        NUMBER,
        /** a list of names */
        LIST,
        /** a mapping of arm label to a list of model names */
        ARMS
    }

    /**
     * @param key dotted path relative to its section ({@code lora.rank}), or to the recipe
     * @param label a short human name with the accepted forms where they help
     */
    public record Field(String key, String label, Type type) {}

    /** Single values, by dotted path from the recipe's root. */
    public static final List<Field> SCALARS =
            List.of(
                    new Field("name", "Name", Type.TEXT),
                    new Field("description", "Description", Type.TEXT),
                    new Field("prompts.set", "Prompt set", Type.TEXT),
                    new Field("prompts.import", "Import from file", Type.TEXT),
                    new Field("prompts.field", "Prompt field", Type.TEXT),
                    new Field("prompts.limit", "Limit", Type.INT),
                    new Field("run.name", "Run name", Type.TEXT),
                    new Field("run.k", "k (candidates per prompt)", Type.INT),
                    new Field("run.seed", "Seed", Type.INT),
                    new Field("run.split", "Split", Type.TEXT),
                    new Field("run.sampling.temperature", "Temperature", Type.NUMBER),
                    new Field("run.sampling.top_p", "top_p", Type.NUMBER),
                    new Field("run.sampling.top_k", "top_k", Type.INT),
                    new Field("run.sampling.max_new_tokens", "max_new_tokens", Type.INT),
                    new Field("student_defaults.base", "Base model", Type.TEXT),
                    new Field("student_defaults.replicates", "Replicates", Type.INT),
                    new Field("student_defaults.lr", "Learning rate", Type.NUMBER),
                    new Field("student_defaults.epochs", "Epochs", Type.INT),
                    new Field("student_defaults.max_steps", "Max steps", Type.INT),
                    new Field("student_defaults.batch", "Batch", Type.INT),
                    new Field("student_defaults.lora.rank", "LoRA rank", Type.INT));

    /** The list of metric names to score with; each a {@code MetricSpec}. */
    public static final String SCORERS = "scorers";

    /** List sections, in recipe order: YAML key → the keys of one entry. */
    public static final Map<String, List<Field>> SECTIONS = sections();

    private static Map<String, List<Field>> sections() {
        Map<String, List<Field>> m = new LinkedHashMap<>();
        m.put(
                "teachers",
                List.of(
                        new Field(
                                "spec",
                                "spec (import:FILE, local:DIR, openai:URL#model)",
                                Type.TEXT),
                        new Field("name", "name (optional)", Type.TEXT)));
        m.put(
                "selections",
                List.of(
                        new Field("name", "name", Type.TEXT),
                        new Field("strategy", "strategy (max:words, random …)", Type.TEXT)));
        m.put(
                "students",
                List.of(
                        new Field("name", "name", Type.TEXT),
                        new Field("data", "data (selection)", Type.TEXT),
                        new Field("base", "base", Type.TEXT),
                        new Field("replicates", "replicates", Type.INT),
                        new Field("lr", "lr", Type.NUMBER),
                        new Field("epochs", "epochs", Type.INT),
                        new Field("max_steps", "steps", Type.INT),
                        new Field("batch", "batch", Type.INT),
                        new Field("lora.rank", "LoRA rank", Type.INT)));
        m.put(
                "profiles",
                List.of(
                        new Field("suite", "suite (text, toxicity …)", Type.TEXT),
                        new Field("models", "models (a, b)", Type.LIST),
                        new Field("limit", "limit", Type.INT)));
        m.put(
                "comparisons",
                List.of(
                        new Field("name", "name", Type.TEXT),
                        new Field("suites", "suites (text)", Type.LIST),
                        new Field("arms", "arms (label=m1+m2; label2=m3)", Type.ARMS),
                        new Field("baseline", "baseline", Type.TEXT)));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The fields of one entry of a list section. */
    public static List<Field> section(String key) {
        List<Field> f = SECTIONS.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no list section '" + key + "'");
        }
        return f;
    }
}
