package org.heirloom.profile.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileItem;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicate arms: seed variance widens the interval of the difference. */
class ProfileComparisonTest {

    @TempDir Path dir;

    private static ModelRecord student(
            Project p, ProfileRepository repo, String name, double shift) {
        ModelRecord m =
                new ModelRepository(p).register(name, "trained", "/m/" + name, name, null, null);
        ProfileRecord prof = repo.open(m.id(), "text", "{}");
        List<ProfileItem> items = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            double words = 60 + (u % 7) * 5 + shift; // same prompt effects in every model
            items.add(
                    new ProfileItem(
                            "u" + u, 0, "t", words, "{\"metrics\":{\"words\":" + words + "}}"));
        }
        repo.addItems(prof.id(), items);
        repo.complete(prof.id(), "{}");
        return m;
    }

    @Test
    void replicateArmsCountSeedVariance() {
        try (Project p = Project.create(dir.resolve("c.heirloom"), "c")) {
            ProfileRepository repo = new ProfileRepository(p);
            // Baseline replicates differ by seed (±6 words); steered ones sit +4 above on average.
            List<ModelRecord> base =
                    List.of(
                            student(p, repo, "b0", -6),
                            student(p, repo, "b1", 0),
                            student(p, repo, "b2", 6));
            List<ModelRecord> steer =
                    List.of(
                            student(p, repo, "s0", -2),
                            student(p, repo, "s1", 4),
                            student(p, repo, "s2", 10));
            ProfileComparison.Report arms =
                    ProfileComparison.compareArms(
                            p,
                            List.of(
                                    new ProfileComparison.Arm("baseline", base),
                                    new ProfileComparison.Arm("steered", steer)),
                            "text");
            ProfileComparison.Versus v = arms.attributes().get(0).versusBaseline().get("steered");
            assertEquals(4.0, v.difference().value(), 1e-9);
            assertEquals(40, v.units());
            double[] reps = arms.attributes().get(0).replicateMeans().get("baseline");
            // Per replicate: the mean of 60 + 5·(u mod 7) over 40 units, shifted −6, 0, +6.
            double unitMean = 0;
            for (int u = 0; u < 40; u++) {
                unitMean += 60 + (u % 7) * 5;
            }
            unitMean /= 40;
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    new double[] {unitMean - 6, unitMean, unitMean + 6}, reps, 1e-9);
            // Single replicates (b1 vs s1) differ by exactly +4 on every unit: a zero-width CI.
            ProfileComparison.Report single =
                    ProfileComparison.compare(p, List.of(base.get(1), steer.get(1)), "text");
            ProfileComparison.Versus one = single.attributes().get(0).versusBaseline().get("s1");
            assertEquals(4.0, one.difference().low(), 1e-9);
            assertEquals(4.0, one.difference().high(), 1e-9);
            assertTrue(
                    v.difference().high() - v.difference().low() > 5,
                    "replicate spread widens the interval: " + v.difference());
            // The p-value respects the same design as the interval: its CI contains 0, so p is at
            // least 0.05 and nothing is flagged. A sign-flip test over prompt means of
            // replicate-averaged values (the old test) sees +4 on every prompt and says p < 0.001.
            assertTrue(v.difference().low() < 0, v.difference().toString());
            assertTrue(v.pValue() >= 0.05, "p = " + v.pValue());
            assertTrue(v.pHolm() >= v.pValue());
            assertEquals(false, v.significant());
            assertEquals("hierarchical bootstrap (replicates, then units; paired)", v.test());
            double[] colA = new double[40];
            double[] colB = new double[40];
            java.util.Arrays.fill(colB, 4.0);
            assertTrue(
                    org.heirloom.stats.PairedPermutationTest.pValue(colA, colB, 10_000, 7) < 1e-3);
            // Single replicates, +4 on every unit: every resampled difference is 4, p = 2/2001.
            assertEquals(2.0 / 2001, one.pValue(), 1e-12);
            assertEquals(2.0 / 2001, one.pHolm(), 1e-12); // a family of one
            assertTrue(one.significant());
            assertEquals("paired bootstrap over units", one.test());
        }
    }
}
