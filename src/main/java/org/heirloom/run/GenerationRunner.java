package org.heirloom.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.project.CandidateKey;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunRepository;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.StoredPrompt;
import org.heirloom.teacher.OnOverlong;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherRegistry;

/**
 * Runs generation: for every prompt and teacher, asks for the candidates still missing and stores
 * each teacher answer in its own short transaction the moment it arrives. The unique key (run,
 * prompt, teacher, index) makes resuming exact: calling {@link #run} again with the same spec after
 * a cancel, a crash or {@code kill -9} generates only what is missing and never touches stored
 * rows.
 */
public final class GenerationRunner {

    /** Opens a teacher for a spec; replaceable for tests. */
    @FunctionalInterface
    public interface TeacherOpener {
        Teacher open(String spec) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Project project;
    private final TeacherEnvironment env;
    private final TeacherOpener opener;

    public GenerationRunner(Project project, TeacherEnvironment env) {
        this(project, env, spec -> TeacherRegistry.create(spec, env));
    }

    public GenerationRunner(Project project, TeacherEnvironment env, TeacherOpener opener) {
        this.project = project;
        this.env = env;
        this.opener = opener;
    }

    /** The canonical parameter JSON a run is identified by (compared on resume). */
    public String canonicalParams(RunSpec spec) {
        ObjectNode p = JSON.createObjectNode();
        p.put("prompt_set", spec.promptSet());
        if (spec.split() != null) {
            p.put("split", spec.split());
        }
        ArrayNode t = p.putArray("teachers");
        for (String s : spec.teachers()) {
            t.add(TeacherRegistry.identity(s, env));
        }
        p.put("k", spec.k());
        p.put("seed", spec.seed());
        SamplingParams sp = spec.sampling();
        ObjectNode s = p.putObject("sampling");
        s.put("temperature", sp.temperature());
        s.put("top_p", sp.topP());
        s.put("top_k", sp.topK());
        s.put("max_new_tokens", sp.maxNewTokens());
        s.put("repetition_penalty", sp.repetitionPenalty());
        if (spec.onOverlong() != OnOverlong.SKIP) {
            // Only when not the default, so runs made before this option keep their identity.
            p.put("on_overlong", spec.onOverlong().label());
        }
        return p.toString();
    }

    /** Reads sampling parameters back from a run's stored parameters. */
    public static SamplingParams sampling(RunRecord run) {
        try {
            JsonNode s = JSON.readTree(run.params()).get("sampling");
            return new SamplingParams(
                    s.get("temperature").asDouble(),
                    s.get("top_p").asDouble(),
                    s.get("top_k").asInt(),
                    s.get("max_new_tokens").asInt(),
                    s.get("repetition_penalty").asDouble());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "run '" + run.name() + "' has unreadable parameters", e);
        }
    }

