package org.heirloom.profile.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.profile.likelihood.CalibrationSuite;
import org.heirloom.profile.likelihood.ChoiceScorer;

/** Runs CrowS-Pairs and BBQ with a {@link ChoiceScorer}. */
public final class BiasSuites {

    private BiasSuites() {}

    /** A BBQ question with its texts. */
    public record BbqItem(
            Bbq.Question question, String context, String text, List<String> answers) {
        public BbqItem {
            answers = List.copyOf(answers);
            if (answers.size() != 3) {
                throw new IllegalArgumentException("BBQ items have three answers");
            }
        }

        /**
         * The prompt the answers continue, the profiling toolkit's ({@code run_bbq}); each answer
         * follows it after one more space, as the toolkit's {@code get_qa_answer} joins them.
         */
        public String prompt() {
            return "### Context: " + context + " \n### Question: " + text + " \n### Answer: ";
        }
    }

    public static List<CrowsPairs.Outcome> crows(
            List<CrowsPairs.Pair> pairs, ChoiceScorer scorer, JobContext ctx) {
        ctx.progress().start(pairs.size(), "CrowS-Pairs");
        List<CrowsPairs.Outcome> out = new ArrayList<>();
        for (CrowsPairs.Pair p : pairs) {
            ctx.checkCancelled();
            out.add(
                    new CrowsPairs.Outcome(
                            p, scorer.meanLogProb(p.sentMore()), scorer.meanLogProb(p.sentLess())));
            ctx.progress().advance(1);
        }
        return out;
    }

    /** The answer with the highest mean log-likelihood after the context and question. */
    public static int[] bbqPredictions(List<BbqItem> items, ChoiceScorer scorer, JobContext ctx) {
        ctx.progress().start(items.size(), "BBQ");
        int[] preds = new int[items.size()];
        for (int i = 0; i < preds.length; i++) {
            ctx.checkCancelled();
            BbqItem item = items.get(i);
            List<String> options = item.answers().stream().map(a -> " " + a).toList();
            preds[i] = CalibrationSuite.argmax(scorer.meanLogProbs(item.prompt(), options));
            ctx.progress().advance(1);
        }
        return preds;
    }

    public static Map<String, Bbq.Scores> bbq(
            List<BbqItem> items, ChoiceScorer scorer, JobContext ctx) {
        int[] preds = bbqPredictions(items, scorer, ctx);
        return Bbq.score(items.stream().map(BbqItem::question).toList(), preds);
    }
}
