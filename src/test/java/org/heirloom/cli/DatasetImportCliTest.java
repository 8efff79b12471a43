package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.prompt.TextDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-prompts} on the files of issue #14: each imports, a broken one fails in one line.
 */
class DatasetImportCliTest {

    @TempDir Path dir;

    @Test
    void everydayFilesImportAndBrokenOnesFailInOneLine() throws Exception {
        Path project = dir.resolve("p.heirloom");
        assertEquals(0, CliTest.run("new", project.toString()).code());

        Path cp = dir.resolve("excel.csv");
        Files.write(cp, "prompt\r\n\u00c9t\u00e9 \u20ac\r\n".getBytes(TextDecoder.CP1252));
        CliTest.Result r =
                CliTest.run("import-prompts", project.toString(), cp.toString(), "--name", "cp");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Imported 1 prompts into 'cp'"), r.out());

        Path tsv = dir.resolve("p.tsv");
        Files.writeString(tsv, "question\tanswer\nWhy?\tBecause.\nHow?\tSo.\n");
        r = CliTest.run("import-prompts", project.toString(), tsv.toString(), "--name", "tsv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Imported 2 prompts into 'tsv'"), r.out());

        Path bad = dir.resolve("bad.csv");
        Files.write(bad, "prompt\nok\n\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        r =
                CliTest.run(
                        "import-prompts",
                        project.toString(),
                        bad.toString(),
                        "--name",
                        "bad",
                        "--encoding",
                        "utf-8");
        assertEquals(1, r.code());
        assertEquals(
                "heirloom: "
                        + bad
                        + ": byte offset 10: not valid UTF-8 (bytes E9); give the file's encoding"
                        + " with --encoding (utf-8, utf-16, cp1252)\n",
                r.err());

        r =
                CliTest.run(
                        "import-prompts",
                        project.toString(),
                        cp.toString(),
                        "--name",
                        "x",
                        "--encoding",
                        "klingon");
        assertEquals(1, r.code());
        assertEquals(
                "heirloom: --encoding: unknown encoding 'klingon' (try utf-8, utf-16, cp1252)\n",
                r.err());

        Path pq = dir.resolve("broken.parquet");
        Files.writeString(pq, "PAR1 but not really a parquet file, only text");
        r = CliTest.run("import-prompts", project.toString(), pq.toString(), "--name", "pq");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("heirloom: " + pq + ": cannot read as Parquet ("), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
