package org.heirloom.score.model;

import java.util.List;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricId;

/**
 * Perplexity or mean log-likelihood of each text under a model: with token log-probabilities
 * l_1..l_n, mean_logprob = (l_1 + ... + l_n) / n and perplexity = exp(-mean_logprob). NaN for a
 * text with no scored tokens.
 */
public final class LogLikelihoodMetric implements Metric {

    /** Which statistic of the log-probabilities. */
    public enum Kind {
        PERPLEXITY,
        MEAN_LOGPROB
    }

    private final MetricId id;
    private final Kind kind;
    private final TokenLogLikelihood model;

    public LogLikelihoodMetric(MetricId id, Kind kind, TokenLogLikelihood model) {
        this.id = id;
        this.kind = kind;
        this.model = model;
    }

    @Override
    public MetricId id() {
        return id;
    }

    @Override
    public String description() {
        return kind == Kind.PERPLEXITY ? "Perplexity" : "Mean token log-likelihood";
    }

    @Override
    public double[] score(List<String> texts) {
        List<double[]> lps = model.logProbs(texts);
        double[] out = new double[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(kind, lps.get(i));
        }
        return out;
    }

    /** The statistic of one text's log-probabilities. */
    public static double of(Kind kind, double[] logProbs) {
        if (logProbs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double lp : logProbs) {
            sum += lp;
        }
        double mean = sum / logProbs.length;
        return kind == Kind.PERPLEXITY ? Math.exp(-mean) : mean;
    }

    @Override
    public void close() {
        model.close();
    }
}
