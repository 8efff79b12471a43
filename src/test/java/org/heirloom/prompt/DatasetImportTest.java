package org.heirloom.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.heirloom.project.Project;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real data set formats: Parquet (files and Hub folders), TSV, CSV in other encodings. */
class DatasetImportTest {

    @TempDir Path dir;

    /** Writes a Parquet file with DuckDB itself (fixtures are made here, never downloaded). */
    static void parquet(Path file, String selectSql) throws SQLException, IOException {
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "COPY ("
                            + selectSql
                            + ") TO '"
                            + file.toString().replace("'", "''")
                            + "' (FORMAT parquet)");
        }
    }

    private static List<String> texts(List<RawPrompt> ps) {
        return ps.stream().map(RawPrompt::text).toList();
    }

    @Test
    void parquetFilePicksColumnsAndTellsTypes() throws Exception {
        Path f = dir.resolve("x.parquet");
        parquet(
                f,
                "SELECT * FROM (VALUES (1, 'Say hi', 'hi', [1,2]), (2, 'Ünïcode ✓', NULL, [3]))"
                        + " t(id, instruction, output, tokens)");
        assertEquals(PromptFormat.PARQUET, PromptFormat.detect(f));
        List<RawPrompt> ps = PromptFileReader.read(f, PromptFormat.PARQUET, null, null);
        assertEquals(List.of("Say hi", "Ünïcode ✓"), texts(ps));
        assertEquals("hi", ps.get(0).reference());
        assertEquals(null, ps.get(1).reference());
        assertEquals("row 1", ps.get(1).location());
        assertEquals(null, ps.get(0).split(), "a single file has no split of its own");

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(f, PromptFormat.PARQUET, "tokens", ""));
        assertEquals(
                f + ": column 'tokens' is INTEGER[], not a string; choose --field", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(f, PromptFormat.PARQUET, "nope", ""));
        assertEquals(
                f + ": no column 'nope' (columns: id, instruction, output, tokens)",
                e.getMessage());
    }

    @Test
    void huggingFaceFolderKeepsItsSplits() throws Exception {
        Path ds = dir.resolve("my-dataset");
        Files.writeString(Files.createDirectories(ds).resolve("README.md"), "---\n---\n");
        parquet(
                ds.resolve("data/train-00000-of-00002.parquet"),
                "SELECT 'train ' || i AS prompt FROM range(3) r(i)");
        parquet(
                ds.resolve("data/train-00001-of-00002.parquet"),
                "SELECT 'train ' || (i + 3) AS prompt FROM range(2) r(i)");
        parquet(
                ds.resolve("data/test-00000-of-00001.parquet"),
                "SELECT 'test ' || i AS prompt FROM range(2) r(i)");
        assertEquals(PromptFormat.PARQUET, PromptFormat.detect(ds));
        List<RawPrompt> ps = PromptFileReader.read(ds, PromptFormat.PARQUET, null, null);
        // Path order: data/test-… before data/train-….
        assertEquals(
                List.of("test 0", "test 1", "train 0", "train 1", "train 2", "train 3", "train 4"),
                texts(ps));
        assertEquals(
                List.of("test", "test", "train", "train", "train", "train", "train"),
                ps.stream().map(RawPrompt::split).toList());

        Path projectFile = dir.resolve("p.heirloom");
        try (Project p = Project.create(projectFile, "p")) {
            PromptImporter.Result r =
                    new PromptImporter(p).importFile(ds, "hub", PromptImportOptions.defaults());
            assertEquals(7, r.stored());
            assertEquals(Map.of("test", 2, "train", 5), new TreeMap<>(r.splits()));
            assertTrue(r.source().startsWith("my-dataset format=parquet sha256="), r.source());
            List<StoredPrompt> stored = new PromptSetRepository(p).prompts(r.promptSetId());
            assertEquals("test 0", stored.get(0).text());
        }
    }

    @Test
    void splitNamesFollowTheHubsFileNames() {
        assertEquals(
                "train", ParquetPromptReader.splitOf(Path.of("data/train-00000-of-00003.parquet")));
        assertEquals("validation", ParquetPromptReader.splitOf(Path.of("validation.parquet")));
        assertEquals("test", ParquetPromptReader.splitOf(Path.of("default/test/0000.parquet")));
    }

    @Test
    void brokenParquetIsOneLine() throws IOException {
        Path f = dir.resolve("broken.parquet");
        Files.writeString(f, "this is not parquet at all, just text that is long enough");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(f, PromptFormat.PARQUET, null, null));
        assertTrue(e.getMessage().startsWith(f + ": cannot read as Parquet ("), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(empty, PromptFormat.PARQUET, null, null));
        assertEquals(empty + ": no .parquet files in this folder", e.getMessage());
    }

    @Test
    void tsvByExtensionAndBySniffing() throws IOException {
        String tsv = "id\tprompt\tanswer\n1\tSay \"hi\", please\thi\n2\tCount to 3\t1 2 3\n";
        Path byExt = dir.resolve("p.tsv");
        Files.writeString(byExt, tsv);
        Path sniffed = dir.resolve("p.txt");
        Files.writeString(sniffed, tsv);
        Path text = dir.resolve("plain.txt");
        Files.writeString(text, "one prompt\ttab inside\nanother prompt\n");
        assertEquals(PromptFormat.TSV, PromptFormat.detect(byExt));
        assertEquals(PromptFormat.TSV, PromptFormat.detect(sniffed));
        assertEquals(PromptFormat.TEXT, PromptFormat.detect(text));
        for (Path f : List.of(byExt, sniffed)) {
            List<RawPrompt> ps = PromptFileReader.read(f, PromptFormat.detect(f), null, null);
            assertEquals(List.of("Say \"hi\", please", "Count to 3"), texts(ps));
            assertEquals(List.of("hi", "1 2 3"), ps.stream().map(RawPrompt::reference).toList());
        }
        Path ragged = dir.resolve("r.tsv");
        Files.writeString(ragged, "prompt\tx\na\tb\nc\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(ragged, PromptFormat.TSV, null, ""));
        assertEquals(ragged + ":3: 1 fields, but the header has 2", e.getMessage());
    }

    @Test
    void csvInCp1252AndUtf16IsDetected() throws IOException {
        // "Café – “quoted” €5": é, en dash, curly quotes and the euro sign all differ between
        // cp1252 and Latin-1, so only a real cp1252 decode gets them right.
        String prompt = "Caf\u00e9 \u2013 \u201cquoted\u201d \u20ac5";
        String csv = "prompt\r\n\"" + prompt + "\"\r\nplain\r\n";
        Path cp = dir.resolve("excel.csv");
        Files.write(cp, csv.getBytes(TextDecoder.CP1252));
        assertEquals(
                (byte) 0x80,
                Files.readAllBytes(cp)[csv.indexOf('\u20ac')],
                "euro sign is 0x80 in cp1252");
        Path le = dir.resolve("utf16le-bom.csv");
        byte[] body = csv.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(le, withBom);
        Path be = dir.resolve("utf16be-nobom.csv");
        Files.write(be, csv.getBytes(StandardCharsets.UTF_16BE));
        Path u8 = dir.resolve("utf8.csv");
        Files.write(u8, csv.getBytes(StandardCharsets.UTF_8));
        for (Path f : List.of(cp, le, be, u8)) {
            assertEquals(
                    List.of(prompt, "plain"),
                    texts(PromptFileReader.read(f, PromptFormat.CSV, null, null)),
                    f.getFileName().toString());
        }
        assertEquals(
                TextDecoder.CP1252, TextDecoder.decode(Files.readAllBytes(cp), null, cp).charset());
        assertEquals(
                StandardCharsets.UTF_16BE,
                TextDecoder.decode(Files.readAllBytes(be), null, be).charset());
        // An explicit encoding wins over detection.
        assertEquals(
                List.of(prompt, "plain"),
                texts(
                        PromptFileReader.read(
                                cp, PromptFormat.CSV, null, null, TextDecoder.charset("cp1252"))));
    }

    @Test
    void undecodableTextNamesTheByteOffset() throws IOException {
        // "prompt\n" is 7 bytes; "ab" 2 more; 0xC3 0x28 is an invalid UTF-8 sequence at 9.
        Path f = dir.resolve("bad.csv");
        Files.write(
                f,
                new byte[] {'p', 'r', 'o', 'm', 'p', 't', '\n', 'a', 'b', (byte) 0xC3, '(', '\n'});
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                PromptFileReader.read(
                                        f, PromptFormat.CSV, null, null, StandardCharsets.UTF_8));
        assertEquals(
                f
                        + ": byte offset 9: not valid UTF-8 (bytes C3); give the file's encoding"
                        + " with --encoding (utf-8, utf-16, cp1252)",
                e.getMessage());
        // Detection: 0x81 is undefined in cp1252 too, so neither reading fits.
        Path g = dir.resolve("neither.csv");
        Files.write(g, new byte[] {'p', 'r', 'o', 'm', 'p', 't', '\n', 'x', (byte) 0x81, '\n'});
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptFileReader.read(g, PromptFormat.CSV, null, null));
        assertTrue(
                e.getMessage().startsWith(g + ": byte offset 8: not valid UTF-8"), e.getMessage());
    }
}
