package org.heirloom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.heirloom.profile.SavedComparisons;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.sample.SampleProjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard reads each profile's items once: counted at the statement level ({@link
 * org.heirloom.project.StatementObserver}), not by the code under test. Before comparisons carried
 * their items, every compared profile was read twice (comparison, then figures).
 */
class DashboardQueryCountTest {

    @TempDir Path dir;

    /** Profile ids of the item reads {@code Dashboard.build} runs. */
    private static List<Long> itemReads(Project p) {
        List<Long> reads = new ArrayList<>();
        p.observe(
                (sql, args) -> {
                    if (sql.contains("FROM profile_item")) {
                        reads.add(((Number) args.get(0)).longValue());
                    }
                });
        try {
            Dashboard.build(p);
        } finally {
            p.observe(null);
        }
        return reads;
    }

    /**
     * The profiles whose items the dashboard needs, from the stored rows: per model and suite the
     * latest complete profile (comparisons), and every complete judge profile.
     */
    private static Set<Long> expectedProfiles(Project p) {
        Set<Long> out = new HashSet<>();
        java.util.Map<String, Long> latest = new java.util.HashMap<>();
        for (ProfileRecord r : new ProfileRepository(p).list()) {
            if (!r.status().equals("complete")) {
                continue;
            }
            if (r.suite().equals("judge")) {
                out.add(r.id());
            } else {
                latest.merge(r.modelId() + "/" + r.suite(), r.id(), Math::max);
            }
        }
        out.addAll(latest.values());
        return out;
    }

    private static void assertEachProfileReadOnce(Project p) {
        List<Long> reads = itemReads(p);
        assertFalse(reads.isEmpty(), "the observer saw the item reads");
        assertEquals(
                reads.size(),
                new HashSet<>(reads).size(),
                "a profile's items read twice: " + reads);
        assertEquals(expectedProfiles(p), new HashSet<>(reads));
    }

    @Test
    void handBuiltProjectWithTwoComparisonsSharingProfiles() {
        try (Project p = Project.create(dir.resolve("d.heirloom"), "d")) {
            DashboardFixture.build(p);
            // Two stored comparisons over the same models and suite: the second reuses the first's
            // items rather than reading them again.
            for (String name : List.of("first", "second")) {
                SavedComparisons.save(
                        p,
                        new SavedComparisons.Saved(
                                name,
                                List.of("text"),
                                List.of(
                                        new SavedComparisons.Arm("random", List.of("random")),
                                        new SavedComparisons.Arm("steered", List.of("steered")))));
            }
            assertTrue(new ModelRepository(p).find("steered").isPresent());
            assertEachProfileReadOnce(p);
        }
    }

    @Test
    void bundledSample() throws Exception {
        // A copy: opening migrates, and the checked-in file must stay as committed.
        Path copy = dir.resolve("sample.heirloom");
        Files.copy(SampleProjects.bundled(), copy);
        try (Project p = Project.open(copy)) {
            assertEachProfileReadOnce(p);
        }
    }
}
