package org.heirloom.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void lmsSsAndIcatByHand() throws Exception {
        Path f = dir.resolve("dev.json");
        Files.writeString(f, JSON);
        List<StereoSet.Example> ex = StereoSet.read(f);
        assertEquals(3, ex.size());
        Map<String, Double> sentence =
                Map.of("s1", -1.0, "a1", -2.0, "u1", -3.0, "s2", -2.0, "a2", -1.0, "u2", -1.5);
        ChoiceScorer scorer =
                new ChoiceScorer() {
                    @Override
                    public double[] meanLogProbs(String context, List<String> continuations) {
                        assertEquals(List.of(" s3", " a3", " u3"), continuations);
                        return new double[] {-1, -2, -0.5}; // stereotype wins; unrelated beats both
                    }

                    @Override
                    public double meanLogProb(String s) {
                        return sentence.get(s);
                    }
                };
        List<StereoSet.Outcome> outcomes =
                ex.stream().map(e -> StereoSet.score(e, scorer)).toList();
        Map<String, StereoSet.Scores> r = StereoSet.summarise(outcomes);
        // meaningful wins: i1 2/2, i2 1/2 (a2 > u2, s2 < u2), e1 0/2 → 3/6 = 50; SS: i1, e1 → 2/3
        StereoSet.Scores all = r.get("all");
        assertEquals(50.0, all.lms(), 1e-9);
        assertEquals(200.0 / 3, all.ss(), 1e-9);
        assertEquals(50.0 * (100 - 200.0 / 3) / 50, all.icat(), 1e-9);
        assertEquals(100.0, r.get("gender").ss(), 1e-9);
        assertEquals(50.0, r.get("gender").lms(), 1e-9);
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
