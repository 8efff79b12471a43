package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.heirloom.project.candidate.CandidateSearchIndex;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.schema.Migration;
import org.heirloom.project.schema.Schema;
import org.heirloom.project.schema.SchemaAudit;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project file from someone else is data: SQL stored in it never runs, its lineage cannot loop,
 * queries can be stopped, and the crash-state of a WAL is not mistaken for damage.
 */
class ReceivedFileTest {

    @TempDir Path dir;

    private Path project(String name) {
        Path f = dir.resolve(name + ".heirloom");
        try (Project p = Project.create(f, name)) {
            new PromptSetRepository(p).create("set", "test", List.of(PromptInput.of("a")));
        }
        return f;
    }

    /** Edits a file behind Heirloom's back, as a hostile colleague would with sqlite3. */
    private static void tamper(Path f, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static String refused(Path f, String expectedPart) {
        String before = TestFiles.sha256(f);
        ProjectException e = assertThrows(ProjectException.class, () -> Project.open(f));
        assertTrue(e.getMessage().startsWith(f + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(before, TestFiles.sha256(f), "a refused file is left byte-identical");
        ProjectException ro =
                assertThrows(ProjectException.class, () -> Project.open(f, Project.Mode.READ_ONLY));
        assertEquals(e.getMessage(), ro.getMessage(), "read-only opening refuses it the same way");
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE TRIGGER evil AFTER INSERT ON score BEGIN DELETE FROM selected; END",
                "CREATE TRIGGER evil BEFORE INSERT ON model BEGIN UPDATE model SET location = '/etc';"
                        + " END",
                "CREATE TRIGGER evil AFTER UPDATE ON run BEGIN DELETE FROM candidate; END",
                "CREATE TRIGGER evil BEFORE DELETE ON prompt BEGIN SELECT RAISE(IGNORE); END",
                "CREATE TRIGGER evil AFTER UPDATE OF value ON project_meta BEGIN DELETE FROM"
                        + " prompt; END",
                "CREATE TEMP TRIGGER evil AFTER INSERT ON main.score BEGIN DELETE FROM selected;"
                        + " END",
            })
    void triggersOfEveryKindAreRefused(String trigger) throws Exception {
        Path f = project("trigger");
        tamper(f, trigger);
        if (trigger.contains("TEMP")) {
            // A temp trigger lives in the connection that made it, never in the file.
            try (Project p = Project.open(f)) {
                assertEquals(1, p.info().prompts());
            }
            return;
        }
        refused(f, "contains trigger 'evil', which Heirloom does not create");
    }

    @Test
    void insteadOfTriggersOnViewsAndRecursiveViewsAreRefused() throws Exception {
        Path f = project("view");
        tamper(
                f,
                "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                        + " FROM n) SELECT count(*) FROM n");
        refused(f, "contains view 'forever'");

        Path g = project("instead");
        tamper(
                g,
                "CREATE VIEW v AS SELECT * FROM model",
                "CREATE TRIGGER t INSTEAD OF INSERT ON v BEGIN DELETE FROM prompt; END");
        refused(g, "which Heirloom does not create");
    }

    @Test
    void extraTablesIndexesAndChangedDefinitionsAreRefused() throws Exception {
        Path extra = project("extra");
        tamper(extra, "CREATE TABLE payload(x BLOB)");
        refused(extra, "contains table 'payload'");

        Path index = project("index");
        tamper(index, "CREATE INDEX sneaky ON prompt(text)");
        refused(index, "contains index 'sneaky'");

        // Same name, another definition: a DEFAULT that would fill rows Heirloom inserts.
        Path lie = project("lie");
        tamper(
                lie,
                "PRAGMA foreign_keys = OFF",
                "DROP TABLE recipe",
                "CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, yaml TEXT"
                        + " NOT NULL DEFAULT 'steal: everything', created_at TEXT NOT NULL,"
                        + " updated_at TEXT NOT NULL)");
        refused(lie, "table 'recipe' is defined differently");

        Path missing = project("missing");
        tamper(missing, "DROP INDEX candidate_by_tokens");
        refused(missing, "index 'candidate_by_tokens' is missing");
    }

    @Test
    void aFileThatLiesAboutItsVersionIsRefused() throws Exception {
        Path f = project("version-lie");
        // Claims schema 3 while holding the tables of 4..6: migrating it "forward" would fail
        // half-way or run on objects of unknown origin.
        tamper(f, "PRAGMA user_version = 3");
        refused(f, "schema does not match its version 3");
    }

    @Test
    void aNewerFileMayHaveUnknownTablesButNeverTriggersOrViews() throws Exception {
        Path f = project("newer");
        int newer = Schema.latestVersion() + 1;
        tamper(f, "PRAGMA user_version = " + newer, "CREATE TABLE future_thing(x)");
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            assertEquals(1, p.info().prompts());
        }
        tamper(f, "CREATE VIEW later AS SELECT 1");
        String before = TestFiles.sha256(f);
        ProjectException e =
                assertThrows(ProjectException.class, () -> Project.open(f, Project.Mode.READ_ONLY));
        assertTrue(e.getMessage().contains("contains view 'later'"), e.getMessage());
        assertEquals(before, TestFiles.sha256(f));
    }

    @Test
    void theExpectedSchemaIsDerivedFromTheMigrations() throws Exception {
        // Independent of SchemaAudit's own reading: a freshly created project is accepted, and its
        // sqlite_master lists exactly the objects the migration statements name.
        Path f = project("fresh");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            assertNull(SchemaAudit.problem(c, Schema.latestVersion()));
            long objects = 0;
            for (Migration m : Schema.migrations()) {
                for (String sql : m.statements()) {
                    if (sql.strip().startsWith("CREATE")) {
                        objects++;
                    } else if (sql.strip().startsWith("DROP")) {
                        objects--;
                    }
                }
            }
            long named;
            try (Statement st = c.createStatement();
                    var rs =
                            st.executeQuery(
                                    "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE"
                                            + " 'sqlite_autoindex_%'")) {
                rs.next();
                named = rs.getLong(1);
            }
            assertEquals(objects, named);
            assertTrue(SchemaAudit.problem(c, 2) != null, "a v6 file is not a v2 file");
        }
    }

