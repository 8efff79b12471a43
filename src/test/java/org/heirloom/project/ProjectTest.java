package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileItem;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.heirloom.project.schema.Schema;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

    @TempDir Path dir;

    private Path newProject(String name) {
        Path f = dir.resolve(name + ".heirloom");
        try (Project p = Project.create(f, name)) {
            new PromptSetRepository(p)
                    .create(
                            "set",
                            "test",
                            List.of(
                                    PromptInput.of("a"),
                                    PromptInput.of("b"),
                                    PromptInput.of("a"),
                                    new PromptInput("c", "ref")));
        }
        return f;
    }

    @Test
    void createThenOpenKeepsContentAndMarksFile() throws Exception {
        Path f = newProject("alpha");
        try (Project p = Project.open(f)) {
            ProjectInfo info = p.info();
            assertEquals("alpha", info.name());
            assertEquals(Schema.latestVersion(), info.schemaVersion());
            assertEquals(1, info.promptSets());
            assertEquals(3, info.prompts(), "the duplicate prompt 'a' is stored once");
            List<StoredPrompt> prompts =
                    new PromptSetRepository(p)
                            .prompts(new PromptSetRepository(p).list().get(0).id());
            assertEquals(List.of("a", "b", "c"), prompts.stream().map(StoredPrompt::text).toList());
            assertEquals("ref", prompts.get(2).reference());
        }
        // application_id "HRLM" sits at byte 68 of the header, big-endian.
        byte[] header = new byte[100];
        try (var in = Files.newInputStream(f)) {
            in.readNBytes(header, 0, 100);
        }
        assertArrayEquals(
                "HRLM".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(header, 68, 72));
        assertFalse(
                Files.exists(Path.of(f + "-wal")),
                "a closed project is one file, no WAL beside it");
    }

    @Test
    void createRefusesToOverwrite() {
        Path f = newProject("beta");
        String before = TestFiles.sha256(f);
        ProjectException e = assertThrows(ProjectException.class, () -> Project.create(f, "x"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(before, TestFiles.sha256(f));
    }

    @Test
    void migratesAnOlderSchemaForwardKeepingData() throws Exception {
        // A schema-1 file as an older Heirloom wrote it, with data in it.
        Path v1 = dir.resolve("v1.heirloom");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + v1);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            for (String sql : Schema.migrations().get(0).statements()) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version = 1");
            st.execute(
                    "INSERT INTO prompt_set(name, source, created_at) VALUES ('kept', 'x', 'now')");
        }
        try (Project p = Project.open(v1)) {
            assertEquals(Schema.latestVersion(), p.schemaVersion());
            assertEquals(
                    1, p.info().promptSets(), "data written under schema 1 survives migration");
            assertEquals(0, p.info().runs(), "tables of migration 2 exist and are empty");
        }
    }

    @Test
    void partialMigrationStopsAtTarget() {
        Path f = dir.resolve("partial.heirloom");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (Project p = Project.open(f, Project.Mode.READ_WRITE, 1)) {
            assertEquals(1, p.schemaVersion());
        }
        try (Project p = Project.open(f)) {
            assertEquals(Schema.latestVersion(), p.schemaVersion());
        }
    }

    @Test
    void aNewerSchemaOpensOnlyReadOnlyLeavingFileUnchanged() throws Exception {
        Path f = newProject("future");
        int newer = Schema.latestVersion() + 5;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + newer);
        }
        String before = TestFiles.sha256(f);
        ProjectException e =
                assertThrows(
                        ProjectException.class, () -> Project.open(f, Project.Mode.READ_WRITE));
        assertEquals(
                f
                        + ": made by a newer Heirloom (schema "
                        + newer
                        + " > "
                        + Schema.latestVersion()
                        + "); open it read-only, or update Heirloom",
                e.getMessage());
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            assertTrue(p.isReadOnly());
            assertEquals(newer, p.fileSchemaVersion());
            assertEquals(3, p.info().prompts(), "what this build knows is readable");
            assertThrows(ProjectException.class, () -> p.rename("x"));
        }
        assertEquals(before, TestFiles.sha256(f));
    }

    @Test
    void refusesGarbageEmptyForeignTruncatedAndCorruptFiles() throws Exception {
        Path garbage = dir.resolve("garbage.heirloom");
        Files.writeString(garbage, "this is not a database\n".repeat(100));
        assertRefused(garbage, "not a Heirloom project (not an SQLite database file)");

        Path empty = dir.resolve("empty.heirloom");
        Files.createFile(empty);
        assertRefused(empty, "empty file");

        Path foreign = dir.resolve("foreign.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(x)");
        }
        assertRefused(
                foreign, "not a Heirloom project (SQLite database with application id 0x00000000)");

        Path good = newProject("good");
        Path truncated = dir.resolve("truncated.heirloom");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 4096));
        assertRefused(truncated, "truncated");

        Path corrupt = dir.resolve("corrupt.heirloom");
        Files.write(corrupt, bytes);
        try (RandomAccessFile raf = new RandomAccessFile(corrupt.toFile(), "rw")) {
            // Scribble over the b-tree page headers of pages 2.. (not the file header).
            int pageSize = 4096;
            for (long page = 1; page * pageSize < raf.length(); page++) {
                raf.seek(page * pageSize);
                raf.write(
                        new byte[] {
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            0x7F,
                            0x7F,
                            0x7F,
                            0x7F
                        });
            }
        }
        assertRefused(corrupt, "corrupt");
    }

    private static void assertRefused(Path f, String expectedPart) {
        String before = TestFiles.sha256(f);
        ProjectException e = assertThrows(ProjectException.class, () -> Project.open(f));
        assertTrue(e.getMessage().startsWith(f + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, TestFiles.sha256(f), "refused file is left byte-identical");
        assertFalse(Files.exists(Path.of(f + "-wal")));
    }

    @Test
    void readOnlyProjectRefusesWritesAndLeavesFileUnchanged() {
        Path f = newProject("ro");
        String before = TestFiles.sha256(f);
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            assertTrue(p.isReadOnly());
            assertEquals(3, p.info().prompts());
            assertThrows(ProjectException.class, () -> p.rename("changed"));
        }
        assertEquals(before, TestFiles.sha256(f));
    }

    @Test
    void failedWriteRollsBackWholeTransaction() {
        Path f = newProject("tx");
        try (Project p = Project.open(f)) {
            assertThrows(
                    ProjectException.class,
                    () ->
                            p.write(
                                    c -> {
                                        exec(
                                                c,
                                                "INSERT INTO prompt_set(name, created_at) VALUES ('half', 'now')");
                                        exec(c, "INSERT INTO no_such_table VALUES (1)");
                                        return null;
                                    }));
            assertEquals(
                    1, p.info().promptSets(), "the first insert was rolled back with the failure");
        }
    }

    @Test
    void exportForSharingWritesOneSelfContainedFile() {
        Path f = newProject("share");
        try (Project p = Project.open(f)) {
            p.write(
                    c -> {
                        exec(
                                c,
                                "INSERT INTO model(name, kind, created_at) VALUES ('m', 'trained', 'now')");
                        exec(
                                c,
                                "INSERT INTO model_file(model_id, path, data) VALUES (1, 'model.safetensors', x'00010203')");
                        return null;
                    });
            Path with = dir.resolve("with.heirloom");
            Path without = dir.resolve("without.heirloom");
            p.exportForSharing(with, true);
            p.exportForSharing(without, false);
            assertFalse(Files.exists(Path.of(with + "-wal")));
            try (Project a = Project.open(with, Project.Mode.READ_ONLY);
                    Project b = Project.open(without, Project.Mode.READ_ONLY)) {
                assertEquals(3, a.info().prompts());
                assertEquals(1L, countModelFiles(a));
                assertEquals(0L, countModelFiles(b));
                assertEquals(1, b.info().models(), "the model row stays; only its stored files go");
            }
            assertThrows(
                    ProjectException.class,
                    () -> p.exportForSharing(with, true),
                    "never overwrites");
        }
    }

    private static void exec(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long countModelFiles(Project p) {
        return p.read(
                c -> {
                    try (Statement st = c.createStatement();
                            var rs = st.executeQuery("SELECT count(*) FROM model_file")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    @Test
    void readOnlyOpenOfAnOlderSchemaReadsAMigratedCopy() throws Exception {
        Path v1 = dir.resolve("old-ro.heirloom");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + v1);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            for (String sql : Schema.migrations().get(0).statements()) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version = 1");
            st.execute(
                    "INSERT INTO prompt_set(name, source, created_at) VALUES ('kept', 'x', 'now')");
        }
        String before = TestFiles.sha256(v1);
        try (Project p = Project.open(v1, Project.Mode.READ_ONLY)) {
            assertTrue(p.isReadOnly());
            assertEquals(Schema.latestVersion(), p.schemaVersion());
            assertEquals(1, p.fileSchemaVersion());
            assertEquals(1, p.info().promptSets());
            assertEquals(0, p.info().runs(), "tables of later migrations are readable");
            assertEquals(v1, p.file());
        }
        assertEquals(before, TestFiles.sha256(v1), "the older file itself is not upgraded");
    }

    @Test
    void profileItemValuesSurviveNullTextAndNullValues() {
        try (Project p = Project.create(dir.resolve("items.heirloom"), "i")) {
            ModelRecord m = new ModelRepository(p).register("m", "local", "/m", "h", null, null);
            ProfileRepository repo = new ProfileRepository(p);
            ProfileRecord prof = repo.open(m.id(), "crows", "{}");
            repo.addItems(
                    prof.id(),
                    List.of(
                            new ProfileItem("a", 0, null, 0.25, null),
                            new ProfileItem("b", 0, "text", Double.NaN, "{}"),
                            new ProfileItem("c", 0, null, -1.0, "{}")));
            List<ProfileItem> items = repo.items(prof.id());
            assertEquals(
                    0.25, items.get(0).value(), "a value next to a NULL text is read as stored");
            assertTrue(Double.isNaN(items.get(1).value()), "NULL reads as NaN");
            assertEquals(-1.0, items.get(2).value());
        }
    }
}
