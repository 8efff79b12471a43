package org.heirloom.project.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.project.CandidateFixture;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateQuery.Column;
import org.heirloom.project.candidate.CandidateQuery.MetricRange;
import org.heirloom.project.candidate.CandidateQuery.Sort;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.SelectionRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings of {@link CandidateFixture}'s run against orders and filters worked out by hand. */
class CandidateBrowserTest {

    @TempDir Path dir;
    private Path file;

    @BeforeEach
    void setUp() {
        file = CandidateFixture.create(dir.resolve("c.heirloom"), 0);
    }

    /** Candidate ids of the whole listing, read in pages of 5 (so pages meet mid-order). */
    private static List<Long> ids(CandidateBrowser b, CandidateQuery q) {
        try (CandidateListing l = b.open(q)) {
            List<Long> out = new java.util.ArrayList<>();
            for (int off = 0; off < l.total(); off += 5) {
                CandidatePage page = l.page(off, 5);
                assertEquals(off, page.offset());
                page.rows().forEach(r -> out.add(r.id()));
            }
            assertEquals(l.total(), out.size());
            // The LIMIT/OFFSET baseline lists the same rows in the same order.
            List<Long> baseline =
                    b.pageByOffset(q, 0, 100).rows().stream().map(CandidatePage.Row::id).toList();
            assertEquals(out, baseline, "baseline order for " + q.sort());
            assertEquals(out.size(), b.count(q));
            return out;
        }
    }

    private static List<Long> list(long... ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }

    private static CandidateQuery base(Project p) {
        long run = new RunRepository(p).require(CandidateFixture.RUN).id();
        long sel = new SelectionRepository(p).require(CandidateFixture.SELECTION).id();
        return CandidateQuery.of(run).withSelection(sel, false);
    }

