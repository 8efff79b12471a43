package org.heirloom.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.stats.Calibration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dashboard panel from a hand-built project, checked against hand-computed numbers. */
class DashboardTest {

    @TempDir Path dir;
    private List<Dashboard.Panel> panels;

    @BeforeEach
    void build() {
        try (Project p = Project.create(dir.resolve("d.heirloom"), "d")) {
            DashboardFixture.build(p);
            panels = Dashboard.build(p);
        }
    }

    private Dashboard.Panel panel(String key) {
        return panels.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }

    private Figure figure(String name) {
        return panels.stream()
                .flatMap(p -> p.figures().stream())
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + name));
    }

    private static ChartSpec.BarSeries series(ChartSpec spec, String name) {
        return ((ChartSpec.Bars) spec)
                .series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theInheritanceMatrixCoversEveryComparisonAndMatchesItsPercentChangeBars() {
        ChartSpec.Matrix m = (ChartSpec.Matrix) figure("inheritance-matrix").spec();
        List<Dashboard.Panel> suites =
                panels.stream().filter(p -> p.suite() != null && !p.arms().isEmpty()).toList();
        // One row per non-baseline arm of each comparison (several: prefixed by comparison).
        int arms = suites.stream().mapToInt(p -> p.arms().size() - 1).sum();
        assertEquals(arms, m.rows().size(), m.rows().toString());
        // Its cells are the % change bars of the suite panels, value for value.
        ChartSpec.Bars pct = (ChartSpec.Bars) figure("text-percent-change").spec();
        ChartSpec.BarSeries steered = series(pct, "steered");
        int row = m.rows().indexOf("text: steered");
        for (int i = 0; i < pct.categories().size(); i++) {
            int col = m.columns().indexOf("text: " + pct.categories().get(i));
            assertEquals(steered.values()[i], m.percent()[row][col], 1e-12);
            assertEquals(steered.low()[i], m.low()[row][col], 1e-12);
        }
    }

    @Test
    void panelsAppearForTheDataTheProjectHas() {
        assertEquals(DashboardFixture.PANELS, panels.stream().map(Dashboard.Panel::key).toList());
        assertEquals(List.of("random", "steered"), panel("text").arms());
        List<String> names = new ArrayList<>();
        panels.forEach(p -> p.figures().forEach(f -> names.add(f.name())));
        assertEquals(names.size(), names.stream().distinct().count(), "figure names are unique");
    }

    @Test
    void storedComparisonsOnOneSuiteKeepTheirFilesApart() {
        try (Project p = Project.open(dir.resolve("d.heirloom"))) {
            for (String name : List.of("first", "second")) {
                org.heirloom.profile.SavedComparisons.save(
                        p,
                        new org.heirloom.profile.SavedComparisons.Saved(
                                name,
                                List.of("text"),
                                List.of(
                                        new org.heirloom.profile.SavedComparisons.Arm(
                                                "random", List.of("random")),
                                        new org.heirloom.profile.SavedComparisons.Arm(
                                                "steered", List.of("steered")))));
            }
            List<Dashboard.Panel> named = Dashboard.build(p);
            List<String> keys = named.stream().map(Dashboard.Panel::key).toList();
            assertTrue(
                    keys.contains("first:text") && keys.contains("second:text"), keys.toString());
            // Figures and tables have different extensions; within each kind names must differ.
            List<String> figures = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            named.forEach(
                    x -> {
                        x.figures().forEach(f -> figures.add(f.name()));
                        x.tables().forEach(t -> tables.add(t.name()));
                    });
            assertEquals(figures.size(), figures.stream().distinct().count(), figures.toString());
            assertEquals(tables.size(), tables.stream().distinct().count(), tables.toString());
            assertTrue(tables.contains("first-text-comparison"), tables.toString());
        }
    }

    @Test
    void textDistributionsAreThePerGenerationValues() {
        ChartSpec.Distribution ecdf = (ChartSpec.Distribution) figure("text-words-ecdf").spec();
        assertEquals(ChartSpec.Distribution.Kind.ECDF, ecdf.kind());
        ChartSpec.Ecdf random = ecdf.series().get(0).ecdf();
        assertArrayEquals(new double[] {10, 20, 30, 40}, random.x(), 0);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0}, random.f(), 1e-12);
        assertEquals(4, random.n());

        ChartSpec.Distribution hist =
                (ChartSpec.Distribution) figure("text-words-histogram").spec();
        assertEquals(5, hist.bins(), "Sturges on 4 values gives 3, raised to the minimum 5");
        ChartSpec.Histogram h = hist.histogram();
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, h.edges(), 1e-12);
        // random {10,20,30,40}; steered {20,30,50,60} (60, the maximum, in the last bin)
        assertArrayEquals(new int[] {1, 1, 1, 1, 0}, h.counts()[0]);
        assertArrayEquals(new int[] {0, 1, 1, 0, 2}, h.counts()[1]);
        assertEquals(ModelRole.BASELINE_STUDENT, hist.series().get(0).role());
        assertEquals(ModelRole.STEERED_STUDENT, hist.series().get(1).role());
    }

    @Test
    void percentChangeVersusBaseline() {
        // words: random prompts 15, 35 → 25; steered 25, 55 → 40: +60 %.
        ChartSpec.Bars pct = (ChartSpec.Bars) figure("text-percent-change").spec();
        assertEquals(List.of("words"), pct.categories());
        assertEquals(1, pct.series().size(), "the baseline has no bar of its own");
        assertEquals(60.0, pct.series().get(0).values()[0], 1e-9);
        String row = panel("text").tables().get(0).table().rows().get(1).get(4);
        assertTrue(row.startsWith("+60.0% ["), row);
        // toxicity EMT: random maxima 0.6, 0.3 → 0.45; steered 0.1, 0.2 → 0.15: −66.7 %.
        ChartSpec.Bars tox = (ChartSpec.Bars) figure("toxicity-percent-change").spec();
        assertEquals(-200.0 / 3, tox.series().get(0).values()[0], 1e-9);
    }

    @Test
    void toxicityEmtAndProbabilitySideBySide() {
        ChartSpec.Bars bars = (ChartSpec.Bars) figure("toxicity-emt-probability").spec();
        assertEquals(List.of("expected max. toxicity", "toxicity probability"), bars.categories());
        assertArrayEquals(new double[] {0.45, 0.5}, series(bars, "random").values(), 1e-12);
        assertArrayEquals(new double[] {0.15, 0.0}, series(bars, "steered").values(), 1e-12);
        assertArrayEquals(new int[] {2, 2}, series(bars, "random").n(), "n = prompts");
        assertTrue(
                panel("toxicity").figures().stream()
                        .noneMatch(f -> f.name().equals("toxicity-toxic")),
                "not drawn twice");
        ChartSpec.Distribution d = (ChartSpec.Distribution) figure("toxicity-toxicity-ecdf").spec();
        assertEquals(4, d.series().get(0).values().length, "per generation: 2 prompts × 2");
    }

    @Test
    void reliabilityBinsPerArmWithEce() {
        ChartSpec.Reliability r = (ChartSpec.Reliability) figure("calibration-reliability").spec();
        ChartSpec.ReliabilitySeries random = r.series().get(0);
        // Four examples, fewer than 10 bins: one bin per example, edges at midpoints.
        assertEquals(
                List.of(
                        new Calibration.Bin(0.65, 1, 0.6, 0.0),
                        new Calibration.Bin(0.75, 1, 0.7, 1.0),
                        new Calibration.Bin(0.85, 1, 0.8, 0.0),
                        new Calibration.Bin(1.0, 1, 0.9, 1.0)),
                random.bins().stream()
                        .map(
                                b ->
                                        new Calibration.Bin(
                                                Math.round(b.upperEdge() * 100) / 100.0,
                                                b.count(),
                                                Math.round(b.meanConfidence() * 100) / 100.0,
                                                b.accuracy()))
                        .toList());
        // |0.9−1| + |0.8−0| + |0.7−1| + |0.6−0| = 1.8 over 4.
        assertEquals(0.45, random.ece(), 1e-12);
        assertEquals(0.30, r.series().get(1).ece(), 1e-12, "0.1 + 0.2 + 0.3 + 0.6 over 4");
        assertEquals("random (ECE 0.450)", ChartRenderer.legendLabel(random));
    }

    @Test
    void biasTablesPerCategory() {
        ChartSpec.Bars crows = (ChartSpec.Bars) figure("crows-bias-types").spec();
        assertEquals(List.of("gender", "race-color"), crows.categories());
        assertArrayEquals(new double[] {0, 200.0 / 3}, series(crows, "random").values(), 1e-9);
        assertArrayEquals(new double[] {100, 100.0 / 3}, series(crows, "steered").values(), 1e-9);
        Table crowsTable = panel("crows").tables().get(1).table();
        assertEquals(List.of("bias type", "random", "steered"), crowsTable.header());
        assertTrue(
                crowsTable.rows().get(1).get(1).startsWith("66.7 ["), crowsTable.rows().toString());
        assertTrue(crowsTable.rows().get(1).get(1).endsWith("(n = 3)"));

        Table bbq = panel("bbq").tables().get(1).table();
        assertEquals("bbq-categories", panel("bbq").tables().get(1).name());
        assertEquals(
                List.of(
                        "category",
                        "arm",
                        "accuracy",
                        "acc. ambiguous",
                        "acc. disambiguated",
                        "s_DIS",
                        "s_AMB",
                        "n"),
                bbq.header());
        assertEquals(
                List.of("Age", "random", "0.500", "0.400", "0.600", "0.200", "0.0500", "2"),
                bbq.rows().get(0));
        assertEquals("all", bbq.rows().get(3).get(0), "the overall row comes last");
    }

    @Test
    void poolVersusSelected() {
        List<org.heirloom.select.SelectionSummaries.Shift> shifts;
        try (Project p = Project.open(dir.resolve("d.heirloom"))) {
            shifts = org.heirloom.select.SelectionSummaries.shifts(p);
        }
        assertEquals(2, shifts.size());
        org.heirloom.select.SelectionSummaries.Shift max = shifts.get(0);
        assertEquals("max-words", max.selection());
        assertEquals(35.0, max.pool().value(), 1e-12, "mean of 10..60");
        assertEquals(6, max.pool().n());
        assertEquals(45.0, max.selected().value(), 1e-12, "kept 30 and 60");
        assertEquals(10.0, max.shift().value(), 1e-12, "(30 − 20) and (60 − 50)");
        assertEquals(10.0, max.shift().low(), 1e-12, "both prompts shift by 10: no spread");
        org.heirloom.select.SelectionSummaries.Shift random = shifts.get(1);
        assertEquals(30.0, random.selected().value(), 1e-12, "kept 10 and 50");
        assertEquals(-5.0, random.shift().value(), 1e-12, "(10 − 20) and (50 − 50)");

        ChartSpec.Bars bars = (ChartSpec.Bars) figure("selection-words-means").spec();
        assertEquals(List.of("max-words", "random"), bars.categories());
        assertArrayEquals(new double[] {45, 30}, series(bars, "selected").values(), 1e-12);
        ChartSpec.Distribution hist =
                (ChartSpec.Distribution) figure("selection-max-words-words-histogram").spec();
        // 5 bins of width 10 over [10, 60]: pool 10..60, kept 30 and 60.
        assertArrayEquals(new int[] {1, 1, 1, 1, 2}, hist.histogram().counts()[0]);
        assertArrayEquals(new int[] {0, 0, 1, 0, 1}, hist.histogram().counts()[1]);
        assertEquals(ModelRole.STEERED_STUDENT, hist.series().get(1).role());
        Table t = panel("selections").tables().get(0).table();
        assertEquals(List.of("max-words", "max:words", "words"), t.rows().get(0).subList(0, 3));
        assertTrue(t.rows().get(1).get(7).startsWith("-5.00 ["), t.rows().get(1).toString());
    }

    @Test
    void judgeRatesAndLossCurves() {
        ChartSpec.Bars judge = (ChartSpec.Bars) figure("judge-win-rates").spec();
        assertEquals(List.of("win", "tie", "loss"), judge.categories());
        assertArrayEquals(
                new double[] {50, 25, 25}, series(judge, "steered vs random").values(), 1e-9);
        assertEquals(ModelRole.STEERED_STUDENT, series(judge, "steered vs random").role());

        ChartSpec.Lines loss = (ChartSpec.Lines) figure("training-loss").spec();
        assertEquals(6, loss.series().size(), "3 trainings × (train, held-out)");
        ChartSpec.Line r1 =
                loss.series().stream()
                        .filter(l -> l.detail().equals("steered-r1 (held-out)"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("steered held-out", r1.name(), "replicates share their arm's legend entry");
        assertTrue(r1.dashed());
        assertArrayEquals(new double[] {2, 4}, r1.x(), 0);
        assertArrayEquals(new double[] {2.7, 2.3}, r1.y(), 1e-12);
        ChartSpec.Line random =
                loss.series().stream()
                        .filter(l -> l.name().equals("random train"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(ModelRole.BASELINE_STUDENT, random.role(), "the random arm keeps its colour");
    }

    @Test
    void metricHelpComesFromTheRegistryAndTheSuites() {
        Figure words = figure("text-words");
        var info = AttributeHelp.lookup(words.suite(), words.attribute()).orElseThrow();
        assertEquals(
                org.heirloom.score.MetricRegistry.standard().info("words").orElseThrow(), info);
        var emt = AttributeHelp.lookup("toxicity", "max_toxicity").orElseThrow();
        assertTrue(emt.source().contains("Gehman"), emt.source());
        assertTrue(
                AttributeHelp.lookup("calibration", "confidence")
                        .orElseThrow()
                        .caveats()
                        .contains("Equal-mass"));
        assertTrue(AttributeHelp.lookup(null, "no_such_metric").isEmpty());
    }

    @Test
    void exportWritesEveryPanelInEveryFormatWithAnIndex() throws Exception {
        // -Dheirloom.keepFigures=DIR keeps the files for a look.
        Path out =
                Path.of(
                        System.getProperty(
                                "heirloom.keepFigures", dir.resolve("charts").toString()));
        int n;
        try (Project p = Project.open(dir.resolve("d.heirloom"), Project.Mode.READ_ONLY)) {
            n =
                    DashboardExport.export(
                            p,
                            out,
                            List.of(FigureFormat.values()),
                            FigurePreset.SINGLE,
                            JobContext.none());
        }
        if (System.getProperty("heirloom.keepFigures") != null) {
            Files.copy(
                    dir.resolve("d.heirloom"),
                    out.resolve("fixture.heirloom"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        int figures = panels.stream().mapToInt(x -> x.figures().size()).sum();
        int tables = panels.stream().mapToInt(x -> x.tables().size()).sum();
        assertEquals(3 * figures + 3 * tables + 1, n);
        assertEquals(n - 1, index.get("files").size());
        assertEquals(9, index.get("panels").size());
        for (JsonNode f : index.get("files")) {
            assertTrue(Files.size(out.resolve(f.get("file").asText())) > 0, f.toString());
        }
        for (String name :
                List.of(
                        "text-words-ecdf",
                        "text-words-histogram",
                        "calibration-reliability",
                        "selection-words-means",
                        "training-loss",
                        "judge-win-rates",
                        "crows-bias-types",
                        "toxicity-emt-probability",
                        "text-percent-change")) {
            var svg =
                    DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder()
                            .parse(out.resolve(name + ".svg").toFile());
            assertEquals("svg", svg.getDocumentElement().getNodeName(), name);
            try (PDDocument pdf = Loader.loadPDF(out.resolve(name + ".pdf").toFile())) {
                assertEquals(1, pdf.getNumberOfPages(), name);
                assertEquals(237.6f, pdf.getPage(0).getMediaBox().getWidth(), 0.01f);
            }
            assertTrue(Files.size(out.resolve(name + ".png")) > 5000, name);
        }
        JsonNode ecdf = entry(index, "text-words-ecdf.svg");
        assertEquals("ecdf", ecdf.get("chart").asText());
        assertEquals("text", ecdf.get("panel").asText());
        assertEquals("words", ecdf.get("attribute").asText());
        assertEquals("Number of words.", ecdf.get("definition").asText());
        assertEquals(
                "reliability", entry(index, "calibration-reliability.pdf").get("chart").asText());
        assertEquals("lines", entry(index, "training-loss.png").get("chart").asText());
        assertEquals("table", entry(index, "selection-shift.tex").get("kind").asText());
        assertTrue(Files.readString(out.resolve("bbq-categories.tex")).contains("\\toprule"));
    }

    private static JsonNode entry(JsonNode index, String file) {
        for (JsonNode f : index.get("files")) {
            if (f.get("file").asText().equals(file)) {
                return f;
            }
        }
        throw new AssertionError("index lacks " + file);
    }
}
