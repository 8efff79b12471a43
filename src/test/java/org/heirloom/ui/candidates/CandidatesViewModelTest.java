package org.heirloom.ui.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.CandidateFixture;
import org.heirloom.project.CandidatePage;
import org.heirloom.project.CandidateQuery;
import org.heirloom.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The candidates view's logic without a window, on {@link CandidateFixture}'s hand-known run. */
class CandidatesViewModelTest {

    @TempDir Path dir;

    private static List<Long> ids(CandidatesViewModel vm) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < vm.rows().size(); i++) {
            out.add(vm.rows().get(i).id());
        }
        return out;
    }

    private static List<Long> list(long... ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }

    @Test
    void listsSortsFiltersAndSearchesTheFirstRun() {
        Path file = CandidateFixture.create(dir.resolve("c.heirloom"), 0);
        try (Project p = Project.open(file);
                CandidatesViewModel vm = new CandidatesViewModel(new SynchronousJobExecutor(), p)) {
            assertEquals(CandidateFixture.RUN, vm.run().get().name());
            assertEquals(CandidateFixture.SELECTION, vm.selection().get().name());
            assertEquals(List.of("tox", "words"), vm.metrics());
            assertEquals(List.of("t:a", "t:b"), vm.teachers().stream().map(t -> t.spec()).toList());
            assertEquals(12, vm.total());
            assertEquals(list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ids(vm));
            assertTrue(vm.rows().get(3).selected());
            assertTrue(
                    vm.status().get().startsWith("12 candidates · highlighted: kept by best-words"),
                    vm.status().get());

            vm.sortBy(CandidateQuery.Sort.byMetric("tox", true));
            assertEquals(list(5, 11, 8, 10, 1, 9, 6, 7, 3, 12, 2, 4), ids(vm));
            assertTrue(vm.status().get().contains("sorted by tox ↓"), vm.status().get());

            vm.teacher().set(vm.teachers().get(1));
            assertEquals(list(11, 8, 7, 3, 12, 4), ids(vm));

            vm.rangeMetric().set("words");
            vm.rangeMin().set("3");
            vm.applyFilters();
            assertEquals(list(11, 7, 4), ids(vm));

            vm.rangeMax().set("abc");
            vm.applyFilters();
            assertEquals("the maximum 'abc' is not a number", vm.status().get());
            vm.rangeMax().set("");

            vm.teacher().set(null);
            vm.rangeMetric().set(null);
            vm.sortBy(null);
            vm.search().set("red");
            vm.applyFilters();
            assertEquals(list(1, 4, 10, 12), ids(vm));

            vm.selectedOnly().set(true);
            assertEquals(list(4), ids(vm));

            // The detail pane: the chosen row's candidate in full.
            vm.current().set(vm.rows().get(0));
            assertEquals("a red barn in the field", vm.detail().get().text());
            assertEquals(List.of("best-words"), vm.detail().get().keptBy());
            vm.current().set(null);
            assertNull(vm.detail().get());

            vm.selectedOnly().set(false);
            vm.selection().set(null);
            assertTrue(ids(vm).size() == 4 && vm.rows().stream().noneMatch(r -> r.selected()));
        }
    }

    @Test
    void loadsOnlyThePagesItIsAskedFor() {
        Path file = CandidateFixture.create(dir.resolve("big.heirloom"), 450);
        try (Project p = Project.open(file);
                CandidatesViewModel vm = new CandidatesViewModel(new SynchronousJobExecutor(), p)) {
            vm.run()
                    .set(
                            vm.runs().stream()
                                    .filter(r -> r.name().equals("run-big"))
                                    .findFirst()
                                    .get());
            assertEquals(450, vm.total());
            CandidateRowList rows = (CandidateRowList) vm.rows();
            assertNull(rows.peek(0), "nothing loaded before the table asks");
            assertEquals("big candidate 250", rows.get(250).text());
            assertEquals(250, rows.get(250).index());
            assertTrue(rows.peek(200) != null && rows.peek(399) != null, "page 200..399 loaded");
            assertNull(rows.peek(199), "page 0 still not loaded");
            assertNull(rows.peek(400));
            assertEquals("big candidate 449", rows.get(449).text());
            vm.sortBy(CandidateQuery.Sort.by(CandidateQuery.Column.TOKENS, true));
            assertNull(rows.peek(0), "a new listing starts with an empty cache");
            assertEquals(449, rows.get(0).tokens());
            assertEquals(0, rows.get(449).tokens());
        }
    }

    @Test
    void rowListFillsPlaceholdersWhenAPageArrivesLater() {
        List<int[]> asked = new ArrayList<>();
        CandidateRowList rows =
                new CandidateRowList(10, (gen, page) -> asked.add(new int[] {gen, page}));
        rows.reset(25);
        List<String> changes = new ArrayList<>();
        rows.addListener(
                (ListChangeListener<CandidatePage.Row>)
                        c -> {
                            while (c.next()) {
                                changes.add(
                                        c.wasReplaced()
                                                ? "replaced " + c.getFrom() + ".." + c.getTo()
                                                : c.toString());
                            }
                        });
        assertNull(rows.get(12), "not loaded yet: an empty row");
        assertNull(rows.get(15), "asked once per page");
        assertEquals(1, asked.size());
        assertEquals(1, asked.get(0)[1]);
        List<CandidatePage.Row> page = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            page.add(
                    new CandidatePage.Row(
                            10 + i,
                            1,
                            0,
                            "p",
                            "t",
                            i,
                            "text " + (10 + i),
                            1,
                            "eos",
                            new double[0],
                            false));
        }
        rows.deliver(asked.get(0)[0] - 1, 1, page);
        assertNull(rows.peek(12), "a page of an older listing is dropped");
        rows.deliver(asked.get(0)[0], 1, page);
        assertEquals(List.of("replaced 10..20"), changes);
        assertEquals("text 12", rows.get(12).text());
        assertEquals(25, rows.size());
    }
}
