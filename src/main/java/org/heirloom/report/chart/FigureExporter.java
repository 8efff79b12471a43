package org.heirloom.report.chart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes figures at paper sizes: PNG at 300 dpi (with the resolution recorded in the file), SVG and
 * PDF as vectors (PDF text drawn as outlines, so no font needs embedding or substituting). Files
 * are written to a temporary name and moved into place.
 */
public final class FigureExporter {

    public static final int PNG_DPI = 300;

    private FigureExporter() {}

    public static void export(ChartSpec spec, FigurePreset preset, FigureFormat format, Path out)
            throws IOException {
        JFreeChart chart = ChartRenderer.render(spec, preset);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        switch (format) {
            case PNG -> writePng(chart, preset, tmp);
            case SVG -> writeSvg(chart, preset, tmp);
            case PDF -> writePdf(chart, preset, tmp);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePng(JFreeChart chart, FigurePreset preset, Path out)
            throws IOException {
        double scale = PNG_DPI / 72.0;
        int w = (int) Math.round(preset.widthInches() * PNG_DPI);
        int h = (int) Math.round(preset.heightInches() * PNG_DPI);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // Lay out in points, draw at 300 dpi: type keeps its physical size.
        g.scale(scale, scale);
        chart.draw(g, new Rectangle2D.Double(0, 0, preset.widthPoints(), preset.heightPoints()));
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta =
                writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(img), param);
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String perMetre = Integer.toString((int) Math.round(PNG_DPI / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        meta.mergeTree("javax_imageio_png_1.0", root);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    private static void writeSvg(JFreeChart chart, FigurePreset preset, Path out)
            throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(preset.widthPoints(), preset.heightPoints());
        chart.draw(g, new Rectangle2D.Double(0, 0, preset.widthPoints(), preset.heightPoints()));
        String svg = g.getSVGElement();
        // Physical size in points, so that the figure imports at its intended width.
        svg =
                svg.replaceFirst(
                                "width=(['\"])[^'\"]*\\1",
                                "width=\"" + fmt(preset.widthPoints()) + "pt\"")
                        .replaceFirst(
                                "height=(['\"])[^'\"]*\\1",
                                "height=\"" + fmt(preset.heightPoints()) + "pt\"");
        if (!svg.contains("viewBox")) {
            svg =
                    svg.replaceFirst(
                            "<svg ",
                            "<svg viewBox=\"0 0 "
                                    + fmt(preset.widthPoints())
                                    + " "
                                    + fmt(preset.heightPoints())
                                    + "\" ");
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            os.write(
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static void writePdf(JFreeChart chart, FigurePreset preset, Path out)
            throws IOException {
        float w = (float) preset.widthPoints();
        float h = (float) preset.heightPoints();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
            chart.draw(g, new Rectangle2D.Double(0, 0, w, h));
            g.dispose();
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            doc.save(out.toFile());
        }
    }
}
