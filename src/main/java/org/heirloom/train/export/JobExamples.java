package org.heirloom.train.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.model.ModelConfig;
import org.heirloom.model.ModelTokenizer;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.data.DataOrder;
import org.heirloom.train.data.TokenizedExample;
import org.heirloom.train.data.TrainingData;
import org.heirloom.train.data.TrainingExample;

/**
 * The examples one replicate of Heirloom's trainer sees, computed from the base's tokenizer and
 * config alone (no weights are loaded, so a 7B base exports on a laptop): the same template, the
 * same prompt/completion boundary ({@link TokenizedExample}), the same EOS, the same truncation and
 * the same seeded held-out split as {@code Trainer}. {@code TrlJobExportTest} checks them against
 * the trainer's own split, token for token.
 */
public final class JobExamples {

    /** One exported example: the rendered prompt, the completion and the ids the trainer sees. */
    public record Example(String prompt, String completion, long[] inputIds, int promptLength) {}

    /** Train and held-out examples of one replicate, and how many were too long to keep. */
    public record Split(List<Example> train, List<Example> heldout, int dropped) {}

    private JobExamples() {}

    /**
     * @param seed the replicate's training seed ({@code TrainingPlan.seedFor(seed, r)})
     */
    public static Split of(Path baseDir, TrainingConfig config, long seed, TrainingData data)
            throws IOException {
        if ("chat".equals(config.template())) {
            throw new IllegalArgumentException(
                    "template 'chat' cannot be exported yet; give a string template with {prompt}");
        }
        List<Integer> eos = ModelConfig.read(baseDir).eosTokenIds();
        if (eos.isEmpty()) {
            throw new IllegalArgumentException(
                    baseDir + ": the base model defines no eos_token_id");
        }
        PromptTemplate template = PromptTemplate.parse(config.template(), null);
        List<TrainingExample> examples = data.examples();
        int n = examples.size();
        // The held-out choice is the trainer's own (DataOrder.heldOut).
        boolean[] held = DataOrder.heldOut(n, config.heldoutFraction(), seed);
        List<Example> train = new ArrayList<>();
        List<Example> heldout = new ArrayList<>();
        int dropped = 0;
        try (ModelTokenizer tokenizer = ModelTokenizer.open(baseDir)) {
            for (int i = 0; i < n; i++) {
                TrainingExample e = examples.get(i);
                TokenizedExample t =
                        TokenizedExample.of(tokenizer, template, e, eos.get(0), config.maxSeqLen());
                if (t == null) {
                    dropped++;
                    continue;
                }
                Example x =
                        new Example(
                                template.render(e.prompt()),
                                e.completion(),
                                t.ids(),
                                t.promptLength());
                (held[i] ? heldout : train).add(x);
            }
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException(
                    data.source()
                            + ": no example has a completion id within max length "
                            + config.maxSeqLen());
        }
        return new Split(train, heldout, dropped);
    }
}