    /** Creates the run, or finds it and checks it has the same parameters. */
    public RunRecord prepare(RunSpec spec) {
        PromptSetSummary set =
                new PromptSetRepository(project)
                        .find(spec.promptSet())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no prompt set named '"
                                                        + spec.promptSet()
                                                        + "' in "
                                                        + project.file()));
        long total = set.prompts() * spec.teachers().size() * (long) spec.k();
        if (total > RunSpec.MAX_CANDIDATES) {
            throw new IllegalArgumentException(
                    "run '"
                            + spec.name()
                            + "': "
                            + set.prompts()
                            + " prompts × "
                            + spec.teachers().size()
                            + " teachers × k "
                            + spec.k()
                            + " = "
                            + total
                            + " candidates; at most "
                            + RunSpec.MAX_CANDIDATES
                            + " per run");
        }
        // Stored without URL user-info (Secrets), so compared without it too.
        String params = org.heirloom.project.Secrets.stripUserInfo(canonicalParams(spec));
        RunRepository runs = new RunRepository(project);
        var existing = runs.find(spec.name());
        if (existing.isPresent()) {
            RunRecord r = existing.get();
            String diff = differences(r.params(), params);
            if (!diff.isEmpty()) {
                throw new IllegalArgumentException(
                        "run '"
                                + spec.name()
                                + "' already exists with different parameters ("
                                + diff
                                + "); re-run with the same parameters to resume it, or choose"
                                + " another --name");
            }
            return r;
        }
        List<String> identities = new ArrayList<>();
        List<String> provenance = new ArrayList<>();
        for (String s : spec.teachers()) {
            String id = TeacherRegistry.identity(s, env);
            identities.add(id);
            provenance.add(JSON.createObjectNode().put("spec", id).toString());
        }
        return runs.create(
                spec.name(), set.id(), spec.k(), spec.seed(), params, identities, provenance);
    }

    /** Generates every missing candidate of the run; see the class comment. */
    public RunResult run(RunSpec spec, JobContext context) throws Exception {
        // Teachers are opened first (files read, models loaded) and every prompt is checked
        // against each: a teacher that cannot be opened, or a prompt that cannot fit under
        // --on-overlong fail, stops the command before the run row exists.
        Map<Integer, Teacher> preopened = new HashMap<>();
        try {
            for (int i = 0; i < spec.teachers().size(); i++) {
                preopened.put(i, opener.open(spec.teachers().get(i)));
            }
            Map<Long, Map<Integer, String>> overlong = checkFit(spec, preopened);
            return run(spec, preopened, overlong, context);
        } finally {
            for (Teacher t : preopened.values()) {
                try {
                    t.close();
                } catch (Exception ignored) {
                    // best effort: nothing of the run depends on it
                }
            }
        }
    }

    /**
     * Every prompt against every teacher: prompt id → teacher index → why it does not fit. Under
     * {@link OnOverlong#FAIL} a non-empty answer is an error naming the prompts.
     */
    public Map<Long, Map<Integer, String>> checkFit(RunSpec spec, Map<Integer, Teacher> teachers) {
        PromptSetRepository sets = new PromptSetRepository(project);
        PromptSetSummary set =
                sets.find(spec.promptSet())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no prompt set named '"
                                                        + spec.promptSet()
                                                        + "' in "
                                                        + project.file()));
        Map<Long, Map<Integer, String>> out = new java.util.LinkedHashMap<>();
        List<String> named = new ArrayList<>();
        for (StoredPrompt p : sets.prompts(set.id())) {
            if (spec.split() != null && !spec.split().equals(p.split())) {
                continue;
            }
            for (Map.Entry<Integer, Teacher> t : teachers.entrySet()) {
                String why = t.getValue().overlong(p.text(), spec.sampling().maxNewTokens());
                if (why != null) {
                    out.computeIfAbsent(p.id(), x -> new java.util.TreeMap<>())
                            .put(t.getKey(), why);
                    if (named.size() < 3) {
                        named.add("prompt " + p.index() + " (" + why + ")");
                    }
                }
            }
        }
        if (!out.isEmpty() && spec.onOverlong() == OnOverlong.FAIL) {
            throw new IllegalArgumentException(
                    "run '"
                            + spec.name()
                            + "': "
                            + out.size()
                            + " prompts do not fit the teacher's context: "
                            + String.join("; ", named)
                            + (out.size() > named.size() ? "; …" : "")
                            + ". Use --on-overlong skip or truncate-left, or fewer --max-new-tokens");
        }
        return out;
    }

    /**
     * How many candidates of the run are still to be generated, read from the project alone (no
     * teacher is opened): none once the run is complete, else the prompts × teachers × k not stored
     * yet. Prompts that turn out not to fit a teacher make the true number smaller.
     */
    public long missing(RunSpec spec) {
        var run = new RunRepository(project).find(spec.name());
        if (run.isPresent() && "complete".equals(run.get().status())) {
            return 0;
        }
        PromptSetRepository sets = new PromptSetRepository(project);
        var set = sets.find(spec.promptSet());
        if (set.isEmpty()) {
            return 0;
        }
        long prompts =
                sets.prompts(set.get().id()).stream()
                        .filter(p -> spec.split() == null || spec.split().equals(p.split()))
                        .count();
        long stored =
                run.isPresent() ? new CandidateRepository(project).keys(run.get().id()).size() : 0;
        return Math.max(0, prompts * spec.teachers().size() * spec.k() - stored);
    }

    /** What a run still needs: the work units per teacher index, the skips, the counts. */
    private record Work(
            Map<Integer, List<TeacherPools.Unit>> unitsByTeacher,
            List<RunSkips.Skip> skips,
            long expected,
            long already,
            long missing) {}

    private RunResult run(
            RunSpec spec,
            Map<Integer, Teacher> preopened,
            Map<Long, Map<Integer, String>> overlong,
            JobContext context)
            throws Exception {
        RunRecord run = prepare(spec);
        List<RunTeacherRecord> teachers = new RunRepository(project).teachers(run.id());
        CandidateRepository candidates = new CandidateRepository(project);
        Work work = plan(spec, run, teachers, candidates.keys(run.id()), overlong);
        new RunSkips(project).replace(run.id(), work.skips());
        RunRepository runs = new RunRepository(project);
        if (work.missing() == 0) {
            if (!"complete".equals(run.status())) {
                runs.setStatus(run.id(), "complete");
            }
            context.progress()
                    .start(
                            0,
                            "run '"
                                    + spec.name()
                                    + "': all "
                                    + work.expected()
                                    + " candidates stored");
            return new RunResult(
                    run.id(), run.name(), work.expected(), work.already(), 0, work.skips());
        }
        runs.setStatus(run.id(), "running");
        context.progress()
                .start(
                        work.missing(),
                        "run '"
                                + spec.name()
                                + "': "
                                + work.already()
                                + " of "
                                + work.expected()
                                + " candidates stored, generating "
                                + work.missing());
        List<Teacher> open = new ArrayList<>();
        TeacherPools pools = new TeacherPools();
        CandidateWriter writer = new CandidateWriter(candidates, context.progress(), spec.name());
        boolean writerFinished = false;
        try {
            Map<Integer, Teacher> byIndex =
                    openTeachers(spec, teachers, work.unitsByTeacher().keySet(), preopened, open);
            Exception failure =
                    pools.generate(run, spec, work.unitsByTeacher(), byIndex, writer, context);
            // Commit what the teachers delivered, also when one of them failed.
            writerFinished = true;
            long generated = writer.finish();
            if (failure != null) {
                throw failure;
            }
            complete(spec, run, teachers, byIndex, candidates, work.expected());
            return new RunResult(
                    run.id(), run.name(), work.expected(), work.already(), generated, work.skips());
        } catch (JobCancelledException e) {
            pools.abort();
            runs.setStatus(run.id(), "cancelled");
            throw e;
        } catch (Exception | Error e) {
            pools.abort();
            runs.setStatus(run.id(), "failed");
            throw e;
        } finally {
            pools.close();
            release(writerFinished ? null : writer, open);
        }
    }

    /**
     * Work units: one (prompt, teacher) with the candidate indices still missing and their seeds;
     * prompts that do not fit a teacher are skipped (or, under truncate-left, kept and noted).
     */
    private Work plan(
            RunSpec spec,
            RunRecord run,
            List<RunTeacherRecord> teachers,
            Set<CandidateKey> stored,
            Map<Long, Map<Integer, String>> overlong) {
        boolean truncate = spec.onOverlong() == OnOverlong.TRUNCATE_LEFT;
        List<RunSkips.Skip> skips = new ArrayList<>();
        Map<Integer, List<TeacherPools.Unit>> unitsByTeacher = new HashMap<>();
        long expected = 0;
        long missing = 0;
        for (StoredPrompt p : prompts(project, run, spec.split())) {
            String hash = ContentHash.of(p.text());
            for (RunTeacherRecord t : teachers) {
                String why = overlong.getOrDefault(p.id(), Map.of()).get(t.index());
                if (why != null) {
                    skips.add(
                            new RunSkips.Skip(
                                    p.id(), t.id(), truncate ? "truncated" : "skipped", why));
                    if (!truncate) {
                        continue;
                    }
                }
                expected += spec.k();
                List<Integer> idx = new ArrayList<>();
                List<Long> seeds = new ArrayList<>();
                for (int i = 0; i < spec.k(); i++) {
                    if (!stored.contains(new CandidateKey(p.id(), t.id(), i))) {
                        idx.add(i);
                        seeds.add(CandidateSeeds.derive(spec.seed(), hash, t.index(), i));
                    }
                }
                if (!idx.isEmpty()) {
                    unitsByTeacher
                            .computeIfAbsent(t.index(), x -> new ArrayList<>())
                            .add(new TeacherPools.Unit(p, t, idx, seeds, why != null));
                    missing += idx.size();
                }
            }
        }
        return new Work(unitsByTeacher, skips, expected, stored.size(), missing);
    }

    /**
     * The teachers that have work, by index: the pre-opened ones, else opened now; each is added to
     * {@code open} (closed by the caller) and its provenance recorded.
     */
    private Map<Integer, Teacher> openTeachers(
            RunSpec spec,
            List<RunTeacherRecord> teachers,
            Set<Integer> needed,
            Map<Integer, Teacher> preopened,
            List<Teacher> open)
            throws Exception {
        RunRepository runs = new RunRepository(project);
        Map<Integer, Teacher> byIndex = new HashMap<>();
        for (RunTeacherRecord t : teachers) {
            if (needed.contains(t.index())) {
                Teacher teacher = preopened.remove(t.index());
                if (teacher == null) {
                    teacher = opener.open(spec.teachers().get(t.index()));
                }
                open.add(teacher);
                byIndex.put(t.index(), teacher);
                runs.setTeacherProvenance(t.id(), teacher.provenance());
            }
        }
        return byIndex;
    }

    /** Records the teachers' final provenance, checks the count and marks the run complete. */
    private void complete(
            RunSpec spec,
            RunRecord run,
            List<RunTeacherRecord> teachers,
            Map<Integer, Teacher> byIndex,
            CandidateRepository candidates,
            long expected) {
        RunRepository runs = new RunRepository(project);
        for (RunTeacherRecord t : teachers) {
            Teacher teacher = byIndex.get(t.index());
            if (teacher != null) {
                runs.setTeacherProvenance(t.id(), teacher.provenance());
            }
        }
        long count = candidates.count(run.id());
        if (count != expected) {
            throw new IllegalStateException(
                    "run '" + spec.name() + "' has " + count + " candidates, expected " + expected);
        }
        runs.setStatus(run.id(), "complete");
    }

    /**
     * Finishes the writer if the run did not get that far ({@code null} if it did), and closes the
     * teachers; both best effort, the original failure is what matters.
     */
    private static void release(CandidateWriter unfinished, List<Teacher> open) {
        if (unfinished != null) {
            try {
                unfinished.finish();
            } catch (InterruptedException | RuntimeException ignored) {
                // the original failure is what matters
            }
        }
        for (Teacher t : open) {
            try {
                t.close();
            } catch (Exception ignored) {
                // closing is best effort; the run's data is already committed
            }
        }
    }

    /** The run's prompts (of one split, when the run has one), in index order. */
    public static List<StoredPrompt> prompts(Project project, RunRecord run, String split) {
        List<StoredPrompt> all = new PromptSetRepository(project).prompts(run.promptSetId());
        if (split == null) {
            return all;
        }
        List<StoredPrompt> out = new ArrayList<>();
        for (StoredPrompt p : all) {
            if (split.equals(p.split())) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    "prompt set has no prompts in split '" + split + "'");
        }
        return out;
    }

    /** Reads the split a run was made with, or null. */
    public static String split(RunRecord run) {
        try {
            JsonNode s = JSON.readTree(run.params()).get("split");
            return s == null ? null : s.asText();
        } catch (Exception e) {
            return null;
        }
    }

    /** "k: 4 → 8, seed: 1 → 2" for differing top-level keys. */
    static String differences(String storedJson, String wantedJson) {
        try {
            JsonNode a = JSON.readTree(storedJson);
            JsonNode b = JSON.readTree(wantedJson);
            Set<String> keys = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            List<String> out = new ArrayList<>();
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String k = it.next();
                JsonNode va = a.get(k);
                JsonNode vb = b.get(k);
                if (va == null ? vb != null : !va.equals(vb)) {
                    out.add(
                            k
                                    + ": "
                                    + (va == null ? "none" : va)
                                    + " -> "
                                    + (vb == null ? "none" : vb));
                }
            }
            return String.join(", ", out);
        } catch (Exception e) {
            return storedJson.equals(wantedJson) ? "" : "stored parameters unreadable";
        }
    }
}
