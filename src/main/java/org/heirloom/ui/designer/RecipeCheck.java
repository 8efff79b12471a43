package org.heirloom.ui.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.heirloom.job.Debouncer;
import org.heirloom.job.JobSpec;
import org.heirloom.recipe.Recipe;
import org.heirloom.recipe.RecipeParser;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.recipe.RecipeSchema;
import org.heirloom.recipe.RecipeYaml;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.MetricSpec;
import org.heirloom.select.Strategy;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * Checks recipe text with the real {@link RecipeParser}, as a job through a {@link Debouncer}: a
 * burst of edits is checked once it pauses, and only the newest text's result is delivered. Holds
 * no UI state; the result arrives on the executor's callback thread.
 */
final class RecipeCheck implements AutoCloseable {

    /** The source name given to the parser; messages are shown without it. */
    static final String SOURCE = "recipe";

    /**
     * What a check found for one text.
     *
     * @param tree the text as a YAML tree; {@code null} when it is not a mapping
     * @param recipe the parsed recipe; {@code null} when any problem was found
     */
    record Result(String text, ObjectNode tree, Recipe recipe, List<RecipeProblem> problems) {}

    private final Debouncer debouncer;
    private final MetricRegistry metrics;
    private final Consumer<Result> onResult;

    RecipeCheck(Debouncer debouncer, MetricRegistry metrics, Consumer<Result> onResult) {
        this.debouncer = debouncer;
        this.metrics = metrics;
        this.onResult = onResult;
    }

    /** Checks {@code text} once edits have paused, with relative paths from {@code dir}. */
    void request(String text, Path dir) {
        debouncer.request(job(text, dir));
    }

    /** Checks {@code text} now, dropping a waiting check (a recipe was just opened). */
    void requestNow(String text, Path dir) {
        debouncer.requestNow(job(text, dir));
    }

    private JobSpec<Result> job(String text, Path dir) {
        return JobSpec.of("Check recipe", ctx -> safely(text, dir)).onSuccess(onResult);
    }

    /** Never leaves the designer "checking" forever: a broken check is shown as a problem. */
    private Result safely(String text, Path dir) {
        try {
            return examine(text, dir, metrics);
        } catch (RuntimeException e) {
            return new Result(
                    text,
                    null,
                    null,
                    List.of(new RecipeProblem("", 0, "cannot check the recipe: " + e)));
        }
    }

    /** Parses and validates; touches no UI state (runs off the UI thread). */
    static Result examine(String text, Path dir, MetricRegistry metrics) {
        ObjectNode parsed;
        List<RecipeProblem> found = new ArrayList<>();
        try {
            parsed = RecipeYaml.read(text);
        } catch (IllegalArgumentException e) {
            found.add(RecipeProblem.of(SOURCE, SOURCE + ":" + e.getMessage()));
            return new Result(text, null, null, found);
        }
        Recipe r = null;
        try {
            r = RecipeParser.parse(text, SOURCE, TeacherEnvironment.system().withBaseDir(dir));
        } catch (IllegalArgumentException e) {
            found.add(RecipeProblem.of(SOURCE, e.getMessage()));
        }
        // The parser stops at the first problem; strategies and scorers are checked one by one
        // so that every bad entry is marked at once.
        JsonNode sel = parsed.get("selections");
        if (sel != null && sel.isArray()) {
            for (int i = 0; i < sel.size(); i++) {
                JsonNode st = sel.get(i).get("strategy");
                if (st != null && st.isTextual() && !st.asText().isBlank()) {
                    try {
                        Strategy.parse(st.asText().strip());
                    } catch (IllegalArgumentException e) {
                        add(
                                found,
                                new RecipeProblem(
                                        "selections[" + i + "].strategy", 0, e.getMessage()));
                    }
                }
            }
        }
        List<String> names = FormText.texts(parsed.get(RecipeSchema.SCORERS));
        for (int i = 0; i < names.size(); i++) {
            String problem = scorerProblem(names.get(i), metrics);
            if (problem != null) {
                add(found, new RecipeProblem("scorers[" + i + "]", 0, problem));
            }
        }
        return new Result(text, parsed, found.isEmpty() ? r : null, found);
    }

    private static void add(List<RecipeProblem> found, RecipeProblem p) {
        if (found.stream().noneMatch(q -> q.path().equals(p.path()))) {
            found.add(p);
        }
    }

    /** Scorer names are resolved only when the recipe runs; the designer checks them early. */
    private static String scorerProblem(String spec, MetricRegistry metrics) {
        String name;
        try {
            name = MetricSpec.parse(spec).name();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (metrics.info(name).isPresent()) {
            return null;
        }
        return "unknown metric '"
                + name
                + "' (known: "
                + String.join(", ", metrics.list().stream().map(MetricInfo::name).toList())
                + ")";
    }

    /** Drops a waiting check and the result of one in flight. */
    void cancel() {
        debouncer.cancel();
    }

    @Override
    public void close() {
        debouncer.close();
    }
}