    @Test
    void theCandidateSearchIndexHeirloomBuildsIsAllowed() {
        Path f = project("fts");
        try (Project p = Project.open(f)) {
            CandidateSearchIndex index = new CandidateSearchIndex(p);
            org.junit.jupiter.api.Assumptions.assumeTrue(index.usable(), "this SQLite has no FTS5");
            index.indexNext(10);
        }
        try (Project p = Project.open(f)) {
            assertEquals(1, p.info().prompts());
        }
    }

    @Test
    void parentCyclesAndMissingParentsAreRefused() throws Exception {
        Path f = project("cycle");
        tamper(
                f,
                "PRAGMA foreign_keys = OFF",
                "INSERT INTO model(id, name, kind, parent_id, created_at) VALUES (1, 'a', 'trained',"
                        + " 2, 'x'), (2, 'b', 'trained', 3, 'x'), (3, 'c', 'trained', 1, 'x')");
        String m = refused(f, "is its own ancestor (a parent_id cycle)");
        assertTrue(m.matches(".*model '[abc]'.*"), m);

        Path self = project("self");
        tamper(
                self,
                "INSERT INTO model(id, name, kind, parent_id, created_at) VALUES (7, 'me',"
                        + " 'trained', 7, 'x')");
        refused(self, "model 'me' is its own ancestor");

        Path dangling = project("dangling");
        tamper(
                dangling,
                "PRAGMA foreign_keys = OFF",
                "INSERT INTO model(id, name, kind, parent_id, created_at) VALUES (1, 'orphan',"
                        + " 'trained', 99, 'x')");
        refused(dangling, "model 'orphan' names a parent (id 99) that is missing");

        // A long, legitimate lineage is fine.
        Path chain = project("chain");
        StringBuilder sql =
                new StringBuilder(
                        "INSERT INTO model(id, name, kind, parent_id, created_at) VALUES (1, 'm1',"
                                + " 'local', NULL, 'x')");
        for (int i = 2; i <= 5000; i++) {
            sql.append(", (").append(i).append(", 'm").append(i).append("', 'trained', ");
            sql.append(i - 1).append(", 'x')");
        }
        tamper(chain, sql.toString());
        try (Project p = Project.open(chain)) {
            assertEquals(5000, p.info().models());
        }
    }

