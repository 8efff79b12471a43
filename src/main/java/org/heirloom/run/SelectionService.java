package org.heirloom.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.heirloom.io.ContentHash;
import org.heirloom.project.CandidateRef;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.MetricRef;
import org.heirloom.project.Project;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunRepository;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.ScoreRepository;
import org.heirloom.project.SelectedRow;
import org.heirloom.project.SelectionRecord;
import org.heirloom.project.SelectionRepository;
import org.heirloom.project.StoredPrompt;
import org.heirloom.select.Choice;
import org.heirloom.select.Objective;
import org.heirloom.select.PoolCandidate;
import org.heirloom.select.PromptPool;
import org.heirloom.select.Selector;
import org.heirloom.select.Strategy;

/** Runs a selection strategy over a run's scored candidates and stores the result. */
public final class SelectionService {

    /** What a selection kept. */
    public record Result(
            SelectionRecord selection, int prompts, int selected, int skipped, boolean reused) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TIE_BREAK =
            "equal objective values: lowest teacher index, then lowest candidate index";

    private final Project project;

    public SelectionService(Project project) {
        this.project = project;
    }

    /**
     * Selects and stores. If a selection of that name exists: with {@code reuseExisting} and the
     * same run and strategy it is returned as is (recipes re-run); otherwise it is an error.
     */
    public Result select(String runName, String strategyText, String name, boolean reuseExisting) {
        RunRecord run = new RunRepository(project).require(runName);
        Strategy strategy = Strategy.parse(strategyText);
        SelectionRepository selections = new SelectionRepository(project);
        Optional<SelectionRecord> existing = selections.find(name);
        if (existing.isPresent()) {
            SelectionRecord s = existing.get();
            if (reuseExisting && s.runId() == run.id() && s.strategy().equals(strategy.text())) {
                int n = selections.rows(s.id()).size();
                return new Result(s, -1, n, -1, true);
            }
            throw new IllegalArgumentException(
                    "a selection named '"
                            + name
                            + "' already exists (run id "
                            + s.runId()
                            + ", strategy '"
                            + s.strategy()
                            + "'); choose another name");
        }
        Loaded pool = load(run, strategy.metrics(), strategy.text());
        Loaded source = pool;
        if (strategy.objective() instanceof Objective.Greedy g) {
            RunRecord greedyRun =
                    g.run() == null ? run : new RunRepository(project).require(g.run());
            double t = GenerationRunner.sampling(greedyRun).temperature();
            if (t != 0) {
                throw new IllegalArgumentException(
                        "strategy '"
                                + strategy.text()
                                + "': run '"
                                + greedyRun.name()
                                + "' samples at temperature "
                                + t
                                + "; greedy needs a temperature-0 run (greedy:RUN names one)");
            }
            if (greedyRun.promptSetId() != run.promptSetId()) {
                throw new IllegalArgumentException(
                        "strategy '"
                                + strategy.text()
                                + "': run '"
                                + greedyRun.name()
                                + "' uses another prompt set than run '"
                                + run.name()
                                + "'");
            }
            source = greedyRun.id() == run.id() ? pool : load(greedyRun, Set.of(), strategy.text());
        }
        Selector.Outcome outcome = Selector.select(strategy, source.pools, run.seed());
        List<SelectedRow> rows = new ArrayList<>();
        for (Choice c : outcome.choices()) {
            rows.add(new SelectedRow(c.promptId(), c.candidateId(), c.value()));
        }
        String summary = summary(run, strategy, pool, source, outcome);
        long id = selections.create(run.id(), name, strategy.text(), summary, rows);
        SelectionRecord rec = new SelectionRecord(id, run.id(), name, strategy.text(), summary);
        return new Result(
                rec, source.pools.size(), rows.size(), outcome.skippedPrompts().size(), false);
    }

    /** Candidates and all their scores of a run, grouped into pools in prompt order. */
    private record Loaded(
            List<PromptPool> pools, Map<Long, PoolCandidate> byId, List<String> metrics) {}

