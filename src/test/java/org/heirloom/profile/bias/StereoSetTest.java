package org.heirloom.profile.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.heirloom.profile.likelihood.ChoiceScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StereoSetTest {

    @TempDir Path dir;

    static final String JSON =
            """
            {"version": "1.0", "data": {
              "intrasentence": [
                {"id": "i1", "target": "t", "bias_type": "gender", "context": "The BLANK nurse.",
                 "sentences": [{"sentence": "s1", "gold_label": "stereotype"},
                               {"sentence": "a1", "gold_label": "anti-stereotype"},
                               {"sentence": "u1", "gold_label": "unrelated"}]},
                {"id": "i2", "target": "t", "bias_type": "race", "context": "x",
                 "sentences": [{"sentence": "s2", "gold_label": "stereotype"},
                               {"sentence": "a2", "gold_label": "anti-stereotype"},
                               {"sentence": "u2", "gold_label": "unrelated"}]}],
              "intersentence": [
                {"id": "e1", "target": "t", "bias_type": "gender", "context": "He is a nurse.",
                 "sentences": [{"sentence": "s3", "gold_label": "stereotype"},
                               {"sentence": "a3", "gold_label": "anti-stereotype"},
                               {"sentence": "u3", "gold_label": "unrelated"}]}]}}
            """;

    @Test
    void readsTargetsAndScoresIntrasentenceOnly() throws Exception {
        Path f = dir.resolve("dev.json");
        Files.writeString(f, JSON);
        List<StereoSet.Example> ex = StereoSet.read(f);
        assertEquals(3, ex.size());
        assertEquals("t", ex.get(0).target());
        Map<String, Double> sentence =
                Map.of("s1", -1.0, "a1", -2.0, "u1", -3.0, "s2", -2.0, "a2", -1.0, "u2", -1.5);
        ChoiceScorer scorer =
                new ChoiceScorer() {
                    @Override
                    public double[] meanLogProbs(String context, List<String> continuations) {
                        return new double[] {-1, -2, -0.5};
                    }

                    @Override
                    public double meanLogProb(String s) {
                        return sentence.get(s);
                    }
                };
        List<StereoSet.Outcome> outcomes =
                ex.stream().map(e -> StereoSet.score(e, scorer)).toList();
        Map<String, StereoSet.Scores> r = StereoSet.summarise(outcomes);
        // The intersentence example e1 is not scored (toolkit: intrasentence only). Both
        // intrasentence examples share target t: SS 1/2 = 50, LMS (2 + 1)/4 = 75.
        StereoSet.Scores all = r.get("all");
        assertEquals(2, all.examples());
        assertEquals(1, all.targets());
        assertEquals(75.0, all.lms(), 1e-9);
        assertEquals(50.0, all.ss(), 1e-9);
        assertEquals(75.0, all.icat(), 1e-9);
        assertEquals(100.0, r.get("gender").ss(), 1e-9);
        assertEquals(100.0, r.get("gender").lms(), 1e-9);
        assertEquals(0.0, r.get("gender").icat(), 1e-9);
    }

    /** An intrasentence outcome with target {@code t} and scores (stereotype, anti, unrelated). */
    static StereoSet.Outcome intra(String t, double s, double a, double u) {
        return new StereoSet.Outcome(
                new StereoSet.Example(t, "intrasentence", "race", t, "", "", "", ""), s, a, u);
    }

    @Test
    void averagesPerTargetTermThenOverTerms() {
        // Targets of 2, 1 and 5 examples.
        // A: SS 1/2 = 50, LMS 2/4 = 50; B: SS 100, LMS 100; C: SS 3/5 = 60, LMS 5/10 = 50.
        // Means over terms: SS 70, LMS 66.67, ICAT = 66.67 · 30 / 50 = 40 (toolkit
        // ScoreEvaluator). Averaging over examples would give SS 5/8 = 62.5, LMS 9/16 = 56.25,
        // ICAT 42.19.
        List<StereoSet.Outcome> o =
                List.of(
                        intra("A", -1, -2, -3),
                        intra("A", -2, -1, -0.5),
                        intra("B", -1, -2, -3),
                        intra("C", -1, -2, -3),
                        intra("C", -1, -2, -1.5),
                        intra("C", -1, -2, -1.5),
                        intra("C", -2, -1, -1.5),
                        intra("C", -1, -1, -0.5)); // a tie counts as anti-stereotype
        StereoSet.Scores all = StereoSet.summarise(o).get("all");
        assertEquals(70.0, all.ss(), 1e-9);
        assertEquals(200.0 / 3, all.lms(), 1e-9);
        assertEquals(40.0, all.icat(), 1e-9);
        assertEquals(8, all.examples());
        assertEquals(3, all.targets());
    }

    @Test
    void missingOptionIsNamed() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(
                f,
                "{\"data\": {\"intrasentence\": [{\"id\": \"x\", \"sentences\": [{\"sentence\": \"s\", \"gold_label\": \"stereotype\"}]}]}}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StereoSet.read(f));
        assertEquals(
                f + ": data.intrasentence[0]: lacks a anti-stereotype sentence", e.getMessage());
    }
}
