package org.heirloom.score.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.heirloom.model.LocalModel;
import org.heirloom.score.SharedResources;

/**
 * {@link LogLikelihoodSource} over the local engine: {@code perplexity(model=DIR)} loads the model
 * directory once and shares it between metrics. The first token (BOS where the tokenizer adds one)
 * is context; every later token is scored.
 */
public final class EngineLogLikelihood implements LogLikelihoodSource {

    private static final int BATCH = 8;

    @Override
    public TokenLogLikelihood open(String model) {
        Path dir = Path.of(model).toAbsolutePath().normalize();
        SharedResources.Lease<LocalModel> lease =
                SharedResources.acquire("model:" + dir, () -> LocalModel.load(dir));
        return new TokenLogLikelihood() {
            @Override
            public double[] logProbs(String text) {
                return logProbs(List.of(text)).get(0);
            }

            @Override
            public List<double[]> logProbs(List<String> texts) {
                LocalModel m = lease.get();
                List<long[]> ctx = new java.util.ArrayList<>();
                List<long[]> cont = new java.util.ArrayList<>();
                for (String t : texts) {
                    long[] ids = m.tokenizer().encode(t);
                    if (ids.length < 2) {
                        // Nothing after the first token: no token to score.
                        ctx.add(ids.length == 0 ? new long[] {0} : ids);
                        cont.add(new long[0]);
                    } else {
                        ctx.add(new long[] {ids[0]});
                        cont.add(Arrays.copyOfRange(ids, 1, ids.length));
                    }
                }
                return m.likelihood().tokenLogprobs(ctx, cont, BATCH);
            }

            @Override
            public void close() {
                lease.close();
            }
        };
    }
}
