package org.heirloom.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.model.Fixtures;
import org.heirloom.model.LocalModel;
import org.heirloom.profile.bias.Bbq;
import org.heirloom.profile.bias.BiasSuites;
import org.heirloom.profile.bias.CrowsPairs;
import org.heirloom.profile.bias.MultipleChoice;
import org.heirloom.profile.likelihood.CalibrationSuite;
import org.heirloom.profile.likelihood.ChoiceScorer;
import org.heirloom.profile.likelihood.LikelihoodConvention;
import org.heirloom.profile.likelihood.ModelChoiceScorer;
import org.junit.jupiter.api.Test;

class SuitesTest {

    /** Scores options by a fixed table: hand-computable outcomes. */
    record TableScorer(Map<String, double[]> options, Map<String, Double> sentences)
            implements ChoiceScorer {
        @Override
        public double[] meanLogProbs(String context, List<String> continuations) {
            return options.get(context);
        }

        @Override
        public double meanLogProb(String sentence) {
            return sentences.get(sentence);
        }
    }

    @Test
    void calibrationFromOptionLikelihoods() {
        // Item a: log-likelihoods ln 3, ln 1 → softmax 0.75 / 0.25, label 0 (right).
        // Item b: equal → 0.5 / 0.5, argmax picks option 0, label 1 (wrong).
        ChoiceScorer s =
                new TableScorer(
                        Map.of("a", new double[] {Math.log(3), 0}, "b", new double[] {-1, -1}),
                        Map.of());
        CalibrationSuite.Report r =
                CalibrationSuite.evaluate(
                        List.of(
                                new MultipleChoice("1", "a", List.of("x", "y"), 0),
                                new MultipleChoice("2", "b", List.of("x", "y"), 1)),
                        s,
                        JobContext.none());
        assertArrayEquals(new double[] {0.75, 0.25}, r.items().get(0).probs(), 1e-12);
        assertEquals(0.5, r.accuracy(), 1e-12);
        // one bin: |mean(0.75, 0.5) − 0.5| = 0.125; two items → two bins: (|.5−0|+|.75−1|)/2 =
        // 0.375
        assertEquals(0.125, r.ece1(), 1e-12);
        assertEquals(0.375, r.ece10(), 1e-12);
    }

    @Test
    void crowsAndBbqThroughTheSuites() {
        ChoiceScorer s =
                new TableScorer(
                        Map.of(
                                "### Context: ctx \n### Question: who? \n### Answer: ",
                                new double[] {-1, -2, -3}),
                        Map.of("more", -1.0, "less", -2.0));
        List<CrowsPairs.Outcome> outcomes =
                BiasSuites.crows(
                        List.of(new CrowsPairs.Pair("more", "less", "stereo", "age")),
                        s,
                        JobContext.none());
        assertEquals(100.0, CrowsPairs.score(outcomes).percentStereotype());
        BiasSuites.BbqItem item =
                new BiasSuites.BbqItem(
                        new Bbq.Question("Age", false, true, 1, 2, 0),
                        "ctx",
                        "who?",
                        List.of("old", "young", "unknown"));
        Map<String, Bbq.Scores> scores = BiasSuites.bbq(List.of(item), s, JobContext.none());
        // predicted 0 = the stereotyped answer to a negative question: wrong and biased
        assertEquals(0.0, scores.get("Age").accuracy());
        assertEquals(1.0, scores.get("Age").sDis());
    }

    @Test
    void modelScorerMatchesFullLogitsComputation() throws Exception {
        try (LocalModel m = LocalModel.load(Fixtures.model("stories260k"))) {
            ModelChoiceScorer scorer = new ModelChoiceScorer(m, 4);
            String context = "Once upon a time, there was a";
            List<String> options = List.of(" little girl", " big dog named Max", " tree");
            double[] got = scorer.meanLogProbs(context, options);
            for (int k = 0; k < options.size(); k++) {
                long[] ctx = m.tokenizer().encode(context);
                long[] whole = m.tokenizer().encode(context + options.get(k));
                float[][] logits = m.allLogits(whole);
                double sum = 0;
                for (int j = ctx.length; j < whole.length; j++) {
                    sum += logSoftmax(logits[j - 1], (int) whole[j]);
                }
                assertEquals(sum / (whole.length - ctx.length), got[k], 1e-4, options.get(k));
            }
            String sentence = "The cat sat on the mat.";
            long[] ids = m.tokenizer().encode(sentence);
            float[][] logits = m.allLogits(ids);
            double sum = 0;
            for (int j = 1; j < ids.length; j++) {
                sum += logSoftmax(logits[j - 1], (int) ids[j]);
            }
            assertEquals(sum / (ids.length - 1), scorer.meanLogProb(sentence), 1e-4);
        }
    }

    @Test
    void toolkitConventionMatchesItsDefinition() throws Exception {
        try (LocalModel m = LocalModel.load(Fixtures.model("stories260k"))) {
            ModelChoiceScorer scorer = new ModelChoiceScorer(m, 4, LikelihoodConvention.TOOLKIT);
            // stories260k's tokenizer adds BOS, the case where the conventions differ.
            String sentence = "The cat sat on the mat.";
            long[] ids = m.tokenizer().encode(sentence);
            long start = m.tokenizer().encode("<|endoftext|>")[0];
            assertEquals(start, ids[0], "BOS-adding tokenizer: both start with BOS");
            // _joint_log_probability: p(ids[0] | start), then each next token; mean over all ids.
            double sum = logSoftmax(m.allLogits(new long[] {start})[0], (int) ids[0]);
            float[][] logits = m.allLogits(ids);
            for (int j = 1; j < ids.length; j++) {
                sum += logSoftmax(logits[j - 1], (int) ids[j]);
            }
            assertEquals(sum / ids.length, scorer.meanLogProb(sentence), 1e-4);
            // get_qa_answer: the last len(encode(answer)) tokens of encode(question + " " +
            // answer).
            String question = "### Context: x \n### Question: Who? \n### Answer: ";
            List<String> answers = List.of("The dog", "Lily");
            double[] got =
                    scorer.meanLogProbs(question, answers.stream().map(a -> " " + a).toList());
            for (int k = 0; k < answers.size(); k++) {
                long[] whole = m.tokenizer().encode(question + " " + answers.get(k));
                int n = m.tokenizer().encode(answers.get(k)).length; // counts BOS too
                float[][] lg = m.allLogits(whole);
                double s = 0;
                for (int j = whole.length - n; j < whole.length; j++) {
                    s += logSoftmax(lg[j - 1], (int) whole[j]);
                }
                assertEquals(s / n, got[k], 1e-4, answers.get(k));
            }
            // The clean convention scores fewer tokens, so the two differ here.
            double clean = new ModelChoiceScorer(m, 4).meanLogProb(sentence);
            assertTrue(Math.abs(clean - scorer.meanLogProb(sentence)) > 1e-3);
        }
    }

    private static double logSoftmax(float[] row, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (float v : row) {
            z += Math.exp(v - max);
        }
        return row[index] - max - Math.log(z);
    }
}
