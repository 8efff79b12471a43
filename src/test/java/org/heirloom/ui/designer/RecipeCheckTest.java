package org.heirloom.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.Debouncer;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;
import org.heirloom.job.ManualScheduler;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.recipe.RecipeProblem;
import org.heirloom.score.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking on a hand-driven clock: what is checked, when, and through which executor. */
class RecipeCheckTest {

    static final Path EXAMPLE = Path.of("sample-projects/example").toAbsolutePath();
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir Path dir;

    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> titles = new ArrayList<>();
    private final List<RecipeCheck.Result> results = new ArrayList<>();

    private RecipeCheck check() {
        JobExecutor sync = new SynchronousJobExecutor();
        JobExecutor recording =
                new JobExecutor() {
                    @Override
                    public <T> JobHandle<T> submit(JobSpec<T> spec) {
                        titles.add(spec.title());
                        return sync.submit(spec);
                    }
                };
        return new RecipeCheck(
                new Debouncer(recording, QUIET, clock), MetricRegistry.standard(), results::add);
    }

    private static String recipe(String name) {
        return """
                version: 1
                name: %s
                prompts: {set: p, import: %s, field: prompt}
                run: {name: r, k: 2}
                teachers: ["import:%s"]
                """
                .formatted(
                        name,
                        EXAMPLE.resolve("prompts.jsonl"),
                        EXAMPLE.resolve("candidates.jsonl"));
    }

    @Test
    void typingIsCheckedOnceItPausesAsAJobOnTheExecutor() {
        RecipeCheck c = check();
        c.request(recipe("a"), dir);
        clock.advance(Duration.ofMillis(100));
        c.request(recipe("ab"), dir);
        clock.advance(Duration.ofMillis(100));
        c.request(recipe("abc"), dir);
        clock.advance(Duration.ofMillis(299));
        assertEquals(List.of(), titles, "nothing is checked while typing goes on");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("Check recipe"), titles);
        assertEquals(1, results.size());
        assertEquals(recipe("abc"), results.get(0).text());
        assertEquals("abc", results.get(0).recipe().name());
        assertEquals(List.of(), results.get(0).problems());
    }

    @Test
    void anOpenedRecipeIsCheckedAtOnceAndDropsTheTypingBeforeIt() {
        RecipeCheck c = check();
        c.request(recipe("typed"), dir);
        c.requestNow(recipe("opened"), dir);
        assertEquals(1, results.size());
        assertEquals("opened", results.get(0).recipe().name());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, results.size());
    }

    @Test
    void closingDropsAWaitingCheck() {
        RecipeCheck c = check();
        c.request(recipe("late"), dir);
        c.close();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), titles);
    }

    @Test
    void everyBadStrategyAndScorerIsMarkedAtOnce() {
        String text =
                recipe("x")
                        + """
                        scorers: [words, wordz]
                        selections:
                          - {name: a, strategy: "maxx:words"}
                          - {name: b, strategy: random}
                          - {name: c, strategy: "nope"}
                        """;
        RecipeCheck.Result r = RecipeCheck.examine(text, dir, MetricRegistry.standard());
        assertNull(r.recipe());
        assertNotNull(r.tree());
        List<String> paths = r.problems().stream().map(RecipeProblem::path).toList();
        assertTrue(paths.contains("selections[0].strategy"), paths.toString());
        assertTrue(paths.contains("selections[2].strategy"), paths.toString());
        assertTrue(paths.contains("scorers[1]"), paths.toString());
        assertTrue(!paths.contains("selections[1].strategy"), paths.toString());
        assertEquals(paths.size(), paths.stream().distinct().count(), "one problem per path");
        String scorer =
                r.problems().stream()
                        .filter(p -> p.path().equals("scorers[1]"))
                        .findFirst()
                        .orElseThrow()
                        .message();
        assertTrue(scorer.startsWith("unknown metric 'wordz' (known: "), scorer);
    }

    @Test
    void textThatIsNotYamlHasNoTreeAndALine() {
        RecipeCheck.Result r =
                RecipeCheck.examine("name: a\nrun: [unclosed\n", dir, MetricRegistry.standard());
        assertNull(r.tree());
        assertNull(r.recipe());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).line() > 0, r.problems().toString());
    }
}
