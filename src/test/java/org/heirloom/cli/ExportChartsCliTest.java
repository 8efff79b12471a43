package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileItem;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every comparison of a project as figures and tables, with an index. */
class ExportChartsCliTest {

    @TempDir Path dir;

    private static void student(Project p, String name, double words) {
        ModelRecord m =
                new ModelRepository(p).register(name, "trained", "/m/" + name, name, null, null);
        ProfileRepository repo = new ProfileRepository(p);
        ProfileRecord prof = repo.open(m.id(), "text", "{}");
        List<ProfileItem> items = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            double w = words + u;
            items.add(new ProfileItem("u" + u, 0, "t", w, "{\"metrics\":{\"words\":" + w + "}}"));
        }
        repo.addItems(prof.id(), items);
        repo.complete(prof.id(), "{}");
    }

    /** Stored rows that do not parse are the file's fault: one line naming it, exit 1. */
    @Test
    void inconsistentStoredDataIsOneLine() throws Exception {
        Path project = dir.resolve("bad.heirloom");
        try (Project p = Project.create(project, "p")) {
            student(p, "baseline-r0", 40);
            student(p, "steered-r0", 45);
            ModelRecord m =
                    new ModelRepository(p)
                            .register("steered-r1", "trained", "/m/x", "x", null, null);
            ProfileRepository repo = new ProfileRepository(p);
            ProfileRecord prof = repo.open(m.id(), "text", "{}");
            repo.addItems(
                    prof.id(), List.of(new ProfileItem("u0", 0, "t", 1, "{not json\nat all")));
            repo.complete(prof.id(), "{}");
        }
        Path out = dir.resolve("charts");
        CliTest.Result r =
                CliTest.run("export-charts", project.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("heirloom:")).count(), r.err());
        assertTrue(
                r.err()
                        .lines()
                        .anyMatch(
                                l -> l.startsWith("heirloom: " + project + ": inconsistent data")),
                r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void writesFiguresTablesAndIndex() throws Exception {
        Path project = dir.resolve("p.heirloom");
        try (Project p = Project.create(project, "p")) {
            student(p, "baseline-r0", 40);
            student(p, "baseline-r1", 42);
            student(p, "steered-r0", 45);
            student(p, "steered-r1", 47);
        }
        Path out = dir.resolve("charts");
        CliTest.Result r =
                CliTest.run(
                        "export-charts",
                        project.toString(),
                        "--out",
                        out.toString(),
                        "--formats",
                        "png,pdf",
                        "--preset",
                        "double");
        assertEquals(0, r.code(), r.err());
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertEquals("double", index.get("preset").asText());
        List<String> files = new ArrayList<>();
        index.get("files").forEach(f -> files.add(f.get("file").asText()));
        assertEquals(
                List.of(
                        "inheritance-matrix.png",
                        "inheritance-matrix.pdf",
                        "inheritance-matrix.csv",
                        "inheritance-matrix.tex",
                        "inheritance-matrix.md",
                        "text-words.png",
                        "text-words.pdf",
                        "text-percent-change.png",
                        "text-percent-change.pdf",
                        "text-words-histogram.png",
                        "text-words-histogram.pdf",
                        "text-words-ecdf.png",
                        "text-words-ecdf.pdf",
                        "text-comparison.csv",
                        "text-comparison.tex",
                        "text-comparison.md"),
                files);
        for (String f : files) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("text-comparison.csv"));
        // Arms: baseline (replicates at 44.5 and 46.5 → 45.5), steered (49.5, 51.5 → 50.5): Δ +5.
        assertEquals(
                "attribute,arm,mean [95% CI],Δ vs baseline [95% CI],% change [95% CI],p"
                        + " (bootstrap),p (Holm)",
                csv.get(0));
        assertTrue(csv.get(1).startsWith("words,baseline,\"45.5 ["), csv.get(1));
        assertTrue(csv.get(2).startsWith("words,steered,\"50.5 ["), csv.get(2));
        assertTrue(csv.get(2).contains("\"+5.00 [+3.00, +7.00]\""), csv.get(2));
        assertTrue(csv.get(2).contains("+11.0%"), csv.get(2));
        // Every resampled difference is positive (the CI is [+3, +7]): p = 2/2001, the only
        // comparison (Holm changes nothing), flagged.
        assertTrue(csv.get(2).endsWith(",0.00100,0.00100 *"), csv.get(2));

        CliTest.Result none =
                CliTest.run(
                        "export-charts",
                        dir.resolve("empty.heirloom").toString(),
                        "--out",
                        out.toString());
        assertEquals(1, none.code());
    }

    @Test
    void newPanelsReachTheIndex() throws Exception {
        Path project = dir.resolve("f.heirloom");
        try (Project p = Project.create(project, "f")) {
            org.heirloom.report.DashboardFixture.build(p);
        }
        Path out = dir.resolve("f-charts");
        CliTest.Result r =
                CliTest.run(
                        "export-charts",
                        project.toString(),
                        "--out",
                        out.toString(),
                        "--formats",
                        "svg");
        assertEquals(0, r.code(), r.err());
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        List<String> panels = new ArrayList<>();
        index.get("panels").forEach(pn -> panels.add(pn.get("panel").asText()));
        assertEquals(org.heirloom.report.DashboardFixture.PANELS, panels);
        List<String> charts = new ArrayList<>();
        index.get("files")
                .forEach(
                        f -> {
                            if (f.get("kind").asText().equals("figure")) {
                                charts.add(f.get("chart").asText());
                            }
                        });
        for (String kind : List.of("bars", "histogram", "ecdf", "reliability", "lines")) {
            assertTrue(charts.contains(kind), kind + " in " + charts);
        }
        assertTrue(Files.readString(out.resolve("training-loss.svg")).contains("<svg"));
    }
}
