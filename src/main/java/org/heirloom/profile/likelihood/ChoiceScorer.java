package org.heirloom.profile.likelihood;

import java.util.List;

/**
 * Scores continuations by a model's mean token log-probability (the log of the geometric-mean token
 * probability), the length-fair likelihood used by the calibration and bias suites.
 */
public interface ChoiceScorer {

    /** Mean log-probability of each continuation's tokens given the context. */
    double[] meanLogProbs(String context, List<String> continuations);

    /** Mean log-probability of a whole sentence's tokens (after BOS). */
    double meanLogProb(String sentence);
}
