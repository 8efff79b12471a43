package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.heirloom.project.Project;
import org.heirloom.share.HostileCorpus;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A corpus of hostile project files, built here in code, each put through {@code info}, {@code
 * import-from}, {@code export-for-sharing} and {@code train --base}: a file carrying SQL is refused
 * with one line naming it, leaving every file byte-identical; a file whose names are paths is used
 * as data, and nothing is written outside the project's own folders.
 */
class HostileFileCorpusTest {

    @TempDir Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = HeirloomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path received(String name) {
        return HostileCorpus.received(dir, name);
    }

    private static void tamper(Path f, String... sql) throws Exception {
        HostileCorpus.tamper(f, sql);
    }

    private Map<String, Path> refusedCorpus() throws Exception {
        return HostileCorpus.refused(dir);
    }

    private static void assertOneLineNaming(Result r, Path file, String what) {
        assertEquals(1, r.code(), what + ": " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), what + ": one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": " + err);
        assertTrue(err.contains(file.toString()), what + ": names the file: " + err);
    }

    @Test
    void filesCarryingSqlAreRefusedByEveryCommandAndNothingChanges() throws Exception {
        Path target;
        try (Project p = Project.create(dir.resolve("mine.heirloom"), "mine")) {
            target = p.file();
        }
        Path data = dir.resolve("data.jsonl");
        Files.writeString(data, "{\"prompt\": \"a\", \"completion\": \"b\"}\n");
        String targetBefore = TestFiles.sha256(target);
        for (Map.Entry<String, Path> e : refusedCorpus().entrySet()) {
            String what = e.getKey();
            Path f = e.getValue();
            String before = TestFiles.sha256(f);

            Result info = run("info", f.toString());
            assertOneLineNaming(info, f, what + " info");

            Result imp = run("import-from", target.toString(), f.toString(), "--all");
            assertOneLineNaming(imp, f, what + " import-from");
            assertEquals(targetBefore, TestFiles.sha256(target), what + ": target untouched");

            Path out = dir.resolve("exports").resolve(what + ".heirloom");
            Files.createDirectories(out.getParent());
            Result exp = run("export-for-sharing", f.toString(), out.toString());
            assertOneLineNaming(exp, f, what + " export");
            assertFalse(Files.exists(out), what + ": nothing exported");

            Result train =
                    run(
                            "train",
                            f.toString(),
                            "--base",
                            "run-student",
                            "--data",
                            data.toString(),
                            "--name",
                            "s");
            assertOneLineNaming(train, f, what + " train");

            assertEquals(before, TestFiles.sha256(f), what + ": the received file is untouched");
            assertFalse(Files.exists(Path.of(f + "-wal")), what);
            assertFalse(Files.exists(Path.of(f + ".models")), what + ": nothing unpacked");
        }
        try (Stream<Path> s = Files.list(dir.resolve("exports"))) {
            assertEquals(List.of(), s.toList(), "no temporary files left by refused exports");
        }
    }

    /** A model named like a path, carrying files named like paths, and a huge blob. */
    @Test
    void namesThatArePathsAndHugeBlobsStayData() throws Exception {
        Path f = received("names");
        Path shared = Path.of(System.getProperty("heirloom.shared", "../shared"), "models");
        Path tiny = shared.resolve("tiny-llama");
        tamper(
                f,
                "INSERT INTO model(id, name, kind, created_at) VALUES (100, '../../escape', 'trained', 'x')");
        tamper(
                f,
                "INSERT INTO model(id, name, kind, created_at) VALUES (101, 'dotfiles', 'trained', 'x')");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO model_file(model_id, path, data) VALUES (?, ?, ?)")) {
            if (Files.isDirectory(tiny)) {
                try (Stream<Path> s = Files.list(tiny)) {
                    for (Path file : s.toList()) {
                        ps.setLong(1, 100);
                        ps.setString(2, file.getFileName().toString());
                        ps.setBytes(3, Files.readAllBytes(file));
                        ps.executeUpdate();
                    }
                }
            }
            ps.setLong(1, 101);
            ps.setString(2, "../../.bashrc");
            ps.setBytes(3, "echo owned".getBytes());
            ps.executeUpdate();
            // A huge blob: 24 MB of weights nobody asked for.
            ps.setLong(1, 101);
            ps.setString(2, "huge.bin");
            ps.setBytes(3, new byte[24 << 20]);
            ps.executeUpdate();
        }
        Result info = run("info", f.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("Models:       4"), info.out());

        Path target;
        try (Project p = Project.create(dir.resolve("mine").resolve("mine.heirloom"), "mine")) {
            target = p.file();
        }
        Result imp = run("import-from", target.toString(), f.toString(), "--all");
        assertEquals(0, imp.code(), imp.err());
        // The names arrive as data, and the imported file still opens (no foreign objects).
        Result infoTarget = run("info", target.toString());
        assertEquals(0, infoTarget.code(), infoTarget.err());

        Path out = dir.resolve("exports").resolve("names.heirloom");
        Files.createDirectories(out.getParent());
        Result exp = run("export-for-sharing", f.toString(), out.toString());
        assertEquals(0, exp.code(), exp.err());
        assertEquals(0, run("info", out.toString()).code());

        Path data = dir.resolve("data.jsonl");
        Files.writeString(data, "{\"prompt\": \"ab\", \"completion\": \"cd\"}\n".repeat(4));
        Result dotfiles =
                run(
                        "train",
                        f.toString(),
                        "--base",
                        "dotfiles",
                        "--data",
                        data.toString(),
                        "--name",
                        "s1");
        assertEquals(1, dotfiles.code(), dotfiles.err());
        assertTrue(
                dotfiles.err()
                        .contains("stored file name '../../.bashrc' is not a plain file name"),
                dotfiles.err());
        assertFalse(Files.exists(dir.resolve(".bashrc")));
        assertFalse(Files.exists(f.getParent().resolve(".bashrc")));

        if (Files.isDirectory(tiny)) {
            Result escape =
                    run(
                            "train",
                            f.toString(),
                            "--base",
                            "../../escape",
                            "--data",
                            data.toString(),
                            "--name",
                            "s2",
                            "--max-steps",
                            "1",
                            "--batch",
                            "1",
                            "--max-len",
                            "128");
            assertEquals(0, escape.code(), escape.err());
        } else {
            Assumptions.abort("../shared/models/tiny-llama absent: the train-from step is skipped");
        }
        // Everything the commands wrote is inside the project folders.
        Path models = Path.of(f + ".models");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertTrue(
                        p.startsWith(models)
                                || p.getParent().equals(f.getParent())
                                || p.startsWith(dir.resolve("mine"))
                                || p.startsWith(dir.resolve("exports"))
                                || p.equals(data),
                        "written outside the project's folders: " + p);
            }
        }
        assertFalse(Files.exists(dir.resolve("escape")));
        assertFalse(Files.exists(dir.getParent().resolve("escape")));
    }
}
