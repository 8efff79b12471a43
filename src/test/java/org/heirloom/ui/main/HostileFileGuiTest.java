package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.settings.UserSettings;
import org.heirloom.share.HostileCorpus;
import org.heirloom.support.TestFiles;
import org.heirloom.ui.common.ErrorReport;
import org.heirloom.ui.model.ModelPageViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-file corpus through the workbench (issue 11): a received file carrying SQL is refused
 * on open and on import with one line naming it, the open project stays open and every file stays
 * byte-identical; a file whose model names are paths is shown as data, and looking at it writes
 * nothing anywhere.
 */
class HostileFileGuiTest {

    @TempDir Path dir;

    private static void assertOneLineNaming(ErrorReport e, Path file, String what) {
        assertNotNull(e, what + ": an error is shown");
        assertFalse(e.message().contains("\n"), what + ": one line: " + e.message());
        assertFalse(e.message().contains("Exception"), what + ": " + e.message());
        assertTrue(
                e.message().contains(file.toString()), what + ": names the file: " + e.message());
    }

    @Test
    void filesCarryingSqlAreRefusedOnOpenAndImport() throws Exception {
        Path mine;
        try (Project p = Project.create(dir.resolve("mine.heirloom"), "mine")) {
            mine = p.file();
        }
        Map<String, Path> corpus = HostileCorpus.refused(dir);
        try (MainViewModel vm =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults())) {
            vm.openProject(mine);
            Project open = vm.project().get();
            for (Map.Entry<String, Path> e : corpus.entrySet()) {
                String what = e.getKey();
                Path f = e.getValue();
                String before = TestFiles.sha256(f);
                String mineBefore = TestFiles.sha256(mine);

                vm.clearError();
                vm.openProject(f);
                assertOneLineNaming(vm.error().get(), f, what + " open");
                assertEquals("Cannot open project", vm.error().get().title(), what);
                assertSame(open, vm.project().get(), what + ": the open project stays open");

                vm.clearError();
                vm.offerImport(f);
                assertOneLineNaming(vm.error().get(), f, what + " import");
                assertEquals(null, vm.importOffer().get(), what + ": nothing offered");

                assertEquals(
                        before, TestFiles.sha256(f), what + ": the received file is untouched");
                assertEquals(
                        mineBefore, TestFiles.sha256(mine), what + ": my project is untouched");
                assertFalse(Files.exists(Path.of(f + ".models")), what + ": nothing unpacked");
            }
        }
    }

    @Test
    void modelsNamedLikePathsAreShownAsData() throws Exception {
        Path f = HostileCorpus.received(dir, "names");
        HostileCorpus.tamper(
                f,
                "INSERT INTO model(id, name, kind, created_at) VALUES (100, '../../escape', 'trained',"
                        + " 'x')",
                "INSERT INTO model_file(model_id, path, data) VALUES (100, '../../.bashrc',"
                        + " X'6563686f')",
                "INSERT INTO model(id, name, kind, location, created_at) VALUES (101, '/abs',"
                        + " 'local', '/etc', 'x')");
        List<Path> before;
        try (Stream<Path> s = Files.walk(dir)) {
            before = s.sorted().toList();
        }
        try (MainViewModel vm =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults())) {
            vm.openProject(f);
            assertEquals(null, vm.error().get(), "opens");
            List<String> models =
                    vm.explorer().stream()
                            .filter(g -> g.kind() == CatalogEntry.Kind.MODEL)
                            .flatMap(g -> g.entries().stream())
                            .map(CatalogEntry::name)
                            .toList();
            assertTrue(models.contains("../../escape"), models.toString());
            assertTrue(models.contains("/abs"), models.toString());
            for (long id : new long[] {100, 101}) {
                ModelPageViewModel page =
                        new ModelPageViewModel(
                                new SynchronousJobExecutor(), vm.project().get(), id, "m" + id);
                assertTrue(page.loaded().get(), "page " + id + ": " + page.status().get());
            }
            ModelPageViewModel escape =
                    new ModelPageViewModel(
                            new SynchronousJobExecutor(), vm.project().get(), 100, "escape");
            assertEquals(
                    List.of("../../.bashrc"),
                    escape.files().stream().map(x -> x.path()).toList(),
                    "the stored name is listed as text");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> after =
                    s.sorted()
                            .filter(p -> !p.getFileName().toString().endsWith("-wal"))
                            .filter(p -> !p.getFileName().toString().endsWith("-shm"))
                            .toList();
            assertEquals(before, after, "looking at the file wrote nothing");
        }
    }
}
