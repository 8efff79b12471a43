package org.heirloom.ui.generations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.GenerationRow;
import org.heirloom.project.Project;
import org.heirloom.report.ChartSpec;
import org.heirloom.report.Dashboard;
import org.heirloom.report.Figure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generations view model and chart drill-downs on the bundled sample, without a window. */
class GenerationsViewModelTest {

    static final Path BUNDLED = Path.of("sample-projects/sample.heirloom").toAbsolutePath();

    @TempDir Path dir;

    private Project sample() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        Path copy = dir.resolve("sample.heirloom");
        Files.copy(BUNDLED, copy);
        return Project.open(copy);
    }

    /** The words bar of the sample's steering comparison. */
    private static Figure wordsBar(Project p) {
        return Dashboard.build(p).stream()
                .flatMap(panel -> panel.figures().stream())
                .filter(
                        f ->
                                "text".equals(f.suite())
                                        && "words".equals(f.attribute())
                                        && f.spec() instanceof ChartSpec.Bars)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aClickOnTheMaxWordsBarShowsThatArmsGenerationsSortedByWords() throws Exception {
        try (Project p = sample()) {
            Figure bar = wordsBar(p);
            ChartSpec.Bars spec = (ChartSpec.Bars) bar.spec();
            int series = -1;
            for (int i = 0; i < spec.series().size(); i++) {
                if (spec.series().get(i).name().equals("max-words")) {
                    series = i;
                }
            }
            assertTrue(series >= 0, "the words bar has a max-words series");
            DrillDown d = DrillDown.of(bar, series, 0, s -> s).orElseThrow();
            assertEquals(DrillDown.Target.GENERATIONS, d.target());
            assertEquals("max-words", d.arm());
            assertEquals("words", d.metric());
            assertTrue(d.describe().contains("max-words's generations"), d.describe());

            GenerationsViewModel vm =
                    new GenerationsViewModel(new SynchronousJobExecutor(), p, null);
            vm.apply(d);
            // 3 replicates × 32 eval prompts × 4 samples.
            assertEquals(384, vm.total().get());
            List<GenerationRow> shown = new ArrayList<>(vm.rows());
            assertEquals(GenerationsViewModel.PAGE_SIZE, shown.size());
            assertTrue(shown.stream().allMatch(r -> r.arm().equals("max-words")));
            assertTrue(shown.stream().allMatch(r -> r.model().startsWith("long-student-r")));
            List<Double> words = shown.stream().map(r -> r.metric("words")).toList();
            List<Double> sorted = new ArrayList<>(words);
            sorted.sort(Comparator.reverseOrder());
            assertEquals(sorted, words);
            // The bar's height is the mean over prompts of the prompt means: the rows are its data.
            vm.page().set(3);
            assertEquals(384 - 3 * GenerationsViewModel.PAGE_SIZE, vm.rows().size());
        }
    }

    @Test
    void histogramBinsAndEcdfStepsDrillToTheirRange() throws Exception {
        try (Project p = sample()) {
            Figure hist =
                    Dashboard.build(p).stream()
                            .flatMap(panel -> panel.figures().stream())
                            .filter(f -> f.name().endsWith("text-words-histogram"))
                            .findFirst()
                            .orElseThrow();
            ChartSpec.Distribution spec = (ChartSpec.Distribution) hist.spec();
            ChartSpec.Histogram h = spec.histogram();
            int arm = 1;
            // A bin this arm has generations in.
            int bin = 0;
            while (h.counts()[arm][bin] == 0) {
                bin++;
            }
            DrillDown d = DrillDown.of(hist, arm, bin, s -> s).orElseThrow();
            assertEquals(spec.series().get(arm).name(), d.arm());
            assertEquals(h.edges()[bin], d.min());
            assertEquals(h.edges()[bin + 1], d.max());
            GenerationsViewModel vm =
                    new GenerationsViewModel(new SynchronousJobExecutor(), p, null);
            vm.apply(d);
            // The bin's count, unless a value sits exactly on its upper edge (the range is closed).
            assertTrue(vm.total().get() >= h.counts()[arm][bin], vm.status().get());
            for (GenerationRow r : vm.rows()) {
                assertEquals(d.arm(), r.arm());
                assertTrue(r.metric("words") >= d.min() && r.metric("words") <= d.max());
            }
            // Nothing to open behind the % change chart.
            Figure pct =
                    Dashboard.build(p).stream()
                            .flatMap(panel -> panel.figures().stream())
                            .filter(f -> f.name().endsWith("text-percent-change"))
                            .findFirst()
                            .orElseThrow();
            assertTrue(DrillDown.of(pct, 0, 0, s -> s).isEmpty());
        }
    }

    @Test
    void onePromptSideBySideAndExports() throws Exception {
        try (Project p = sample()) {
            GenerationsViewModel vm =
                    new GenerationsViewModel(new SynchronousJobExecutor(), p, null);
            // Opens on the prompt where the arms differ most on the first metric.
            String first = vm.prompts().get(0).itemKey();
            assertEquals(first, vm.prompt().get());
            List<String> titles =
                    vm.sideBySide().stream().map(GenerationsViewModel.Column::title).toList();
            assertTrue(titles.get(0).startsWith("random"), titles.toString());
            assertTrue(titles.contains("teacher"), titles.toString());
            assertTrue(
                    titles.stream().anyMatch(t -> t.startsWith("max-mtld · max:mtld")),
                    titles.toString());
            // Teacher: one profile, 4 samples; a student arm: 3 replicates × 4.
            assertEquals(4, column(vm, "teacher").entries().size());
            assertEquals(12, vm.sideBySide().get(0).entries().size());
            // A training prompt also shows the teacher's k candidates, the kept ones marked.
            vm.prompt().set("p1");
            GenerationsViewModel.Column cands = vm.sideBySide().get(vm.sideBySide().size() - 1);
            assertTrue(cands.title().startsWith("teacher candidates"), cands.title());
            assertTrue(cands.entries().stream().anyMatch(GenerationsViewModel.Entry::kept));

            vm.arm().set("teacher");
            vm.refresh();
            assertEquals(32 * 4, vm.total().get());
            Path jsonl = dir.resolve("out.jsonl");
            vm.export(jsonl);
            List<String> lines = Files.readAllLines(jsonl);
            assertEquals(128, lines.size());
            ObjectMapper json = new ObjectMapper();
            assertEquals("teacher", json.readTree(lines.get(0)).path("arm").asText());
            Path csv = dir.resolve("out.csv");
            vm.export(csv);
            String text = Files.readString(csv);
            assertTrue(
                    text.startsWith("arm,replicate,model,prompt_key,sample,prompt,text,words"),
                    text.substring(0, 80));
            assertEquals(vm.rows().size() + 1, vm.copyText().split("\n").length);
            // A bad range says so and keeps the listing.
            vm.min().set("abc");
            vm.refresh();
            assertEquals("min: not a number: 'abc'", vm.status().get());
            assertEquals(128, vm.total().get());
        }
    }

    @Test
    void poolVsSelectedBarsUseArmLabelsAndOpenTheSelectionsCandidates() throws Exception {
        try (Project p = sample()) {
            org.heirloom.ui.dashboard.ComparisonDashboardViewModel dash =
                    new org.heirloom.ui.dashboard.ComparisonDashboardViewModel(
                            new SynchronousJobExecutor(), p);
            Figure means =
                    dash.panels().stream()
                            .filter(panel -> panel.key().equals(Dashboard.SELECTIONS))
                            .flatMap(panel -> panel.figures().stream())
                            .filter(f -> f.name().equals("selection-words-means"))
                            .findFirst()
                            .orElseThrow();
            List<String> categories = ((ChartSpec.Bars) means.spec()).categories();
            // One naming: the selections that trained the steering arms carry the arms' labels.
            assertEquals(List.of("random", "max-mtld", "min-toxicity", "max-words"), categories);
            // The strategy goes beside the label in headings.
            assertEquals("max-mtld (max:mtld)", dash.armWithStrategy("max-mtld"));
            assertEquals("teacher", dash.armWithStrategy("teacher"));
            DrillDown d = dash.drillFor(means, 1, categories.indexOf("max-words")).orElseThrow();
            assertEquals(DrillDown.Target.CANDIDATES, d.target());
            assertEquals("longest", d.selection());
            assertTrue(d.keptOnly());
            org.heirloom.ui.candidates.CandidatesViewModel cvm =
                    new org.heirloom.ui.candidates.CandidatesViewModel(
                            new SynchronousJobExecutor(), p);
            cvm.showSelection(d.selection(), d.keptOnly(), d.metric());
            assertEquals("longest", cvm.selection().get().name());
            assertTrue(cvm.selectedOnly().get());
            long prompts =
                    p.read(
                            c -> {
                                try (var st = c.createStatement();
                                        var rs =
                                                st.executeQuery(
                                                        "SELECT count(*) FROM selected x JOIN"
                                                                + " selection s ON s.id ="
                                                                + " x.selection_id WHERE s.name ="
                                                                + " 'longest'")) {
                                    rs.next();
                                    return rs.getLong(1);
                                }
                            });
            assertEquals(prompts, cvm.total());
            assertEquals(
                    org.heirloom.project.CandidateQuery.Sort.byMetric("words", true),
                    cvm.sort().get());
            cvm.close();
        }
    }

    private static GenerationsViewModel.Column column(GenerationsViewModel vm, String title) {
        return vm.sideBySide().stream()
                .filter(c -> c.title().equals(title))
                .findFirst()
                .orElseThrow();
    }
}