    private Loaded load(RunRecord run, Set<String> needed, String strategyText) {
        ScoreRepository scores = new ScoreRepository(project);
        Map<String, MetricRef> scored = scores.scoredMetrics(run.id());
        for (String m : needed) {
            if (!scored.containsKey(m)) {
                throw new IllegalArgumentException(
                        "strategy '"
                                + strategyText
                                + "' uses metric '"
                                + m
                                + "', which run '"
                                + run.name()
                                + "' has no scores for (scored: "
                                + (scored.isEmpty() ? "none" : String.join(", ", scored.keySet()))
                                + "); score the run first");
            }
        }
        Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
        for (MetricRef m : scored.values()) {
            values.put(m.name(), scores.values(run.id(), m.id()));
        }
        Map<Long, Integer> teacherIndex = new HashMap<>();
        for (RunTeacherRecord t : new RunRepository(project).teachers(run.id())) {
            teacherIndex.put(t.id(), t.index());
        }
        List<StoredPrompt> prompts =
                GenerationRunner.prompts(project, run, GenerationRunner.split(run));
        Map<Long, List<PoolCandidate>> byPrompt = new LinkedHashMap<>();
        Map<Long, PoolCandidate> byId = new HashMap<>();
        for (CandidateRef c : new CandidateRepository(project).refs(run.id())) {
            Map<String, Double> s = new HashMap<>();
            for (Map.Entry<String, Map<Long, Double>> e : values.entrySet()) {
                Double v = e.getValue().get(c.id());
                if (v != null) {
                    s.put(e.getKey(), v);
                }
            }
            PoolCandidate pc =
                    new PoolCandidate(c.id(), teacherIndex.get(c.teacherId()), c.index(), s);
            byPrompt.computeIfAbsent(c.promptId(), x -> new ArrayList<>()).add(pc);
            byId.put(c.id(), pc);
        }
        List<PromptPool> pools = new ArrayList<>();
        for (StoredPrompt p : prompts) {
            pools.add(
                    new PromptPool(
                            p.id(),
                            ContentHash.of(p.text()),
                            byPrompt.getOrDefault(p.id(), List.of())));
        }
        return new Loaded(pools, byId, new ArrayList<>(values.keySet()));
    }

    private String summary(
            RunRecord run,
            Strategy strategy,
            Loaded pool,
            Loaded source,
            Selector.Outcome outcome) {
        ObjectNode s = JSON.createObjectNode();
        s.put("run", run.name());
        s.put("strategy", strategy.text());
        s.put("prompts", source.pools.size());
        s.put("selected", outcome.choices().size());
        s.put("skipped_prompts", outcome.skippedPrompts().size());
        s.put("pool_candidates", pool.byId.size());
        s.put("considered_candidates", outcome.considered());
        s.put("eligible_candidates", outcome.eligible());
        s.put("tie_break", TIE_BREAK);
        ObjectNode metrics = s.putObject("metrics");
        for (String m : pool.metrics) {
            double poolMean =
                    mean(
                            pool.byId.values().stream()
                                    .filter(c -> considered(strategy, c))
                                    .map(c -> c.score(m))
                                    .toList());
            List<Double> sel = new ArrayList<>();
            for (Choice c : outcome.choices()) {
                PoolCandidate pc = source.byId.get(c.candidateId());
                sel.add(pc == null ? Double.NaN : pc.score(m));
            }
            double selMean = mean(sel);
            ObjectNode o = metrics.putObject(m);
            putNumber(o, "pool_mean", poolMean);
            putNumber(o, "selected_mean", selMean);
            putNumber(o, "shift", selMean - poolMean);
        }
        return s.toString();
    }

    private static boolean considered(Strategy s, PoolCandidate c) {
        return s.teachers() == null || s.teachers().contains(c.teacherIndex());
    }

    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** Mean of the defined values; NaN if none. */
    static double mean(List<Double> values) {
        double s = 0;
        int n = 0;
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
