package org.heirloom.profile.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.heirloom.stats.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeSuiteTest {

    @TempDir Path dir;

    private Map<String, Estimate> run(JudgeSuite.Judge judge, List<JudgeSuite.Matchup> matchups)
            throws Exception {
        try (Project p = Project.create(dir.resolve(System.nanoTime() + ".heirloom"), "j")) {
            ModelRecord m = new ModelRepository(p).register("a", "local", "/a", "h", null, null);
            ProfileRepository repo = new ProfileRepository(p);
            ProfileRecord prof = repo.open(m.id(), "judge", "{}");
            JudgeSuite.judge(repo, prof, matchups, judge, JobContext.none());
            return JudgeSuite.rates(repo.items(prof.id()));
        }
    }

    static final List<JudgeSuite.Matchup> MATCHUPS =
            List.of(
                    new JudgeSuite.Matchup("1", "q", "a long detailed answer", "short"),
                    new JudgeSuite.Matchup("2", "q", "tiny", "a much longer answer here"),
                    new JudgeSuite.Matchup("3", "q", "a fairly long answer", "brief one"),
                    new JudgeSuite.Matchup("4", "q", "same", "same"));

    @Test
    void aPositionBiasedJudgeYieldsOnlyTies() throws Exception {
        Map<String, Estimate> r = run((prompt, first, second) -> 'A', MATCHUPS);
        assertEquals(0.0, r.get("win").value());
        assertEquals(1.0, r.get("tie").value());
        assertEquals(0.0, r.get("loss").value());
    }

    @Test
    void aConsistentJudgeDecidesInBothOrders() throws Exception {
        JudgeSuite.Judge longer =
                (prompt, first, second) ->
                        first.length() > second.length()
                                ? 'A'
                                : second.length() > first.length() ? 'B' : 'T';
        Map<String, Estimate> r = run(longer, MATCHUPS);
        // Matchups 1 and 3 won, 2 lost, 4 tied.
        assertEquals(0.5, r.get("win").value(), 1e-12);
        assertEquals(0.25, r.get("loss").value(), 1e-12);
        assertEquals(0.25, r.get("tie").value(), 1e-12);
    }

    @Test
    void verdictsParseTheFirstStandaloneLetter() {
        assertEquals('B', JudgeSuite.parseVerdict(" B. Answer B is clearer"));
        assertEquals('A', JudgeSuite.parseVerdict("Answer: a"));
        assertEquals('T', JudgeSuite.parseVerdict("Both are bad"));
        assertEquals('A', JudgeSuite.parseVerdict("(A)"));
    }
}
