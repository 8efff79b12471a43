package org.heirloom.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.candidate.CandidateRow;
import org.heirloom.project.candidate.MetricRef;
import org.heirloom.project.candidate.ScoreRepository;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.heirloom.project.run.RunRecord;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.RunTeacherRecord;
import org.heirloom.project.run.SelectedRow;
import org.heirloom.project.run.SelectionRecord;
import org.heirloom.project.run.SelectionRepository;

/** Writes candidates and selected datasets to files (atomically). */
public final class Exporter {

    /** Dataset layouts. */
    public enum DatasetFormat {
        /** {@code {"prompt": P, "completion": C}}: the paper toolkit's fine-tuning format. */
        JSONL,
        /**
         * {@code {"messages": [{"role": "user", ...}, {"role": "assistant", ...}]}} (TRL, axolotl).
         */
        CHAT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Project project;

    public Exporter(Project project) {
        this.project = project;
    }

    /**
     * One line per candidate: prompt id and index, prompt, teacher (index and spec), candidate
     * index, seed, text, and every score of the run by metric name. Returns the lines written.
     */
    public long exportCandidates(String runName, Path out) throws IOException {
        RunRecord run = new RunRepository(project).require(runName);
        Map<Long, StoredPrompt> prompts = promptsById(run.promptSetId());
        Map<Long, RunTeacherRecord> teachers = new HashMap<>();
        for (RunTeacherRecord t : new RunRepository(project).teachers(run.id())) {
            teachers.put(t.id(), t);
        }
        Map<String, Map<Long, Double>> scores = scores(run.id());
        long[] count = {0};
        AtomicFile.write(
                out,
                w -> {
                    try {
                        new CandidateRepository(project)
                                .forEach(
                                        run.id(),
                                        c -> {
                                            try {
                                                w.write(
                                                        candidateLine(
                                                                c, prompts, teachers, scores));
                                                w.write('\n');
                                            } catch (IOException e) {
                                                throw new UncheckedIOException(e);
                                            }
                                            count[0]++;
                                        });
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                });
        return count[0];
    }

    private static String candidateLine(
            CandidateRow c,
            Map<Long, StoredPrompt> prompts,
            Map<Long, RunTeacherRecord> teachers,
            Map<String, Map<Long, Double>> scores) {
        StoredPrompt p = prompts.get(c.promptId());
        RunTeacherRecord t = teachers.get(c.teacherId());
        ObjectNode o = JSON.createObjectNode();
        o.put("prompt_id", c.promptId());
        o.put("prompt_index", p.index());
        o.put("prompt", p.text());
        o.put("teacher", t.spec());
        o.put("teacher_index", t.index());
        o.put("candidate", c.index());
        o.put("seed", c.seed());
        o.put("text", c.text());
        if (c.reasoning() != null) {
            o.put("reasoning", c.reasoning()); // a reasoning model's, not part of the scored text
        }
        if (c.finishReason() != null) {
            o.put("finish_reason", c.finishReason());
        }
        if (c.tokenCount() >= 0) {
            o.put("token_count", c.tokenCount());
        }
        ObjectNode s = o.putObject("scores");
        for (Map.Entry<String, Map<Long, Double>> e : scores.entrySet()) {
            Double v = e.getValue().get(c.id());
            if (v != null) {
                SelectionService.putNumber(s, e.getKey(), v);
            }
        }
        return o.toString();
    }

    /**
     * Writes a selection as a fine-tuning dataset plus {@code manifest} (run, strategy, counts,
     * attribute means before/after). Returns the examples written.
     *
     * @param split only prompts of this split, or {@code null} for all
     */
    public long exportDataset(
            String selectionName, DatasetFormat format, String split, Path out, Path manifest)
            throws IOException {
        SelectionRecord sel = new SelectionRepository(project).require(selectionName);
        List<SelectedRow> rows = new SelectionRepository(project).rows(sel.id());
        RunRecord run =
                project.read(
                                c -> {
                                    try (var ps =
                                            c.prepareStatement(
                                                    "SELECT name FROM run WHERE id = ?")) {
                                        ps.setLong(1, sel.runId());
                                        try (var rs = ps.executeQuery()) {
                                            rs.next();
                                            return rs.getString(1);
                                        }
                                    }
                                })
                        .transform(new RunRepository(project)::require);
        Map<Long, StoredPrompt> prompts = promptsById(run.promptSetId());
        Map<Long, String> texts = candidateTexts(rows);
        List<String> lines = new ArrayList<>();
        for (SelectedRow r : rows) {
            StoredPrompt p = prompts.get(r.promptId());
            if (split != null && !split.equals(p.split())) {
                continue;
            }
            ObjectNode o = JSON.createObjectNode();
            String completion = texts.get(r.candidateId());
            if (format == DatasetFormat.JSONL) {
                o.put("prompt", p.text());
                o.put("completion", completion);
            } else {
                ArrayNode m = o.putArray("messages");
                m.addObject().put("role", "user").put("content", p.text());
                m.addObject().put("role", "assistant").put("content", completion);
            }
            lines.add(o.toString());
        }
        AtomicFile.write(
                out,
                w -> {
                    for (String l : lines) {
                        w.write(l);
                        w.write('\n');
                    }
                });
        ObjectNode man = JSON.createObjectNode();
        man.put("dataset", out.getFileName().toString());
        man.put("format", format.name().toLowerCase(Locale.ROOT));
        man.put("run", run.name());
        man.set("run_params", JSON.readTree(run.params()));
        man.put("selection", sel.name());
        man.put("strategy", sel.strategy());
        if (split != null) {
            man.put("split", split);
        }
        man.put("examples", lines.size());
        JsonNode summary = sel.summary() == null ? null : JSON.readTree(sel.summary());
        if (summary != null) {
            man.set("counts", countsOf(summary));
            man.set("attribute_means", summary.get("metrics"));
        }
        man.put("exported_at", Instant.now().toString());
        man.put("heirloom", org.heirloom.Version.current());
        AtomicFile.writeString(
                manifest,
                JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(man)
                        + "\n");
        return lines.size();
    }

    /** {@code data.jsonl} → {@code data.manifest.json}. */
    public static Path defaultManifest(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return out.resolveSibling(stem + ".manifest.json");
    }

    private static ObjectNode countsOf(JsonNode summary) {
        ObjectNode c = JSON.createObjectNode();
        for (String k :
                List.of(
                        "prompts",
                        "selected",
                        "skipped_prompts",
                        "pool_candidates",
                        "considered_candidates",
                        "eligible_candidates")) {
            if (summary.has(k)) {
                c.set(k, summary.get(k));
            }
        }
        return c;
    }

    private Map<Long, StoredPrompt> promptsById(long setId) {
        Map<Long, StoredPrompt> out = new HashMap<>();
        for (StoredPrompt p : new PromptSetRepository(project).prompts(setId)) {
            out.put(p.id(), p);
        }
        return out;
    }

    private Map<String, Map<Long, Double>> scores(long runId) {
        ScoreRepository repo = new ScoreRepository(project);
        Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
        for (MetricRef m : repo.scoredMetrics(runId).values()) {
            out.put(m.name(), repo.values(runId, m.id()));
        }
        return out;
    }

    private Map<Long, String> candidateTexts(List<SelectedRow> rows) {
        return project.read(
                c -> {
                    Map<Long, String> out = new HashMap<>();
                    try (var ps = c.prepareStatement("SELECT text FROM candidate WHERE id = ?")) {
                        for (SelectedRow r : rows) {
                            ps.setLong(1, r.candidateId());
                            try (var rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    out.put(r.candidateId(), rs.getString(1));
                                }
                            }
                        }
                    }
                    return out;
                });
    }
}
