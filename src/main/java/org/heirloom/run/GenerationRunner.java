package org.heirloom.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.project.CandidateKey;
import org.heirloom.project.CandidateRepository;
import org.heirloom.project.CandidateRow;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.project.RunRecord;
import org.heirloom.project.RunRepository;
import org.heirloom.project.RunTeacherRecord;
import org.heirloom.project.StoredPrompt;
import org.heirloom.teacher.AnnotatedCompletion;
import org.heirloom.teacher.AnnotatingTeacher;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.ConcurrentTeacher;
import org.heirloom.teacher.GenerationRequest;
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

    private RunResult run(
            RunSpec spec,
            Map<Integer, Teacher> preopened,
            Map<Long, Map<Integer, String>> overlong,
            JobContext context)
            throws Exception {
        RunRecord run = prepare(spec);
        List<StoredPrompt> prompts = prompts(project, run, spec.split());
        List<RunTeacherRecord> teachers = new RunRepository(project).teachers(run.id());
        CandidateRepository candidates = new CandidateRepository(project);
        Set<CandidateKey> stored = candidates.keys(run.id());
        boolean truncate = spec.onOverlong() == OnOverlong.TRUNCATE_LEFT;
        List<RunSkips.Skip> skips = new ArrayList<>();
        long expected = 0;

        // Work units: one (prompt, teacher) with the indices still missing.
        Map<Integer, List<Unit>> unitsByTeacher = new HashMap<>();
        long missing = 0;
        for (StoredPrompt p : prompts) {
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
                            .add(new Unit(p, t, idx, seeds, why != null));
                    missing += idx.size();
                }
            }
        }
        long already = stored.size();
        new RunSkips(project).replace(run.id(), skips);
        if (missing == 0) {
            if (!"complete".equals(run.status())) {
                new RunRepository(project).setStatus(run.id(), "complete");
            }
            context.progress()
                    .start(0, "run '" + spec.name() + "': all " + expected + " candidates stored");
            return new RunResult(run.id(), run.name(), expected, already, 0, skips);
        }
        RunRepository runs = new RunRepository(project);
        runs.setStatus(run.id(), "running");
        context.progress()
                .start(
                        missing,
                        "run '"
                                + spec.name()
                                + "': "
                                + already
                                + " of "
                                + expected
                                + " candidates stored, generating "
                                + missing);
        List<Teacher> open = new ArrayList<>();
        List<ExecutorService> pools = new ArrayList<>();
        AtomicBoolean abort = new AtomicBoolean();
        CandidateWriter writer = new CandidateWriter(candidates, context.progress(), spec.name());
        boolean writerFinished = false;
        try {
            Map<Integer, Teacher> byIndex = new HashMap<>();
            for (RunTeacherRecord t : teachers) {
                if (unitsByTeacher.containsKey(t.index())) {
                    Teacher teacher = preopened.remove(t.index());
                    if (teacher == null) {
                        teacher = opener.open(spec.teachers().get(t.index()));
                    }
                    open.add(teacher);
                    byIndex.put(t.index(), teacher);
                    runs.setTeacherProvenance(t.id(), teacher.provenance());
                }
            }
            List<Future<Integer>> futures = new ArrayList<>();
            for (Map.Entry<Integer, List<Unit>> e : unitsByTeacher.entrySet()) {
                Teacher teacher = byIndex.get(e.getKey());
                int parallel =
                        teacher instanceof ConcurrentTeacher ct ? Math.max(1, ct.concurrency()) : 1;
                ExecutorService pool =
                        Executors.newFixedThreadPool(
                                parallel,
                                r -> {
                                    Thread th = new Thread(r, "teacher-" + e.getKey());
                                    th.setDaemon(true);
                                    return th;
                                });
                pools.add(pool);
                for (Unit u : e.getValue()) {
                    futures.add(
                            pool.submit(
                                    () -> {
                                        if (abort.get()) {
                                            return 0;
                                        }
                                        try {
                                            context.checkCancelled();
                                            writer.submit(rows(run, spec, teacher, u, context));
                                            return u.indices.size();
                                        } catch (Exception | Error ex) {
                                            // Stop queued units at once; in-flight ones finish
                                            // and are kept.
                                            abort.set(true);
                                            throw ex;
                                        }
                                    }));
                }
            }
            Exception failure = null;
            for (Future<Integer> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    abort.set(true);
                    if (failure == null) {
                        Throwable c = ex.getCause();
                        failure = c instanceof Exception ce ? ce : new RuntimeException(c);
                    }
                }
            }
            // Commit what the teachers delivered, also when one of them failed.
            writerFinished = true;
            long generated = writer.finish();
            if (failure != null) {
                throw failure;
            }
            for (RunTeacherRecord t : teachers) {
                Teacher teacher = byIndex.get(t.index());
                if (teacher != null) {
                    runs.setTeacherProvenance(t.id(), teacher.provenance());
                }
            }
            long count = candidates.count(run.id());
            if (count != expected) {
                throw new IllegalStateException(
                        "run '"
                                + spec.name()
                                + "' has "
                                + count
                                + " candidates, expected "
                                + expected);
            }
            runs.setStatus(run.id(), "complete");
            return new RunResult(run.id(), run.name(), expected, already, generated, skips);
        } catch (JobCancelledException e) {
            abort.set(true);
            runs.setStatus(run.id(), "cancelled");
            throw e;
        } catch (Exception | Error e) {
            abort.set(true);
            runs.setStatus(run.id(), "failed");
            throw e;
        } finally {
            for (ExecutorService p : pools) {
                p.shutdownNow();
            }
            if (!writerFinished) {
                try {
                    writer.finish();
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
    }

    private record Unit(
            StoredPrompt prompt,
            RunTeacherRecord teacher,
            List<Integer> indices,
            List<Long> seeds,
            boolean truncate) {}

    /** Asks the teacher for one unit and checks the answer; returns the rows to store. */
    private List<CandidateRow> rows(
            RunRecord run, RunSpec spec, Teacher teacher, Unit u, JobContext context)
            throws Exception {
        GenerationRequest req =
                new GenerationRequest(
                        u.prompt.text(), spec.sampling(), u.indices, u.seeds, u.truncate);
        List<AnnotatedCompletion> got;
        if (teacher instanceof AnnotatingTeacher at) {
            got = at.generateAnnotated(req, context);
        } else {
            got = new ArrayList<>();
            for (Completion c : teacher.generate(req, context)) {
                got.add(new AnnotatedCompletion(c, null));
            }
        }
        Set<Integer> wanted = new HashSet<>(u.indices);
        if (got.size() != u.indices.size()) {
            throw new IllegalStateException(
                    "teacher "
                            + teacher.spec()
                            + " returned "
                            + got.size()
                            + " candidates for prompt #"
                            + u.prompt.index()
                            + ", asked for "
                            + u.indices.size());
        }
        List<CandidateRow> rows = new ArrayList<>();
        Map<Integer, Long> seedOf = new HashMap<>();
        for (int i = 0; i < u.indices.size(); i++) {
            seedOf.put(u.indices.get(i), u.seeds.get(i));
        }
        for (AnnotatedCompletion ac : got) {
            Completion c = ac.completion();
            if (!wanted.remove(c.index())) {
                throw new IllegalStateException(
                        "teacher "
                                + teacher.spec()
                                + " returned candidate index "
                                + c.index()
                                + " for prompt #"
                                + u.prompt.index()
                                + ", which was not asked for or came twice");
            }
            if (c.text() == null) {
                throw new IllegalStateException("teacher " + teacher.spec() + " returned no text");
            }
            rows.add(
                    new CandidateRow(
                            0,
                            run.id(),
                            u.prompt.id(),
                            u.teacher.id(),
                            c.index(),
                            seedOf.get(c.index()),
                            c.text(),
                            c.tokenCount(),
                            c.finishReason(),
                            c.logprob(),
                            ac.provenance(),
                            c.reasoning()));
        }
        return rows;
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