    @Test
    void connectionsAreOpenedDefensively() {
        Path f = project("defensive");
        try (Project p = Project.open(f)) {
            assertEquals(0L, pragma(p, "trusted_schema"));
            assertEquals(1L, pragma(p, "foreign_keys"));
            assertTrue(
                    pragma(p, "busy_timeout") >= 60_000,
                    "writers wait for a long import instead of failing");
            // Extension loading is off: load_extension is an error, whatever the argument.
            ProjectException e =
                    assertThrows(
                            ProjectException.class,
                            () ->
                                    p.read(
                                            c -> {
                                                try (Statement st = c.createStatement()) {
                                                    st.executeQuery(
                                                            "SELECT load_extension('/tmp/x')");
                                                }
                                                return null;
                                            }));
            assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
        }
    }

    @Test
    void foreignKeyCascadesStillWorkUnderTheLimits() throws Exception {
        // SQLite runs ON DELETE CASCADE as internal triggers: run → candidate → score is two
        // levels deep, which the trigger-depth limit must allow.
        Path f = project("cascade");
        tamper(
                f,
                "INSERT INTO run(id, name, prompt_set_id, k, seed, params, status, created_at)"
                        + " VALUES (1, 'r', 1, 1, 1, '{}', 'done', 'x')",
                "INSERT INTO run_teacher(id, run_id, idx, spec) VALUES (1, 1, 0, 't')",
                "INSERT INTO candidate(id, run_id, prompt_id, teacher_id, idx, seed, text) VALUES"
                        + " (1, 1, (SELECT id FROM prompt), 1, 0, 0, 'c')",
                "INSERT INTO metric(id, name, version) VALUES (1, 'words', '1')",
                "INSERT INTO score(candidate_id, metric_id, value) VALUES (1, 1, 1.0)");
        try (Project p = Project.open(f)) {
            p.write(c -> Sql.update(c, "DELETE FROM run WHERE id = 1"));
            assertEquals(0L, (long) p.read(c -> count(c, "SELECT count(*) FROM score")));
            assertEquals(0L, (long) p.read(c -> count(c, "SELECT count(*) FROM candidate")));
        }
    }

