package org.heirloom.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.MetricRef;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunRepository;
import org.heirloom.project.ScoreRepository;
import org.heirloom.score.Metric;

/**
 * Scores a run's candidates incrementally: for each metric only the candidates without a score for
 * that exact metric definition (name, version, parameters) are scored, in batches, each batch
 * committed in its own transaction. Interrupting loses at most one batch; adding a metric later
 * scores just that metric.
 */
public final class ScoringStage {

    public static final int DEFAULT_BATCH = 256;

    private final Project project;
    private final int batchSize;

    public ScoringStage(Project project) {
        this(project, DEFAULT_BATCH);
    }

    public ScoringStage(Project project, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        this.project = project;
        this.batchSize = batchSize;
    }

    /**
     * Scores still missing per metric name, read from the project alone (nothing is registered): a
     * definition never used in the run counts every candidate; -1 each when the run does not exist
     * yet.
     */
    public Map<String, Long> missing(String runName, List<Metric> metrics) {
        Map<String, Long> out = new LinkedHashMap<>();
        var run = new RunRepository(project).find(runName);
        if (run.isEmpty()) {
            metrics.forEach(m -> out.put(m.id().name(), -1L));
            return out;
        }
        ScoreRepository scores = new ScoreRepository(project);
        Map<String, MetricRef> scored = scores.scoredMetrics(run.get().id());
        long all = new CandidateRepository(project).count(run.get().id());
        for (Metric m : metrics) {
            MetricRef ref = scored.get(m.id().name());
            boolean same =
                    ref != null
                            && ref.version().equals(m.id().version())
                            && ref.params().equals(m.id().paramsJson());
            out.merge(
                    m.id().name(),
                    same ? scores.countMissing(run.get().id(), ref.id()) : all,
                    Long::sum);
        }
        return out;
    }

    /** Scores newly computed per metric name (0 where everything was already scored). */
    public Map<String, Long> score(String runName, List<Metric> metrics, JobContext context) {
        RunRecord run = new RunRepository(project).require(runName);
        ScoreRepository scores = new ScoreRepository(project);
        List<Long> ids = new ArrayList<>();
        long total = 0;
        for (Metric m : metrics) {
            long id = scores.metricId(m.id());
            ids.add(id);
            total += scores.countMissing(run.id(), id);
        }
        context.progress()
                .start(total, "scoring run '" + runName + "': " + total + " scores missing");
        Map<String, Long> done = new LinkedHashMap<>();
        for (int mi = 0; mi < metrics.size(); mi++) {
            Metric metric = metrics.get(mi);
            long metricId = ids.get(mi);
            long count = 0;
            long after = 0;
            context.progress().message("scoring run '" + runName + "': " + metric.id().name());
            while (true) {
                context.checkCancelled();
                List<ScoreRepository.Pending> batch =
                        scores.missing(run.id(), metricId, after, batchSize);
                if (batch.isEmpty()) {
                    break;
                }
                List<String> texts = new ArrayList<>(batch.size());
                long[] cids = new long[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    texts.add(batch.get(i).text());
                    cids[i] = batch.get(i).candidateId();
                }
                double[] values = metric.score(texts);
                if (values.length != texts.size()) {
                    throw new IllegalStateException(
                            "metric "
                                    + metric.id().name()
                                    + " returned "
                                    + values.length
                                    + " values for "
                                    + texts.size()
                                    + " texts");
                }
                scores.insert(metricId, cids, values);
                count += batch.size();
                after = cids[cids.length - 1];
                context.progress().advance(batch.size());
            }
            done.merge(metric.id().name(), count, Long::sum);
        }
        return done;
    }
}
