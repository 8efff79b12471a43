package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.heirloom.job.JobSpec;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;
import org.heirloom.project.Schema;
import org.heirloom.settings.UserSettings;
import org.heirloom.share.ImportFixtures;
import org.heirloom.share.ImportRequest;
import org.heirloom.ui.explorer.ExplorerGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import, read-only notes, settings and error reporting of the main window, without a window. */
class SharingViewModelTest {

    @TempDir Path dir;

    private Path source() {
        try (Project b = ImportFixtures.create(dir, "b")) {
            long set = ImportFixtures.promptSet(b, "s", 2);
            RunRecord r = ImportFixtures.run(b, "r1", set, 1, 2);
            ImportFixtures.scoreSelectTrain(b, r, set);
            ImportFixtures.run(b, "r2", set, 2, 1);
            ImportFixtures.profile(b, "r1-student", 2);
        }
        return dir.resolve("b.heirloom");
    }

    private MainViewModel vm() {
        return new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults());
    }

    @Test
    void offersTheSourceContentsAndImportsTheChosenRun() {
        Path b = source();
        Path a = dir.resolve("a.heirloom");
        Project.create(a, "a").close();
        try (MainViewModel vm = vm()) {
            vm.openProject(a);
            vm.offerImport(b);
            MainViewModel.ImportOffer offer = vm.importOffer().get();
            assertEquals(List.of("r1", "r2"), offer.contents().runNames());
            assertEquals(
                    "r1 (s, 4 candidates, 1 selections, 1 trainings)",
                    offer.contents().runs().get(0).describe());
            assertEquals(1, offer.contents().profiles().size());

            vm.importFrom(b, ImportRequest.of(List.of("r2"), List.of()));
            assertNull(vm.importOffer().get(), "the offer is consumed");
            assertNull(vm.error().get());
            assertTrue(vm.status().get().startsWith("Added: "), vm.status().get());
            ExplorerGroup runs =
                    vm.explorer().stream()
                            .filter(g -> g.kind() == CatalogEntry.Kind.RUN)
                            .findFirst()
                            .orElseThrow();
            assertEquals(List.of("r2"), runs.entries().stream().map(CatalogEntry::name).toList());
            assertEquals(2, vm.info().get().candidates());
        }
    }

    @Test
    void aReadOnlyProjectRefusesImportsAndSaysWhy() {
        Path b = source();
        Path a = dir.resolve("a.heirloom");
        Project.create(a, "a").close();
        try (MainViewModel vm = vm()) {
            vm.openProject(a, Project.Mode.READ_ONLY);
            assertEquals(
                    "Read-only: browse, compare and export; importing and other changes are disabled."
                            + " Open it normally to work on it.",
                    vm.readOnlyNote().get());
            vm.offerImport(b);
            assertEquals("Cannot import", vm.error().get().title());
            assertEquals(
                    "the open project is read-only; open it normally to import into it",
                    vm.error().get().message());
            assertNull(vm.importOffer().get());
        }
    }

    @Test
    void aNewerSchemaOpensReadOnlyWithAnExplanation() throws Exception {
        Path f = dir.resolve("future.heirloom");
        Project.create(f, "future").close();
        int newer = Schema.latestVersion() + 2;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + newer);
        }
        try (MainViewModel vm = vm()) {
            vm.openProject(f);
            assertEquals("Cannot open project", vm.error().get().title());
            assertTrue(
                    vm.error().get().message().endsWith("open it read-only, or update Heirloom"));
            vm.clearError();
            vm.openProject(f, Project.Mode.READ_ONLY);
            assertNull(vm.error().get());
            assertTrue(vm.readOnly().get());
            assertEquals(
                    "Read-only: made by a newer Heirloom (schema "
                            + newer
                            + ", this one knows "
                            + Schema.latestVersion()
                            + "). What this version knows is shown; what the newer one added is"
                            + " not, and nothing can be changed. Update Heirloom to work on it.",
                    vm.readOnlyNote().get());
        }
    }

    @Test
    void settingsAreSavedAsTheyChange() {
        Path file = dir.resolve("settings.json");
        Path a = dir.resolve("a.heirloom");
        Project.create(a, "a").close();
        try (MainViewModel vm =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults(), file)) {
            vm.setTheme("dark");
            assertEquals("dark", UserSettings.load(file).theme());
            vm.openProject(a);
            assertEquals(
                    List.of(a.toAbsolutePath().normalize().toString()),
                    UserSettings.load(file).recentProjects());
            vm.rememberWindow(new UserSettings.WindowLayout(10, 20, 900, 600, 0.3));
            vm.saveSettings();
            assertEquals(
                    new UserSettings.WindowLayout(10, 20, 900, 600, 0.3),
                    UserSettings.load(file).window());
            assertThrows(IllegalArgumentException.class, () -> vm.setTheme("purple"));
            assertEquals("dark", UserSettings.load(file).theme());
        }
        try (MainViewModel again =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.load(file), file)) {
            assertEquals("dark", again.theme().get());
            assertEquals(1, again.recentProjects().size());
        }
    }

    @Test
    void aFailingViewJobReachesTheErrorDialogAfterItsOwnCallback() {
        try (MainViewModel vm = vm()) {
            StringBuilder local = new StringBuilder();
            vm.viewExecutor()
                    .submit(
                            JobSpec.<Void>of(
                                            "Load prompts",
                                            ctx -> {
                                                throw new IllegalStateException("disk on fire");
                                            })
                                    .onFailure(e -> local.append("local:").append(e.getMessage())));
            assertEquals("local:disk on fire", local.toString());
            assertEquals("Load prompts failed", vm.error().get().title());
            assertEquals("disk on fire", vm.error().get().message());
        }
    }
}
