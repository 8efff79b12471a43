package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages of stored generations: hand-built cases, the bundled sample, and 10^5 items. */
class GenerationBrowserTest {

    static final Path BUNDLED = Path.of("sample-projects/sample.heirloom").toAbsolutePath();

    @TempDir Path dir;

    /** Adds a model with a complete text profile whose items have the given words and mtld. */
    private static long model(Project p, String name, String[] keys, double[][] wordsMtld) {
        long id = new ModelRepository(p).register(name, "local", null, null, null, null).id();
        ProfileRepository repo = new ProfileRepository(p);
        ProfileRecord prof = repo.open(id, "text", "{}");
        List<ProfileItem> items = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            String data =
                    String.format(
                            Locale.ROOT,
                            "{\"metrics\":{\"words\":%s,\"mtld\":%s},\"prompt\":\"prompt %s\"}",
                            wordsMtld[i][0],
                            wordsMtld[i][1],
                            keys[i]);
            items.add(new ProfileItem(keys[i], i % 2, name + " says " + i, wordsMtld[i][0], data));
        }
        repo.addItems(prof.id(), items);
        repo.complete(prof.id(), "{}");
        return id;
    }

    @Test
    void filtersSortsAndPagesByArmReplicateAndRange() throws Exception {
        try (Project p = Project.create(dir.resolve("g.heirloom"), "g")) {
            String[] keys = {"p2", "p2", "p10", "p10"};
            long a0 = model(p, "a-r0", keys, new double[][] {{5, 1}, {7, 2}, {30, 3}, {1, 4}});
            long a1 = model(p, "a-r1", keys, new double[][] {{9, 1}, {2, 2}, {3, 3}, {4, 4}});
            long b0 = model(p, "b-r0", keys, new double[][] {{50, 1}, {60, 2}, {8, 3}, {6, 4}});
            List<GenerationQuery.Arm> arms =
                    List.of(
                            new GenerationQuery.Arm("a", null, List.of(a0, a1)),
                            new GenerationQuery.Arm("b", "max:words", List.of(b0)));
            GenerationBrowser b = new GenerationBrowser(p);
            GenerationQuery all = GenerationQuery.of("text", arms);
            try (GenerationBrowser.Listing l = b.open(all)) {
                assertEquals(12, l.total());
                // Prompt order p2 before p10, then arm order, replicate, sample.
                List<GenerationRow> rows = l.page(0, 12);
                assertEquals("p2", rows.get(0).itemKey());
                assertEquals("a-r0", rows.get(0).model());
                assertEquals("b", rows.get(4).arm());
                assertEquals("p10", rows.get(6).itemKey());
                assertEquals("prompt p2", rows.get(0).prompt());
                assertEquals(2.0, rows.get(1).metric("mtld"));
            }
            // Arm a, words in [3, 9], by words descending: 9 (r1), 7, 5 (r0), 4, 3 (r1).
            GenerationQuery q =
                    all.withArm("a", -1)
                            .withRanges(List.of(new CandidateQuery.MetricRange("words", 3, 9)))
                            .withSort("words", true);
            try (GenerationBrowser.Listing l = b.open(q)) {
                assertEquals(5, l.total());
                assertEquals(
                        List.of(9.0, 7.0, 5.0, 4.0, 3.0),
                        l.page(0, 10).stream().map(r -> r.metric("words")).toList());
                // A page from the middle is a range of the same order.
                List<GenerationRow> mid = l.page(2, 2);
                assertEquals(List.of(2, 3), mid.stream().map(GenerationRow::position).toList());
                assertEquals(5.0, mid.get(0).metric("words"));
            }
            try (GenerationBrowser.Listing l = b.open(q.withArm("a", 1))) {
                assertEquals(3, l.total());
                assertTrue(l.page(0, 5).stream().allMatch(r -> r.model().equals("a-r1")));
            }
            try (GenerationBrowser.Listing l = b.open(all.withItem("p10").withSearch("b-r0"))) {
                assertEquals(2, l.total());
            }
            // Spread on words: p2 → arm a mean (5+7+9+2)/4 = 5.75, b (50+60)/2 = 55 → 49.25;
            // p10 → a (30+1+3+4)/4 = 9.5, b 7 → 2.5.
            List<GenerationBrowser.PromptSpread> spread = b.prompts(all, "words", "", 0, 10);
            assertEquals(List.of("p2", "p10"), spread.stream().map(s -> s.itemKey()).toList());
            assertEquals(49.25, spread.get(0).spread(), 1e-9);
            assertEquals(2.5, spread.get(1).spread(), 1e-9);
            assertEquals(
                    List.of("p10"),
                    b.prompts(all, "words", "p10", 0, 10).stream().map(s -> s.itemKey()).toList());
            assertEquals(List.of("words", "mtld"), b.metrics(all));
            assertThrows(IllegalArgumentException.class, () -> all.withSort("words') --", true));
        }
    }

    @Test
    void theMaxWordsArmOfTheSampleSortedByWordsIsItsItemsInThatOrder() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        Path copy = dir.resolve("sample.heirloom");
        Files.copy(BUNDLED, copy);
        try (Project p = Project.open(copy)) {
            ModelRepository models = new ModelRepository(p);
            List<Long> ids = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                ids.add(models.find("long-student-r" + r).orElseThrow().id());
            }
            GenerationQuery q =
                    GenerationQuery.of(
                                    "text",
                                    List.of(new GenerationQuery.Arm("max-words", null, ids)))
                            .withSort("words", true);
            // Independently: every item of those three profiles, words read with Jackson.
            ProfileRepository repo = new ProfileRepository(p);
            ObjectMapper json = new ObjectMapper();
            List<Double> expected = new ArrayList<>();
            for (long id : ids) {
                for (ProfileItem it :
                        repo.items(repo.latestComplete(id, "text").orElseThrow().id())) {
                    JsonNode d = json.readTree(it.data());
                    expected.add(d.path("metrics").path("words").asDouble());
                }
            }
            expected.sort(Comparator.reverseOrder());
            try (GenerationBrowser.Listing l = new GenerationBrowser(p).open(q)) {
                assertEquals(expected.size(), l.total());
                assertEquals(
                        expected,
                        l.page(0, l.total()).stream().map(r -> r.metric("words")).toList());
            }
            // Eval prompts: no run generated candidates for them.
            assertTrue(new GenerationBrowser(p).candidates("p14").isEmpty());
            // A train prompt has the teacher's k candidates, the kept ones named.
            List<GenerationBrowser.TeacherCandidate> cands =
                    new GenerationBrowser(p).candidates("p1");
            long k =
                    p.read(
                            c ->
                                    Sql.first(c, "SELECT k FROM run LIMIT 1", rs -> rs.getLong(1))
                                            .orElseThrow());
            assertEquals(k, cands.size());
            assertTrue(cands.stream().anyMatch(c -> c.kept().contains("longest")));
            assertTrue(cands.get(0).metrics().containsKey("words"));
        }
    }

    /**
     * 10^5 items (25 models × 4,000): the time to open the slowest query (a metric order over every
     * arm) and read a deep page. Printed for the report; no timing assertion.
     */
    @Test
    void pagesAHundredThousandItems() throws Exception {
        try (Project p = Project.create(dir.resolve("big.heirloom"), "big")) {
            ProfileRepository repo = new ProfileRepository(p);
            List<GenerationQuery.Arm> arms = new ArrayList<>();
            java.util.Random rnd = new java.util.Random(7);
            for (int a = 0; a < 5; a++) {
                List<Long> reps = new ArrayList<>();
                for (int r = 0; r < 5; r++) {
                    long id =
                            new ModelRepository(p)
                                    .register("m" + a + "-r" + r, "local", null, null, null, null)
                                    .id();
                    ProfileRecord prof = repo.open(id, "text", "{}");
                    List<ProfileItem> items = new ArrayList<>();
                    for (int i = 0; i < 4000; i++) {
                        double w = rnd.nextInt(300);
                        items.add(
                                new ProfileItem(
                                        "p" + (i / 4),
                                        i % 4,
                                        "text " + i,
                                        w,
                                        "{\"metrics\":{\"words\":"
                                                + w
                                                + ",\"mtld\":"
                                                + rnd.nextDouble() * 100
                                                + "},\"prompt\":\"prompt "
                                                + (i / 4)
                                                + "\"}"));
                    }
                    repo.addItems(prof.id(), items);
                    repo.complete(prof.id(), "{}");
                    reps.add(id);
                }
                arms.add(new GenerationQuery.Arm("arm" + a, null, reps));
            }
            GenerationBrowser b = new GenerationBrowser(p);
            GenerationQuery q = GenerationQuery.of("text", arms).withSort("words", true);
            long t0 = System.nanoTime();
            try (GenerationBrowser.Listing l = b.open(q)) {
                long t1 = System.nanoTime();
                List<GenerationRow> page = l.page(90_000, 100);
                long t2 = System.nanoTime();
                assertEquals(100_000, l.total());
                assertEquals(100, page.size());
                List<GenerationRow> first = l.page(0, 2);
                assertTrue(first.get(0).metric("words") >= first.get(1).metric("words"));
                long t3 = System.nanoTime();
                List<GenerationBrowser.PromptSpread> s = b.prompts(q, "words", "", 0, 50);
                long t4 = System.nanoTime();
                assertEquals(50, s.size());
                System.out.printf(
                        Locale.ROOT,
                        "generations at 10^5 items: open (sort by words) %.0f ms, page at 90,000"
                                + " %.1f ms, prompts by arm spread %.0f ms%n",
                        (t1 - t0) / 1e6,
                        (t2 - t1) / 1e6,
                        (t4 - t3) / 1e6);
            }
        }
    }
}
