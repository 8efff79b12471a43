package org.heirloom.project.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model page's data, checked against the bundled sample and hand-computed cases. */
class ModelPageTest {

    static final Path BUNDLED = Path.of("sample-projects/sample.heirloom").toAbsolutePath();

    @TempDir Path dir;

    private Project sampleCopy() throws Exception {
        assumeTrue(Files.isRegularFile(BUNDLED), "no bundled sample project in this checkout");
        Path copy = dir.resolve("sample.heirloom");
        Files.copy(BUNDLED, copy);
        return Project.open(copy);
    }

    @Test
    void aStudentShowsWhatItIsAndWhereItCameFrom() throws Exception {
        try (Project p = sampleCopy()) {
            long id = new ModelRepository(p).find("random-student-r0").orElseThrow().id();
            // The folder recorded in the bundled file is elsewhere: the stored copies serve.
            ModelPage.Facts f = ModelPage.load(p, id);
            assertEquals("llama", f.family());
            // Llama, hidden 96, MLP 256, 2 layers, 4 heads of 24 (2 KV heads), vocab 1237, tied:
            // embed 1237·96 + 2·(2·96·96 + 2·96·48 + 3·96·256 + 2·96) + 96 = 321,984.
            assertEquals(321_984, f.parameters());
            // Students keep their base's dtype: the sample's base student is F16.
            assertEquals("F16", f.dtype());
            assertTrue(
                    f.files().stream()
                            .anyMatch(x -> x.path().equals("model.safetensors") && x.stored()));
            ModelPage.Provenance prov = f.provenance();
            assertEquals("student", prov.base());
            assertEquals("random-baseline", prov.selection());
            assertEquals("random", prov.strategy());
            assertEquals(0, prov.replicate());
            assertEquals("done", prov.status());
            assertEquals("0.001", prov.hyperParameters().get("learningRate"));
            assertEquals("8", prov.hyperParameters().get("batchSize"));
            long logged =
                    p.read(
                            c ->
                                    Sql.first(
                                                    c,
                                                    "SELECT count(*) FROM training_log l JOIN"
                                                            + " training t ON t.id ="
                                                            + " l.training_id WHERE t.name ="
                                                            + " 'random-student-r0'",
                                                    rs -> rs.getLong(1))
                                            .orElseThrow());
            assertTrue(logged > 0);
            assertEquals(logged, prov.loss().size());
            assertEquals(1, f.profiles().size());
            ModelPage.Profile text = f.profiles().get(0);
            assertEquals("text", text.suite());
            assertEquals(
                    List.of("words", "mtld", "toxicity"),
                    text.numbers().stream().map(ModelPage.SummaryNumber::name).toList());
        }
    }

    @Test
    void theTeacherHasNoProvenanceAndItsProfileNumbersAreTheStoredOnes() throws Exception {
        try (Project p = sampleCopy()) {
            long id = new ModelRepository(p).find("teacher").orElseThrow().id();
            ModelPage.Facts f = ModelPage.load(p, id);
            assertNull(f.provenance());
            assertFalse(f.isStudent());
            ModelPage.SummaryNumber words = f.profiles().get(0).numbers().get(0);
            String summary =
                    p.read(
                            c ->
                                    Sql.first(
                                                    c,
                                                    "SELECT json_extract(summary,"
                                                            + " '$.metrics.words.mean') FROM"
                                                            + " profile WHERE model_id = ?",
                                                    rs -> rs.getString(1),
                                                    id)
                                            .orElseThrow());
            assertEquals(Double.parseDouble(summary), words.mean(), 0);
        }
    }

    @Test
    void summaryNumbersReadEstimatesAndPlainValues() {
        List<ModelPage.SummaryNumber> n =
                ModelPage.numbers(
                        "{\"metrics\":{\"words\":{\"mean\":2.5,\"low\":1,\"high\":3,\"n\":4}},"
                                + "\"ece\":0.125,\"bins\":{\"count\":10}}");
        assertEquals(3, n.size());
        assertEquals("words", n.get(0).name());
        assertEquals("2.500 [1.0, 3.0] n=4", n.get(0).describe());
        assertEquals("ece", n.get(1).name());
        assertEquals(0.125, n.get(1).mean(), 0);
        assertEquals("bins.count", n.get(2).name());
        assertTrue(ModelPage.numbers("not json").isEmpty());
    }

    @Test
    void exportWritesTheStoredFilesAsAFolderAndRefusesToOverwrite() throws Exception {
        try (Project p = sampleCopy()) {
            long id = new ModelRepository(p).find("random-student-r0").orElseThrow().id();
            Path out = dir.resolve("export/random-student-r0");
            Files.createDirectories(out.getParent());
            int n = ModelPage.exportFolder(p, id, out);
            List<String> stored =
                    p.read(
                            c ->
                                    Sql.list(
                                            c,
                                            "SELECT path FROM model_file WHERE model_id = ? ORDER"
                                                    + " BY path",
                                            rs -> rs.getString(1),
                                            id));
            assertEquals(stored.size(), n);
            for (String name : stored) {
                byte[] expected =
                        p.read(
                                c ->
                                        Sql.first(
                                                        c,
                                                        "SELECT data FROM model_file WHERE"
                                                                + " model_id = ? AND path = ?",
                                                        rs -> rs.getBytes(1),
                                                        id,
                                                        name)
                                                .orElseThrow());
                assertArrayEquals(expected, Files.readAllBytes(out.resolve(name)), name);
            }
            IllegalArgumentException again =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ModelPage.exportFolder(p, id, out));
            assertEquals(out + ": already exists; choose a new folder", again.getMessage());
            assertFalse(Files.exists(out.resolveSibling("random-student-r0.part")));
        }
    }
}
