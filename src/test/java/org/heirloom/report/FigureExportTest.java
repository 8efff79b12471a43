package org.heirloom.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.heirloom.report.chart.ChartRenderer;
import org.heirloom.report.chart.ChartSpec;
import org.heirloom.report.chart.FigureExporter;
import org.heirloom.report.chart.FigureFormat;
import org.heirloom.report.chart.FigurePreset;
import org.heirloom.stats.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FigureExportTest {

    @TempDir Path dir;

    static ChartSpec.Bars bars() {
        return new ChartSpec.Bars(
                "Attribute means",
                "mean",
                List.of("MTLD", "words"),
                List.of(
                        new ChartSpec.BarSeries(
                                "teacher",
                                ModelRole.TEACHER,
                                0,
                                new double[] {62, 110},
                                new double[] {58, 104},
                                new double[] {66, 118},
                                new int[] {100, 100}),
                        new ChartSpec.BarSeries(
                                "baseline",
                                ModelRole.BASELINE_STUDENT,
                                0,
                                new double[] {48, 80},
                                new double[] {45, 75},
                                new double[] {52, 86},
                                new int[] {100, 100}),
                        new ChartSpec.BarSeries(
                                "max:mtld",
                                ModelRole.STEERED_STUDENT,
                                0,
                                new double[] {55, 84},
                                new double[] {51, 78},
                                new double[] {59, 90},
                                new int[] {100, 100})));
    }

    @Test
    void pngIsThreeHundredDpiAtColumnWidth() throws Exception {
        Path png = dir.resolve("bars.png");
        FigureExporter.export(bars(), FigurePreset.SINGLE, FigureFormat.PNG, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(990, img.getWidth(), "3.3 in × 300 dpi");
        assertEquals(720, img.getHeight(), "2.4 in × 300 dpi");
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadataNode root =
                    (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertEquals("11811", phys.getAttribute("pixelsPerUnitXAxis"), "300 dpi = 11811 px/m");
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
        }
        // The bars carry the role colours (Okabe–Ito orange for the teacher).
        boolean orange = false;
        for (int y = 0; y < img.getHeight() && !orange; y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == 0xE69F00) {
                    orange = true;
                    break;
                }
            }
        }
        assertTrue(orange, "teacher bars are drawn in the teacher colour");
    }

    @Test
    void svgIsVectorAtPhysicalSize() throws Exception {
        Path svg = dir.resolve("bars.svg");
        FigureExporter.export(bars(), FigurePreset.DOUBLE, FigureFormat.SVG, svg);
        Document doc =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals("489.60pt", doc.getDocumentElement().getAttribute("width"), "6.8 in");
        String text = Files.readString(svg);
        assertTrue(text.contains("MTLD"), "axis labels are text in the SVG");
        assertTrue(
                text.toLowerCase().contains("#e69f00")
                        || text.contains("rgb(230,159,0)")
                        || text.contains("rgb(230, 159, 0)"),
                "teacher colour present");
    }

    @Test
    void pdfPageHasTheFigureSizeAndOutlinedText() throws Exception {
        Path pdf = dir.resolve("reliability.pdf");
        ChartSpec.Reliability spec =
                new ChartSpec.Reliability(
                        "Reliability",
                        List.of(
                                new ChartSpec.ReliabilitySeries(
                                        "teacher",
                                        ModelRole.TEACHER,
                                        0,
                                        Calibration.eceEqualMass(
                                                        new double[][] {
                                                            {0.9, 0.1},
                                                            {0.8, 0.2},
                                                            {0.6, 0.4},
                                                            {0.3, 0.7}
                                                        },
                                                        new int[] {0, 1, 0, 1},
                                                        2)
                                                .bins(),
                                        0.25)));
        FigureExporter.export(spec, FigurePreset.SINGLE, FigureFormat.PDF, pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(237.6f, doc.getPage(0).getMediaBox().getWidth(), 0.01f);
            assertEquals(172.8f, doc.getPage(0).getMediaBox().getHeight(), 0.01f);
            // Text is drawn as outlines: nothing to extract, no font to embed or substitute.
            assertEquals("", new PDFTextStripper().getText(doc).strip());
        }
        assertTrue(Files.size(pdf) > 1000);
    }

    @Test
    void distributionsAndLinesRender() throws Exception {
        ChartSpec.Distribution hist =
                new ChartSpec.Distribution(
                        "MTLD",
                        "MTLD",
                        ChartSpec.Distribution.Kind.HISTOGRAM,
                        10,
                        List.of(
                                new ChartSpec.Sample(
                                        "teacher",
                                        ModelRole.TEACHER,
                                        0,
                                        new double[] {1, 2, 2, 3, 3, 3}),
                                new ChartSpec.Sample(
                                        "student",
                                        ModelRole.STEERED_STUDENT,
                                        0,
                                        new double[] {2, 3, 4})));
        ChartSpec.Distribution ecdf =
                new ChartSpec.Distribution(
                        "MTLD", "MTLD", ChartSpec.Distribution.Kind.ECDF, 0, hist.series());
        ChartSpec.Lines loss =
                new ChartSpec.Lines(
                        "Loss",
                        "step",
                        "loss",
                        List.of(
                                new ChartSpec.Line(
                                        "train",
                                        "s-r0 (train)",
                                        ModelRole.STEERED_STUDENT,
                                        0,
                                        new double[] {0, 1, 2},
                                        new double[] {3, 2, 1.5},
                                        false),
                                new ChartSpec.Line(
                                        "held-out",
                                        "s-r0 (held-out)",
                                        ModelRole.STEERED_STUDENT,
                                        0,
                                        new double[] {0, 2},
                                        new double[] {3.1, 1.9},
                                        true)));
        for (ChartSpec spec : List.of(hist, ecdf, loss)) {
            Path out = dir.resolve(spec.title() + spec.getClass().getSimpleName() + ".png");
            FigureExporter.export(spec, FigurePreset.SINGLE, FigureFormat.PNG, out);
            assertTrue(Files.size(out) > 5000, out.toString());
        }
    }

    @Test
    void barTooltipCarriesValueIntervalAndN() {
        assertEquals(
                "teacher · MTLD: 62.00 [95% CI 58.00, 66.00] (n = 100)",
                ChartRenderer.barTooltip(bars().series().get(0), "MTLD", 0));
    }

    @Test
    void histogramSharesEdgesAcrossSeries() {
        ChartSpec.Distribution d =
                new ChartSpec.Distribution(
                        "x",
                        "x",
                        ChartSpec.Distribution.Kind.HISTOGRAM,
                        4,
                        List.of(
                                new ChartSpec.Sample(
                                        "a",
                                        ModelRole.TEACHER,
                                        0,
                                        new double[] {1, 2, 2, 3, 5, Double.NaN}),
                                new ChartSpec.Sample(
                                        "b", ModelRole.STEERED_STUDENT, 0, new double[] {4, 5})));
        ChartSpec.Histogram h = d.histogram();
        // Range [1, 5] in 4 bins of width 1; an inner edge value goes up, the maximum stays in.
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, h.edges(), 1e-12);
        assertArrayEquals(new int[] {1, 2, 1, 1}, h.counts()[0], "NaN left out");
        assertArrayEquals(new int[] {0, 0, 0, 2}, h.counts()[1]);
        assertEquals(
                "a: [2.000, 3.000) 2 of 5 (40.0%)", ChartRenderer.histogramTooltip("a", h, 0, 1));
        assertEquals(
                "b: [4.000, 5.000] 2 of 2 (100.0%)", ChartRenderer.histogramTooltip("b", h, 1, 3));
    }

    @Test
    void ecdfStepsOncePerDistinctValue() {
        ChartSpec.Ecdf e =
                new ChartSpec.Sample(
                                "a", ModelRole.TEACHER, 0, new double[] {3, 1, 2, 2, 5, Double.NaN})
                        .ecdf();
        assertArrayEquals(new double[] {1, 2, 3, 5}, e.x(), 0);
        assertArrayEquals(new double[] {0.2, 0.6, 0.8, 1.0}, e.f(), 1e-12);
        assertEquals(5, e.n());
        assertEquals("a: share ≤ 2.000 = 0.600 (n = 5)", ChartRenderer.ecdfTooltip("a", e, 1));
    }
}