    private static long pragma(Project p, String name) {
        return p.read(
                c -> {
                    try (Statement st = c.createStatement();
                            var rs = st.executeQuery("PRAGMA " + name)) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    private static final String ENDLESS =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";

    @Test
    void everyQueryCanBeStopped() throws Exception {
        Path f = project("stoppable");
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            long t0 = System.nanoTime();
            ProjectException e =
                    assertThrows(
                            ProjectException.class,
                            () -> p.readWithin(Duration.ofMillis(300), c -> count(c, ENDLESS)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 10, "stopped after " + seconds + " s");
            assertTrue(e.getMessage().contains("a query was stopped"), e.getMessage());
            assertEquals(1, p.info().prompts(), "the next query runs normally");

            // From another thread, as a cancel button does.
            Thread canceller =
                    new Thread(
                            () -> {
                                try {
                                    Thread.sleep(300);
                                } catch (InterruptedException ie) {
                                    return;
                                }
                                p.interrupt();
                            });
            canceller.start();
            assertThrows(ProjectException.class, () -> p.read(c -> count(c, ENDLESS)));
            canceller.join();
            assertEquals(1, p.info().prompts());
        }
    }

    private static long count(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void infoOnAnOlderFileReportsTheFilesOwnVersion() throws Exception {
        Path v5 = dir.resolve("v5.heirloom");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + v5);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            for (Migration m : Schema.migrations()) {
                if (m.version() <= 5) {
                    for (String sql : m.statements()) {
                        st.execute(sql);
                    }
                }
            }
            st.execute("PRAGMA user_version = 5");
        }
        try (Project p = Project.open(v5, Project.Mode.READ_ONLY)) {
            assertEquals(5, p.info().schemaVersion());
        }
    }

    // ---- WAL-aware header check (finding 3) --------------------------------------------------

    /**
     * The state a kill during a checkpoint leaves: the WAL is intact, and the main file has its new
     * page 1 (whose header already gives the grown page count) but not yet the pages after the old
     * end. SQLite completes it from the WAL; the header check must not call it truncated.
     */
    @Test
    void aKillDuringACheckpointDoesNotMakeAHealthyProjectUnopenable() throws Exception {
        Path f = project("wal");
        Path snapshot = dir.resolve("snapshot");
        Files.createDirectories(snapshot);
        Path main0 = snapshot.resolve("before");
        Path wal = snapshot.resolve("wal");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA wal_autocheckpoint = 0");
            Files.copy(f, main0);
            st.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
                            + " INSERT INTO prompt_set(name, source, created_at) SELECT 'grow-' || i,"
                            + " hex(randomblob(2000)), 'x' FROM n");
            Files.copy(Path.of(f + "-wal"), wal);
            st.execute("PRAGMA wal_checkpoint(FULL)");
        }
        byte[] before = Files.readAllBytes(main0);
        byte[] after = Files.readAllBytes(f);
        assertTrue(after.length > before.length + 4096, "the checkpoint grew the file");
        // Killed mid-checkpoint: new page 1, the rest still as before, the WAL beside it.
        byte[] partial = Arrays.copyOf(before, before.length);
        System.arraycopy(after, 0, partial, 0, 4096);
        Path crashed = dir.resolve("crashed.heirloom");
        Files.write(crashed, partial);
        Files.copy(wal, Path.of(crashed + "-wal"));

        try (Project p = Project.open(crashed, Project.Mode.READ_ONLY)) {
            assertEquals(401, p.info().promptSets(), "every committed set is read through the WAL");
        }
        try (Project p = Project.open(crashed)) {
            assertEquals(401, p.info().promptSets());
        }
        try (Project p = Project.open(crashed)) {
            assertEquals(401, p.info().promptSets(), "and it stays healthy once checkpointed");
        }
        assertFalse(Files.exists(Path.of(crashed + "-wal")));

        // Without the WAL the same bytes are really damaged, and still called truncated.
        Path lost = dir.resolve("lost.heirloom");
        Files.write(lost, partial);
        refused(lost, "truncated");
    }

    @Test
    void readersDoNotSeeAFalseTruncationWhileAnotherProcessWrites() throws Exception {
        Path f = project("busy");
        try (Project writer = Project.open(f)) {
            PromptSetRepository sets = new PromptSetRepository(writer);
            for (int i = 0; i < 30; i++) {
                sets.create("s" + i, "x", List.of(PromptInput.of("p".repeat(3000) + i)));
                // A reader opens between the writer's commits and checkpoints.
                try (Project reader = Project.open(f, Project.Mode.READ_ONLY)) {
                    assertEquals(i + 2, reader.info().promptSets());
                }
                writer.read(
                        c -> {
                            try (Statement st = c.createStatement()) {
                                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
                            }
                            return null;
                        });
            }
        }
    }

