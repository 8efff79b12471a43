package org.heirloom.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.SynchronousJobExecutor;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.settings.UserSettings;
import org.heirloom.ui.explorer.ExplorerGroup;
import org.heirloom.ui.prompts.PromptSetViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's logic, without a window (synchronous jobs). */
class MainViewModelTest {

    @TempDir Path dir;

    private Path project(String name, int prompts) {
        Path f = dir.resolve(name + ".heirloom");
        try (Project p = Project.create(f, name)) {
            List<PromptInput> list = new java.util.ArrayList<>();
            for (int i = 0; i < prompts; i++) {
                list.add(PromptInput.of("prompt " + i));
            }
            new PromptSetRepository(p).create("set", "test", list);
        }
        return f;
    }

    @Test
    void openingAProjectFillsExplorerTitleAndRecents() {
        Path f = project("alpha", 7);
        try (MainViewModel vm =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults())) {
            vm.openProject(f);
            assertEquals("alpha — Heirloom", vm.title().get());
            assertEquals(5, vm.explorer().size());
            // No profiles yet: the generations group is there, empty.
            assertEquals("Generations (0)", vm.explorer().get(4).label());
            ExplorerGroup prompts = vm.explorer().get(0);
            assertEquals(CatalogEntry.Kind.PROMPT_SET, prompts.kind());
            assertEquals("Prompt sets (1)", prompts.label());
            assertEquals("7 prompts", prompts.entries().get(0).detail());
            assertEquals(List.of(f.toAbsolutePath().normalize().toString()), vm.recentProjects());
        }
    }

    @Test
    void aBadFileGivesAnErrorAndKeepsTheOpenProject() throws Exception {
        Path good = project("good", 1);
        Path bad = dir.resolve("bad.heirloom");
        Files.writeString(bad, "not sqlite");
        try (MainViewModel vm =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults())) {
            vm.openProject(good);
            Project open = vm.project().get();
            vm.openProject(bad);
            assertNotNull(vm.error().get());
            assertEquals("Cannot open project", vm.error().get().title());
            assertEquals(
                    bad + ": not a Heirloom project (not an SQLite database file)",
                    vm.error().get().message());
            assertSame(open, vm.project().get(), "the project that was open stays open");
            assertTrue(vm.status().get().startsWith("Cannot open project"));
        }
    }

    @Test
    void readOnlyOpenIsMarked() {
        Path f = project("ro", 1);
        try (MainViewModel vm =
                new MainViewModel(new SynchronousJobExecutor(), UserSettings.defaults())) {
            vm.openProject(f, Project.Mode.READ_ONLY);
            assertTrue(vm.readOnly().get());
            assertEquals("ro [read-only] — Heirloom", vm.title().get());
        }
    }

    @Test
    void promptSetViewModelFilters() {
        Path f = project("filter", 12);
        try (Project p = Project.open(f)) {
            long id = new PromptSetRepository(p).list().get(0).id();
            PromptSetViewModel vm =
                    new PromptSetViewModel(new SynchronousJobExecutor(), p, id, "set");
            assertEquals(12, vm.prompts().size());
            assertEquals("12 prompts", vm.summary().get());
            vm.filter().set("PROMPT 1");
            // "prompt 1", "prompt 10", "prompt 11"
            assertEquals(3, vm.prompts().size());
            assertEquals("3 of 12 prompts", vm.summary().get());
        }
    }

    @Test
    void recentProjectsAreCappedMostRecentFirst() {
        UserSettings s = UserSettings.defaults();
        for (int i = 0; i < 15; i++) {
            s = s.withRecent(dir.resolve("p" + i + ".heirloom"));
        }
        s = s.withRecent(dir.resolve("p3.heirloom"));
        assertEquals(10, s.recentProjects().size());
        assertTrue(s.recentProjects().get(0).endsWith("p3.heirloom"));
        assertTrue(s.recentProjects().get(1).endsWith("p14.heirloom"));
    }
}
