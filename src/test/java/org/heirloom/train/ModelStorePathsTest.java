package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Stream;
import org.heirloom.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from a project file never become paths: model names and carried file names are project
 * content, possibly from someone else's file, so unpacking a model writes only inside its folder.
 */
class ModelStorePathsTest {

    @TempDir Path dir;

    private static final List<String> HOSTILE_NAMES =
            List.of(
                    "/abs/dir",
                    "../..",
                    "..",
                    ".",
                    "a/../../b",
                    "..\\..\\windows",
                    "nul\0byte",
                    ".bashrc",
                    "",
                    "x".repeat(5000),
                    "C:\\evil",
                    "line\nbreak");

    /** Inserts a model with carried files, as a received project file can hold. */
    private static long carriedModel(Project p, String name, String... fileNames) {
        return p.write(
                c -> {
                    long id;
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO model(name, kind, created_at) VALUES (?,"
                                            + " 'trained', 'x')",
                                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, name);
                        ps.executeUpdate();
                        var k = ps.getGeneratedKeys();
                        k.next();
                        id = k.getLong(1);
                    }
                    for (String f : fileNames) {
                        try (PreparedStatement ps =
                                c.prepareStatement(
                                        "INSERT INTO model_file(model_id, path, data) VALUES (?,"
                                                + " ?, ?)")) {
                            ps.setLong(1, id);
                            ps.setString(2, f);
                            ps.setBytes(3, ("content of " + f).getBytes(StandardCharsets.UTF_8));
                            ps.executeUpdate();
                        }
                    }
                    return id;
                });
    }

    @Test
    void hostileModelNamesUnpackInsideTheModelsFolder() throws Exception {
        Path f = dir.resolve("work").resolve("p.heirloom");
        Files.createDirectories(f.getParent());
        try (Project p = Project.create(f, "p")) {
            ModelStore store = new ModelStore(p);
            Path root = store.modelsDir().normalize();
            java.util.Set<Path> folders = new java.util.HashSet<>();
            for (String name : HOSTILE_NAMES) {
                carriedModel(p, name, "config.json", "model.safetensors");
                ModelStore.StoredModel m = store.resolveBase(name);
                Path folder = m.location();
                assertEquals(root, folder.getParent(), "'" + name + "' → " + folder);
                assertTrue(folders.add(folder), "two names never share a folder: " + folder);
                assertTrue(folder.getFileName().toString().length() <= 100);
                assertFalse(folder.getFileName().toString().startsWith("."));
                assertArrayEquals(
                        "content of config.json".getBytes(StandardCharsets.UTF_8),
                        Files.readAllBytes(folder.resolve("config.json")));
            }
            // Nothing was written anywhere but inside the models folder.
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path written : all.filter(Files::isRegularFile).toList()) {
                    assertTrue(
                            written.startsWith(root) || written.getParent().equals(f.getParent()),
                            "written outside: " + written);
                }
            }
        }
        assertFalse(Files.exists(Path.of("/abs/dir")));
    }

    @Test
    void aPlainNameKeepsItsFolder() {
        // Existing projects' trained models live at <project>.models/NAME: plain names still do.
        assertEquals("student-1.b_2", SafeNames.token("student-1.b_2"));
        assertNotEquals("../x", SafeNames.token("../x"));
        assertTrue(SafeNames.token("../x").startsWith("_x-"), SafeNames.token("../x"));
        assertNotEquals(SafeNames.token("a/b"), SafeNames.token("a_b"), "no collisions");
    }

    @Test
    void hostileCarriedFileNamesRefuseTheWholeModel() throws Exception {
        Path f = dir.resolve("q.heirloom");
        try (Project p = Project.create(f, "q")) {
            ModelStore store = new ModelStore(p);
            String[] bad = {
                "/tmp/heirloom-evil-" + ProcessHandle.current().pid(),
                "../.bashrc",
                "../../outside",
                "a/../../b",
                "sub/file",
                "nul\0byte",
                "..",
                ".",
                "",
                "y".repeat(300),
                "back\\slash"
            };
            for (int i = 0; i < bad.length; i++) {
                String model = "m" + i;
                // A good file first: a refused model must not be half-unpacked.
                carriedModel(p, model, "config.json", bad[i]);
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class, () -> store.resolveBase(model));
                assertTrue(
                        e.getMessage().startsWith("model '" + model + "': stored file name '"),
                        e.getMessage());
                assertTrue(
                        e.getMessage().endsWith("is not a plain file name; nothing was unpacked"));
                assertFalse(e.getMessage().contains("\n"), "one line");
                assertFalse(e.getMessage().contains("\0"), "printable");
                assertFalse(Files.exists(store.folderFor(model)), "nothing half-unpacked");
            }
            assertFalse(Files.exists(Path.of(bad[0])));
            assertFalse(Files.exists(dir.resolve(".bashrc")));
            assertFalse(Files.exists(dir.resolve("outside")));
        }
    }
}