    @Test
    void pagesInPromptOrderWithRowsAndKeptFlags() {
        try (Project p = Project.open(file)) {
            CandidateBrowser b = new CandidateBrowser(p);
            CandidateQuery q = base(p);
            assertEquals(list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ids(b, q));
            assertEquals(
                    List.of("tox", "words"),
                    b.metrics(q.runId()).stream().map(MetricRef::name).toList());
            try (CandidateListing l = b.open(q)) {
                assertEquals(12, l.total());
                CandidatePage.Row r = l.page(3, 1).rows().get(0);
                assertEquals(4, r.id());
                assertEquals(0, r.promptIndex());
                assertEquals("Tell me about animals.", r.prompt());
                assertEquals("t:b", r.teacher());
                assertEquals(1, r.index());
                assertEquals("a red barn in the field", r.text());
                assertEquals(-1, r.tokens());
                assertEquals("eos", r.finishReason());
                assertTrue(Double.isNaN(r.score(0)), "no tox score");
                assertEquals(6.0, r.score(1));
                assertTrue(r.selected());
                List<Long> kept =
                        l.page(0, 12).rows().stream()
                                .filter(CandidatePage.Row::selected)
                                .map(CandidatePage.Row::id)
                                .toList();
                assertEquals(list(4, 6, 11), kept);
                assertEquals(2, l.page(10, 5).rows().size(), "the last page is short");
                assertEquals(0, l.page(12, 5).rows().size());
                assertTrue(Double.isNaN(l.page(1, 1).rows().get(0).score(0)), "NULL tox of #2");
            }
            CandidateListing closed = b.open(q);
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.page(0, 5));
        }
    }

    @Test
    void sortsByEveryColumnWithValuelessRowsLast() {
        try (Project p = Project.open(file)) {
            CandidateBrowser b = new CandidateBrowser(p);
            CandidateQuery q = base(p);
            assertEquals(
                    list(4, 11, 6, 10, 2, 7, 1, 12, 9, 8, 5, 3),
                    ids(b, q.withSort(Sort.byMetric("words", true))),
                    "words descending; ties by id descending");
            assertEquals(
                    list(12, 3, 7, 6, 9, 1, 10, 8, 11, 5, 2, 4),
                    ids(b, q.withSort(Sort.byMetric("tox", false))),
                    "NULL (#2) and unscored (#4) last");
            assertEquals(
                    list(5, 11, 8, 10, 1, 9, 6, 7, 3, 12, 2, 4),
                    ids(b, q.withSort(Sort.byMetric("tox", true))),
                    "still last when descending");
            assertEquals(
                    list(8, 3, 12, 5, 9, 10, 1, 7, 2, 11, 6, 4),
                    ids(b, q.withSort(Sort.by(Column.TOKENS, false))));
            assertEquals(
                    list(3, 4, 7, 8, 11, 12, 1, 2, 5, 6, 9, 10),
                    ids(b, q.withSort(Sort.by(Column.TEACHER, true))));
            assertEquals(
                    list(1, 3, 5, 7, 9, 11, 2, 4, 6, 8, 10, 12),
                    ids(b, q.withSort(Sort.by(Column.INDEX, false))));
            assertEquals(
                    list(1, 3, 4, 5, 6, 8, 9, 11, 12, 2, 10, 7),
                    ids(b, q.withSort(Sort.by(Column.FINISH, false))));
            assertEquals(
                    list(4, 6, 11, 1, 2, 3, 5, 7, 8, 9, 10, 12),
                    ids(b, q.withSort(Sort.by(Column.SELECTED, false))),
                    "ascending lists kept candidates first");
            assertEquals(
                    list(12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
                    ids(b, q.withSort(Sort.by(Column.PROMPT, true))));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.open(q.withSort(Sort.byMetric("mtld", false))));
            assertEquals(
                    "metric 'mtld' is not scored in this run (scored: tox, words)", e.getMessage());
        }
    }

    @Test
    void metricSortOfARunWhoseIdsAreNotOneRange() {
        Path f = CandidateFixture.create(dir.resolve("gap.heirloom"), 3);
        try (Project p = Project.open(f)) {
            CandidateQuery q = base(p);
            long teacher = new RunRepository(p).teachers(q.runId()).get(0).id();
            long prompt = new CandidateRepository(p).refs(q.runId()).get(0).promptId();
            // Written after run-big's 3 candidates: run-a's ids are 1..12 and 16.
            new CandidateRepository(p)
                    .insert(
                            List.of(
                                    new CandidateRow(
                                            0,
                                            q.runId(),
                                            prompt,
                                            teacher,
                                            2,
                                            9,
                                            "late",
                                            1,
                                            "eos",
                                            Double.NaN,
                                            null)));
            CandidateBrowser b = new CandidateBrowser(p);
            assertEquals(
                    list(4, 11, 6, 10, 2, 7, 1, 12, 9, 8, 5, 3, 16),
                    ids(b, q.withSort(Sort.byMetric("words", true))),
                    "run-big's candidates stay out; the unscored one comes last");
        }
    }

    @Test
    void filtersByTeacherRangeAndKept() {
        try (Project p = Project.open(file)) {
            CandidateBrowser b = new CandidateBrowser(p);
            CandidateQuery q = base(p);
            long tb = b.teachers(q.runId()).get(1).id();
            assertEquals(list(3, 4, 7, 8, 11, 12), ids(b, q.withTeacher(tb)));
            assertEquals(list(4, 6, 11), ids(b, q.withSelection(q.selectionId(), true)));
            assertEquals(
                    list(2, 6, 10, 11),
                    ids(b, q.withRanges(List.of(new MetricRange("words", 4, 5)))));
            assertEquals(
                    list(1, 5, 8, 10, 11),
                    ids(b, q.withRanges(List.of(new MetricRange("tox", 0.5, Double.NaN)))),
                    "open maximum; NULL and unscored never match");
            assertEquals(
                    list(11, 8),
                    ids(
                            b,
                            q.withTeacher(tb)
                                    .withRanges(List.of(new MetricRange("tox", 0.5, Double.NaN)))
                                    .withSort(Sort.byMetric("tox", true))));
            assertThrows(IllegalArgumentException.class, () -> new MetricRange("tox", 2, 1));
        }
    }

    @Test
    void searchGivesTheSameRowsByLikeAndByTheIncrementalIndex() {
        try (Project p = Project.open(file)) {
            CandidateBrowser b = new CandidateBrowser(p);
            CandidateQuery q = base(p);
            CandidateSearchIndex index = new CandidateSearchIndex(p);
            assertTrue(index.usable(), "the bundled SQLite has FTS5");
            // Three states: no index (LIKE), half indexed (both), fully indexed (FTS5).
            for (int state = 0; state < 3; state++) {
                if (state == 1) {
                    assertEquals(5, index.indexNext(5));
                    assertEquals(5, index.indexedUpTo());
                    assertEquals(7, index.pending());
                } else if (state == 2) {
                    assertEquals(7, index.indexNext(100));
                    assertEquals(0, index.indexNext(100));
                    assertEquals(0, index.pending());
                }
                String s = "state " + state;
                assertEquals(list(1, 4, 10, 12), ids(b, q.withSearch("red")), s);
                assertEquals(list(1, 6, 9), ids(b, q.withSearch("FOX")), s);
                assertEquals(list(1), ids(b, q.withSearch("red  fox")), s);
                assertEquals(list(7), ids(b, q.withSearch("50%")), s);
                assertEquals(list(7), ids(b, q.withSearch("%")), s + ": % is no wildcard");
                assertEquals(list(7), ids(b, q.withSearch("off_sale")), s);
                assertEquals(list(), ids(b, q.withSearch("\"red")), s + ": quotes are text");
                assertEquals(
                        list(4, 10, 1, 12),
                        ids(b, q.withSearch("red").withSort(Sort.byMetric("words", true))),
                        s);
            }
        }
    }

    @Test
    void readOnlyProjectsSearchByLikeAndDetailShowsEverything() {
        try (Project p = Project.open(file, Project.Mode.READ_ONLY)) {
            CandidateBrowser b = new CandidateBrowser(p);
            CandidateQuery q = base(p);
            assertFalse(new CandidateSearchIndex(p).usable(), "cannot be built read-only");
            assertEquals(0, new CandidateSearchIndex(p).indexNext(10));
            assertEquals(list(1, 4, 10, 12), ids(b, q.withSearch("red")));
            CandidateDetail d = b.detail(4);
            assertEquals("a red barn in the field", d.text());
            assertEquals("Tell me about animals.", d.prompt());
            assertEquals("t:b", d.teacher());
            assertEquals(103, d.seed());
            assertEquals(List.of(CandidateFixture.SELECTION), d.keptBy());
            assertEquals(1, d.scores().size(), "no tox score for #4");
            assertEquals("words@1", d.scores().get(0).label());
            assertEquals(6.0, d.scores().get(0).value());
            assertEquals(2, b.detail(2).scores().size());
            assertTrue(Double.isNaN(b.detail(2).scores().get(0).value()), "tox of #2 is NULL");
            assertThrows(IllegalArgumentException.class, () -> b.detail(999));
        }
    }
}
