package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.heirloom.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAL is entered at the first write, not on open (issue 11): a command that opens a project
 * read-write and then only reads, or fails before writing, leaves the file byte-identical (SQLite
 * otherwise rewrites the header's change counter when switching journal modes).
 */
class JournalModeTest {

    @TempDir Path dir;

    private static String mode(Project p) {
        return p.read(
                c -> {
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
    }

    @Test
    void openingReadWriteAndReadingChangesNoByte() throws Exception {
        Path f = dir.resolve("p.heirloom");
        try (Project p = Project.create(f, "p")) {
            new PromptSetRepository(p).create("set", "t", List.of(PromptInput.of("a")));
        }
        String before = TestFiles.sha256(f);
        try (Project p = Project.open(f)) {
            assertEquals("delete", mode(p), "no WAL before a write");
            assertEquals(1, new PromptSetRepository(p).list().size());
        }
        assertEquals(before, TestFiles.sha256(f), "a read-only use leaves the file as it was");
        assertFalse(Files.exists(Path.of(f + "-wal")));
    }

    @Test
    void theFirstWriteEntersWalAndCloseLeavesIt() throws Exception {
        Path f = dir.resolve("p.heirloom");
        try (Project p = Project.create(f, "p")) {
            assertEquals("wal", mode(p), "creating wrote");
        }
        String before = TestFiles.sha256(f);
        try (Project p = Project.open(f)) {
            new PromptSetRepository(p).create("set", "t", List.of(PromptInput.of("a")));
            assertEquals("wal", mode(p));
            assertTrue(Files.exists(Path.of(f + "-wal")), "writes go through the WAL");
        }
        assertNotEquals(before, TestFiles.sha256(f));
        assertFalse(Files.exists(Path.of(f + "-wal")), "at rest the file alone is the project");
        try (Project p = Project.open(f, Project.Mode.READ_ONLY)) {
            assertEquals(1, new PromptSetRepository(p).list().size());
        }
    }
}
