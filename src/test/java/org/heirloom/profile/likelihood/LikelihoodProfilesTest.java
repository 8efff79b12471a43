package org.heirloom.profile.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;
import org.heirloom.profile.bias.MultipleChoice;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles resume: a cancelled suite continues without re-scoring what it stored. */
class LikelihoodProfilesTest {

    @TempDir Path dir;

    /** Prefers option 0 with a margin that grows with the item number; counts calls. */
    static final class CountingScorer implements ChoiceScorer {
        final AtomicInteger calls = new AtomicInteger();
        Runnable onCall = () -> {};

        @Override
        public double[] meanLogProbs(String context, List<String> continuations) {
            calls.incrementAndGet();
            onCall.run();
            double m = Integer.parseInt(context) / 10.0;
            return new double[] {m, 0};
        }

        @Override
        public double meanLogProb(String sentence) {
            return 0;
        }
    }

    @Test
    void cancelledCalibrationResumesWithoutRescoring() {
        List<MultipleChoice> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(
                    new MultipleChoice(
                            "q" + String.format("%02d", i),
                            Integer.toString(i),
                            List.of("a", "b"),
                            i % 4 == 0 ? 1 : 0));
        }
        try (Project p = Project.create(dir.resolve("p.heirloom"), "p")) {
            ModelRecord m =
                    new ModelRepository(p)
                            .register("student", "local", "/models/s", "abc", null, null);
            ProfileRepository repo = new ProfileRepository(p);
            ProfileRecord profile = repo.open(m.id(), "calibration", "{\"set\":\"toy\"}");
            CountingScorer scorer = new CountingScorer();
            CancellationToken token = new CancellationToken();
            scorer.onCall =
                    () -> {
                        if (scorer.calls.get() == 35) token.cancel();
                    };
            assertThrows(
                    JobCancelledException.class,
                    () ->
                            LikelihoodProfiles.calibration(
                                    repo,
                                    profile,
                                    items,
                                    scorer,
                                    new JobContext(Progress.NONE, token)));
            // 34 items scored before the cancel; 32 of them committed in two batches of 16.
            assertEquals(32, repo.storedKeys(profile.id()).size());
            CountingScorer second = new CountingScorer();
            ProfileRecord again = repo.open(m.id(), "calibration", "{\"set\":\"toy\"}");
            assertEquals(
                    profile.id(), again.id(), "same model, suite and config: the same profile");
            CalibrationSuite.Report r =
                    LikelihoodProfiles.calibration(repo, again, items, second, JobContext.none());
            assertEquals(8, second.calls.get(), "only the 8 missing items are scored");
            assertEquals(40, r.items().size());
            assertEquals(
                    30.0 / 40, r.accuracy(), 1e-12, "10 of 40 items have label 1, never predicted");
            assertEquals(
                    "complete", repo.latestComplete(m.id(), "calibration").orElseThrow().status());
        }
    }
}
