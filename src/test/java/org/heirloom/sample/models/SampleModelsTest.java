package org.heirloom.sample.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.generate.FinishReason;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.Generator;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.safetensors.DType;
import org.heirloom.model.safetensors.SafeTensors;
import org.heirloom.model.safetensors.Tensor;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The shipped sample models (assets/models) load and pass the engine's own consistency checks. */
class SampleModelsTest {

    private static final String PROMPT = "Write a short story about a fox and a river.";

    static Path assets(String name) {
        Path p = Path.of("assets", "models", name);
        assumeTrue(
                Files.isRegularFile(p.resolve("model.safetensors")),
                "sample model " + p.toAbsolutePath() + " not built (heirloom build-sample-models)");
        return p;
    }

    @Test
    void filesMatchTheirRecipeAndShareOneTokenizer() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (SampleModelSpec s : SampleModelSpec.shipped()) {
            Path dir = assets(s.name());
            JsonNode b = json.readTree(dir.resolve("heirloom-build.json").toFile());
            assertEquals(s.corpusSeed(), b.at("/corpus/seed").asLong());
            assertEquals(s.examples(), b.at("/corpus/examples").asInt());
            assertEquals(s.hidden(), b.at("/model/hidden_size").asInt());
            assertEquals(s.layers(), b.at("/model/num_hidden_layers").asInt());
            assertEquals(
                    ContentHash.of(Files.readAllBytes(dir.resolve("model.safetensors"))),
                    b.at("/outcome/weights_sha256").asText());
            assertEquals(
                    TrainingConfig.fromJson(s.training().toJson()),
                    TrainingConfig.fromJson(b.at("/training/config").toString()));
            for (Tensor t : SafeTensors.read(dir.resolve("model.safetensors")).values()) {
                assertEquals(DType.F16, t.dtype());
            }
        }
        assertArrayEquals(
                Files.readAllBytes(assets("teacher").resolve("tokenizer.json")),
                Files.readAllBytes(assets("student").resolve("tokenizer.json")));
    }

    @Test
    void teacherGeneratesConsistently() throws Exception {
        try (LocalModel m = LocalModel.load(assets("teacher"))) {
            PromptTemplate tpl = PromptTemplate.parse(TrainingConfig.PAPER_TEMPLATE, m);
            long[] prompt = m.tokenizer().encode(tpl.render(PROMPT), tpl.addSpecialTokens());
            Generator g = m.newGenerator();

            // Greedy decoding is deterministic (the seed plays no part). It tends to loop on a
            // repetitive sentence, as the narrow-vocabulary style teaches, so no EOS is expected.
            GenerationOptions greedy = GenerationOptions.greedy(80);
            GeneratedSequence a =
                    g.generate(List.of(new SequenceRequest(prompt, 0)), greedy, JobContext.none())
                            .get(0);
            GeneratedSequence b =
                    g.generate(List.of(new SequenceRequest(prompt, 9)), greedy, JobContext.none())
                            .get(0);
            assertArrayEquals(a.ids(), b.ids());

            // Sampling at temperature 1: a batch equals each sequence decoded alone.
            GenerationOptions t1 = new GenerationOptions(300, 1.0, 1.0, 0, 1.0, List.of());
            List<SequenceRequest> reqs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reqs.add(new SequenceRequest(prompt, 100 + i));
            }
            List<GeneratedSequence> batch = g.generate(reqs, t1, JobContext.none());
            for (int i : new int[] {0, 5}) {
                GeneratedSequence alone =
                        g.generate(List.of(reqs.get(i)), t1, JobContext.none()).get(0);
                assertArrayEquals(alone.ids(), batch.get(i).ids());
            }

            // The reported log-probabilities are the model's likelihood of what it wrote.
            List<long[]> ctx = new ArrayList<>();
            List<long[]> cont = new ArrayList<>();
            for (GeneratedSequence s : batch) {
                ctx.add(prompt);
                cont.add(s.ids());
            }
            List<double[]> lp = m.likelihood().tokenLogprobs(ctx, cont, 8);
            for (int i = 0; i < batch.size(); i++) {
                double sum = 0;
                for (double v : lp.get(i)) {
                    sum += v;
                }
                assertEquals(batch.get(i).logprobSum(), sum, 1e-3 * (1 + Math.abs(sum)));
            }

            // The k samples differ, and most end with EOS.
            Set<String> texts = new HashSet<>();
            int eos = 0;
            for (GeneratedSequence s : batch) {
                texts.add(s.text());
                eos += s.finishReason() == FinishReason.EOS ? 1 : 0;
            }
            assertEquals(8, texts.size());
            assertTrue(eos >= 6, eos + " of 8 ended with EOS");
        }
    }

    @Test
    void studentLoadsAndAnswersWithEos() throws Exception {
        try (LocalModel m = LocalModel.load(assets("student"))) {
            PromptTemplate tpl = PromptTemplate.parse(TrainingConfig.PAPER_TEMPLATE, m);
            long[] prompt = m.tokenizer().encode(tpl.render(PROMPT), tpl.addSpecialTokens());
            List<SequenceRequest> reqs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reqs.add(new SequenceRequest(prompt, i));
            }
            int eos = 0;
            for (GeneratedSequence s :
                    m.newGenerator()
                            .generate(
                                    reqs,
                                    new GenerationOptions(300, 1.0, 1.0, 0, 1.0, List.of()),
                                    JobContext.none())) {
                eos += s.finishReason() == FinishReason.EOS ? 1 : 0;
                assertTrue(s.text().split(" ").length >= 5, s.text());
            }
            assertTrue(eos >= 6, eos + " of 8 ended with EOS");
        }
    }
}
