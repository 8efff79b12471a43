package org.heirloom.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    final MetricRegistry reg = MetricRegistry.standard();

    @Test
    void resolvesNamesAndParameters() {
        Metric mtld = reg.resolve("mtld");
        assertEquals(new MetricId("mtld", "1", Map.of("threshold", "0.72")), mtld.id());
        Metric m50 = reg.resolve(" mattr(window=3) ");
        assertEquals("3", m50.id().params().get("window"));
        assertEquals(2.0 / 3, m50.score("a b a"), 1e-12);
        assertEquals(
                "{\"threshold\":\"0.7\"}", reg.resolve("mtld(threshold=0.7)").id().paramsJson());
        List<Metric> all = reg.resolveAll(List.of("words", "gunning_fog", "distinct_2"));
        assertEquals(
                List.of("words", "gunning_fog", "distinct_2"),
                all.stream().map(m -> m.id().name()).toList());
    }

    @Test
    void errorsAreSpecific() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> reg.resolve("mtdl"));
        assertTrue(unknown.getMessage().contains("unknown metric 'mtdl'"));
        assertTrue(unknown.getMessage().contains("mtld"));
        IllegalArgumentException badParam =
                assertThrows(IllegalArgumentException.class, () -> reg.resolve("mtld(window=3)"));
        assertTrue(badParam.getMessage().contains("no parameter 'window'"), badParam.getMessage());
        assertThrows(IllegalArgumentException.class, () -> reg.resolve("mattr(window=x)"));
        assertThrows(IllegalArgumentException.class, () -> reg.resolve("mattr(window=0)"));
        assertThrows(IllegalArgumentException.class, () -> reg.resolve("mattr(window=3"));
        assertThrows(IllegalArgumentException.class, () -> reg.resolve("words(x=1)"));
        assertThrows(IllegalArgumentException.class, () -> reg.resolve("toxicity(backend=nope)"));
    }

    @Test
    void specListsSplitOnTopLevelCommasOnly() {
        List<MetricSpec> specs =
                MetricSpec.parseList(
                        "mtld, mattr(window=50),toxicity(backend=onnx,model=\"/a,b\")");
        assertEquals(3, specs.size());
        assertEquals("mattr(window=50)", specs.get(1).text());
        assertEquals(Map.of("backend", "onnx", "model", "/a,b"), specs.get(2).params());
    }

    @Test
    void everyMetricIsDocumented() {
        List<MetricInfo> list = reg.list();
        assertTrue(list.size() >= 25, "metrics: " + list.size());
        for (MetricInfo i : list) {
            assertFalse(i.summary().isBlank(), i.name());
            assertFalse(i.definition().isBlank(), i.name());
            assertFalse(i.source().isBlank(), i.name());
            assertFalse(i.caveats().isBlank(), i.name());
            assertTrue(i.details().contains(i.name()));
        }
        for (String name :
                List.of(
                        "characters",
                        "words",
                        "unique_words",
                        "sentences",
                        "mean_word_length",
                        "mean_sentence_length",
                        "tokens",
                        "mtld",
                        "ttr",
                        "mattr",
                        "hdd",
                        "distinct_1",
                        "distinct_2",
                        "distinct_3",
                        "repetition",
                        "gunning_fog",
                        "flesch_reading_ease",
                        "flesch_kincaid_grade",
                        "rix",
                        "lix",
                        "smog",
                        "ari",
                        "coleman_liau",
                        "toxicity",
                        "perplexity",
                        "mean_logprob")) {
            assertTrue(reg.info(name).isPresent(), name);
        }
    }

    @Test
    void docsFileIsUpToDate() throws Exception {
        Path docs = Path.of("docs/metrics.md");
        String expected = MetricsDoc.markdown(reg);
        if (!Files.exists(docs) || Boolean.getBoolean("heirloom.writeDocs")) {
            Files.writeString(docs, expected);
        }
        assertEquals(
                expected,
                Files.readString(docs),
                "docs/metrics.md is stale: run mvn test -Dtest=MetricRegistryTest"
                        + " -Dheirloom.writeDocs=true");
    }

    @Test
    void batchScorerMatchesSingleScoringAcrossThreads() {
        List<Metric> ms = reg.resolveAll(List.of("mtld", "words", "gunning_fog", "toxicity"));
        List<String> texts = org.heirloom.bench.score.BenchTexts.generate(300, 60, 7);
        double[][] par = BatchScorer.score(ms, texts, 4);
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        org.heirloom.job.Progress progress =
                new org.heirloom.job.Progress() {
                    @Override
                    public void start(long total, String message) {}

                    @Override
                    public void advance(long units) {
                        done.addAndGet(units);
                    }

                    @Override
                    public void message(String message) {}
                };
        double[][] chunked =
                BatchScorer.score(
                        ms,
                        texts,
                        2,
                        new org.heirloom.job.JobContext(
                                progress, new org.heirloom.job.CancellationToken()));
        assertEquals(texts.size(), done.get());
        for (int j = 0; j < ms.size(); j++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(par[j], chunked[j]);
        }
        for (int j = 0; j < ms.size(); j++) {
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(ms.get(j).score(texts.get(i)), par[j][i], 0.0, ms.get(j) + " " + i);
            }
        }
    }
}