    @Test
    void aTriggerAddedWhileAProjectIsOpenNeverReachesAnExport() throws Exception {
        Path f = project("open-export");
        Path out = dir.resolve("exported").resolve("out.heirloom");
        Files.createDirectories(out.getParent());
        try (Project p = Project.open(f)) {
            tamper(f, "CREATE TRIGGER late AFTER INSERT ON prompt BEGIN DELETE FROM prompt; END");
            ProjectException e =
                    assertThrows(ProjectException.class, () -> p.exportForSharing(out, true));
            assertTrue(e.getMessage().startsWith(f + ": contains trigger 'late'"), e.getMessage());
            assertTrue(e.getMessage().endsWith("nothing was exported"), e.getMessage());
        }
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(), files.toList(), "nothing at OUT, no temporary file left");
        }
    }

    // ---- writers wait (finding 5) -------------------------------------------------------------

    @Test
    void aSecondWriterWaitsForTheFirstInsteadOfFailing() throws Exception {
        Path f = project("writers");
        try (Project first = Project.open(f);
                Project second = Project.open(f)) {
            java.util.concurrent.CountDownLatch holding =
                    new java.util.concurrent.CountDownLatch(1);
            Thread longWrite =
                    new Thread(
                            () ->
                                    first.write(
                                            c -> {
                                                Sql.update(
                                                        c,
                                                        "INSERT INTO recipe(name, yaml, created_at,"
                                                                + " updated_at) VALUES ('r1', 'x',"
                                                                + " 'x', 'x')");
                                                holding.countDown();
                                                try {
                                                    Thread.sleep(2500);
                                                } catch (InterruptedException e) {
                                                    Thread.currentThread().interrupt();
                                                }
                                                return null;
                                            }));
            longWrite.start();
            holding.await();
            long t0 = System.nanoTime();
            // Reads, then writes: in a deferred transaction the read's snapshot goes stale when
            // the first writer commits, and SQLite fails at once instead of waiting.
            second.write(
                    c -> {
                        long n = count(c, "SELECT count(*) FROM recipe");
                        Sql.update(
                                c,
                                "INSERT INTO project_meta(key, value) VALUES ('name', ?) ON"
                                        + " CONFLICT(key) DO UPDATE SET value = excluded.value",
                                "renamed while the other wrote");
                        return n;
                    });
            double waited = (System.nanoTime() - t0) / 1e9;
            longWrite.join();
            assertTrue(waited > 1.5, "the second writer waited for the first: " + waited);
            assertEquals("renamed while the other wrote", first.name());
            assertEquals(1, first.info().recipes());
        }
    }

    // ---- atomic export (finding 4) ------------------------------------------------------------

    @Test
    void exportIsAtomicAndStripsKeysFromUrls() throws Exception {
        Path f = project("export");
        try (Project p = Project.open(f)) {
            new ModelRepository(p)
                    .register(
                            "gpt",
                            "endpoint",
                            "openai:http://user:sk-SECRET@host:8000/v1#gpt",
                            null,
                            null,
                            null);
            assertEquals(
                    "openai:http://host:8000/v1#gpt",
                    new ModelRepository(p).find("gpt").orElseThrow().location(),
                    "the key never reaches the project");
        }
        // An older file that stored a key anyway: the export leaves it out.
        tamper(
                f,
                "INSERT INTO model(name, kind, location, created_at) VALUES ('old', 'endpoint',"
                        + " 'openai:https://me:sk-OLD@api.example/v1#m', 'x')");
        Path out = dir.resolve("shared").resolve("out.heirloom");
        Files.createDirectories(out.getParent());
        // What a killed export leaves behind: its temporary file, never OUT itself.
        Path leftover = out.resolveSibling(".out.heirloom.123.partial");
        Files.write(leftover, new byte[8192]);
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            p.exportForSharing(out, true);
        }
        try (Project e = Project.open(out, Project.Mode.READ_ONLY)) {
            assertEquals(
                    List.of("openai:http://host:8000/v1#gpt", "openai:https://api.example/v1#m"),
                    new ModelRepository(e)
                            .list().stream().map(ModelRecord::location).sorted().toList());
        }
        assertFalse(new String(Files.readAllBytes(out), "ISO-8859-1").contains("sk-OLD"));
        try (var files = Files.list(out.getParent())) {
            assertEquals(
                    List.of(leftover.getFileName().toString(), "out.heirloom"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no WAL, journal or temporary file of this export is left");
        }
    }
}
