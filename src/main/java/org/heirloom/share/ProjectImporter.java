package org.heirloom.share;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.project.Secrets;

/**
 * Copies runs, profiles and trainings from a source project into a target project, remapping row
 * ids. Each imported entity (a run with its prompt set, models, candidates, scores, selections and
 * trainings; a profile; a training without a selection) is one transaction on the target: an
 * interrupted import keeps every entity that finished, and running it again completes the rest.
 *
 * <p>Deduplication, so that importing the same thing twice adds nothing:
 *
 * <ul>
 *   <li>prompt sets by content (every prompt's index, hash, split and reference): a set with the
 *       same content is reused whatever its name;
 *   <li>models by name with the same kind, location and weights hash, else by kind and weights
 *       hash;
 *   <li>metrics by (name, version, parameters); runs by prompt set, k, seed, parameters and
 *       teachers; selections by run and strategy; trainings by data hash, configuration, seed,
 *       replicate and base; profiles by (model, suite, configuration);
 *   <li>rows inside them by their unique keys (a candidate by prompt, teacher and index), so an
 *       import into a matching entity only adds what is missing.
 * </ul>
 *
 * <p>A name the target already uses for something different is not an error: the import takes the
 * name with {@code " (from SOURCE)"} appended (then a number), and the report lists it. Training
 * checkpoints are not copied: they are files on the machine that trained.
 *
 * <p>The rows an entity owns are copied by one table-driven routine ({@link ChildRows}); what stays
 * here (about 750 lines) is one method per entity, because each is matched to the target by its own
 * rule (above) and the rules share no code worth a second abstraction.
 */
public final class ProjectImporter {

    private final Project target;
    private final Project source;
    private final String sourceLabel;

    public ProjectImporter(Project target, Project source) {
        if (target.isReadOnly()) {
            throw new IllegalArgumentException(
                    target.file() + ": is open read-only; nothing can be imported into it");
        }
        if (sameFile(target.file(), source.file())) {
            throw new IllegalArgumentException(
                    source.file() + ": is the project being imported into");
        }
        this.target = target;
        this.source = source;
        this.sourceLabel = source.name();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * Imports what {@code request} names; unknown names are an error before anything is written.
     */
    public ImportReport run(ImportRequest request, JobContext ctx) {
        if (request.isEmpty()) {
            throw new IllegalArgumentException(
                    "nothing chosen to import: name runs, profiles, or import everything");
        }
        ImportContents offered = ImportContents.of(source);
        List<String> runs = request.all() ? offered.runNames() : sorted(request.runs());
        List<Long> profiles =
                request.all() ? offered.profileIds() : new ArrayList<>(request.profiles());
        List<String> unknownRuns =
                runs.stream().filter(r -> !offered.runNames().contains(r)).toList();
        if (!unknownRuns.isEmpty()) {
            throw new IllegalArgumentException(
                    "no run named "
                            + String.join(", ", unknownRuns)
                            + " in "
                            + source.file()
                            + " (runs: "
                            + String.join(", ", offered.runNames())
                            + ")");
        }
        List<Long> unknownProfiles =
                profiles.stream().filter(p -> !offered.profileIds().contains(p)).toList();
        if (!unknownProfiles.isEmpty()) {
            throw new IllegalArgumentException(
                    "no profile with id "
                            + unknownProfiles
                            + " in "
                            + source.file()
                            + " (profiles: "
                            + offered.profileIds()
                            + ")");
        }
        List<String> trainings = request.all() ? offered.trainings() : List.of();
        ImportReport total = new ImportReport();
        ctx.progress()
                .start(
                        runs.size() + profiles.size() + trainings.size(),
                        "Importing from " + sourceLabel);
        for (String run : runs) {
            ctx.checkCancelled();
            ctx.progress().message("run " + run);
            total.addAll(inOneTransaction(tx -> tx.run(run)));
            ctx.progress().advance(1);
        }
        for (String training : trainings) {
            ctx.checkCancelled();
            ctx.progress().message("training " + training);
            total.addAll(inOneTransaction(tx -> tx.trainingNamed(training)));
            ctx.progress().advance(1);
        }
        for (long profile : profiles) {
            ctx.checkCancelled();
            ctx.progress().message("profile #" + profile);
            total.addAll(inOneTransaction(tx -> tx.profile(profile)));
            ctx.progress().advance(1);
        }
        return total;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    @FunctionalInterface
    private interface TxWork {
        void apply(Tx tx) throws SQLException;
    }

    /**
     * One entity: its own transaction on the target, its own report (merged only once committed)
     * and its own id maps (ids from a rolled-back transaction must not leak into the next).
     */
    private ImportReport inOneTransaction(TxWork work) {
        return target.write(
                t ->
                        source.read(
                                s -> {
                                    Tx tx = new Tx(s, t);
                                    work.apply(tx);
                                    return tx.report;
                                }));
    }

    /** The work of one transaction: source connection {@code s}, target connection {@code t}. */
    private final class Tx {
        private final Connection s;
        private final Connection t;
        private final ImportReport report = new ImportReport();
        private final Map<Long, Long> models = new HashMap<>();
        private final Set<Long> modelsInProgress = new java.util.HashSet<>();
        private final Map<Long, PromptSetMap> promptSets = new HashMap<>();
        private final Map<Long, Long> metrics = new HashMap<>();
        private final Map<Long, Long> selections = new HashMap<>();
        private final Set<Long> trainingsDone = new LinkedHashSet<>();

        Tx(Connection s, Connection t) {
            this.s = s;
            this.t = t;
        }

        // ---- names ------------------------------------------------------------------------

        /**
         * {@code base} if free in {@code table}, else {@code base (from SOURCE)}, then numbered.
         */
        private String freeName(String table, String kind, String base) throws SQLException {
            String sql = "SELECT 1 FROM " + table + " WHERE name = ?";
            if (!Db.exists(t, sql, base)) {
                return base;
            }
            String stem = base + " (from " + sourceLabel + ")";
            for (int i = 1; ; i++) {
                String name = i == 1 ? stem : stem + " " + i;
                if (!Db.exists(t, sql, name)) {
                    report.renamed(kind, base, name);
                    return name;
                }
            }
        }

        // ---- models -----------------------------------------------------------------------

        Long modelOrNull(Object sourceId) throws SQLException {
            return sourceId == null ? null : model(Db.id(sourceId));
        }

        long model(long sourceId) throws SQLException {
            Long known = models.get(sourceId);
            if (known != null) {
                return known;
            }
            // Project.open refuses parent cycles; this guard keeps the recursion finite anyway.
            if (!modelsInProgress.add(sourceId)) {
                throw new IllegalArgumentException(
                        source.file() + ": model #" + sourceId + " is its own ancestor");
            }
            Object[] m =
                    Db.first(
                                    s,
                                    "SELECT name, kind, location, content_hash, config, role,"
                                            + " parent_id, created_at FROM model WHERE id = ?",
                                    sourceId)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    source.file()
                                                            + ": refers to model #"
                                                            + sourceId
                                                            + ", which it lacks"));
            String name = (String) m[0];
            String kind = (String) m[1];
            String location = Secrets.stripUserInfo((String) m[2]);
            m[4] = Secrets.stripUserInfo((String) m[4]);
            String hash = (String) m[3];
            Long parent = modelOrNull(m[6]);
            Long id =
                    Db.first(
                                    t,
                                    "SELECT id FROM model WHERE name = ? AND kind = ?"
                                            + " AND location IS ? AND content_hash IS ?",
                                    name,
                                    kind,
                                    location,
                                    hash)
                            .map(r -> Db.id(r[0]))
                            .orElse(null);
            if (id == null && hash != null) {
                id =
                        Db.first(
                                        t,
                                        "SELECT id FROM model WHERE kind = ? AND content_hash = ?"
                                                + " ORDER BY id",
                                        kind,
                                        hash)
                                .map(r -> Db.id(r[0]))
                                .orElse(null);
            }
            if (id != null) {
                report.reuse("models");
            } else {
                id =
                        Db.insert(
                                t,
                                "INSERT INTO model(name, kind, location, content_hash, config,"
                                        + " role, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                freeName("model", "model", name),
                                kind,
                                location,
                                hash,
                                m[4],
                                m[5],
                                parent,
                                m[7]);
                report.added("models", 1);
            }
            // Weights the target lacks (it may hold the model from an export without them).
            if (!Db.exists(t, "SELECT 1 FROM model_file WHERE model_id = ?", id)) {
                copy(ChildRows.MODEL_FILES, sourceId, id, Map.of());
            }
            models.put(sourceId, id);
            modelsInProgress.remove(sourceId);
            return id;
        }

        // ---- prompt sets ------------------------------------------------------------------

        PromptSetMap promptSet(long sourceId) throws SQLException {
            PromptSetMap known = promptSets.get(sourceId);
            if (known != null) {
                return known;
            }
            Object[] ps =
                    Db.first(
                                    s,
                                    "SELECT name, source, created_at FROM prompt_set WHERE id = ?",
                                    sourceId)
                            .orElseThrow();
            String name = (String) ps[0];
            List<Object[]> prompts = promptsOf(s, sourceId);
            String fingerprint = fingerprint(prompts);
            Long id = null;
            // Same name first, then any set of the same size: reused if the content matches.
            for (Object[] candidate :
                    Db.rows(
                            t,
                            "SELECT s.id FROM prompt_set s WHERE (SELECT count(*) FROM prompt p"
                                    + " WHERE p.prompt_set_id = s.id) = ? ORDER BY (s.name = ?) DESC, s.id",
                            prompts.size(),
                            name)) {
                long cid = Db.id(candidate[0]);
                if (fingerprint(promptsOf(t, cid)).equals(fingerprint)) {
                    id = cid;
                    break;
                }
            }
            if (id != null) {
                report.reuse("prompt sets");
            } else {
                id =
                        Db.insert(
                                t,
                                "INSERT INTO prompt_set(name, source, created_at) VALUES (?, ?, ?)",
                                freeName("prompt_set", "prompt set", name),
                                ps[1],
                                ps[2]);
                report.added("prompt sets", 1);
                copy(ChildRows.PROMPTS, sourceId, id, Map.of());
            }
            Map<String, Long> byHash = new HashMap<>();
            for (Object[] p : promptsOf(t, id)) {
                byHash.put((String) p[5], Db.id(p[0]));
            }
            Map<Long, Long> promptIds = new HashMap<>();
            for (Object[] p : prompts) {
                promptIds.put(Db.id(p[0]), byHash.get((String) p[5]));
            }
            PromptSetMap map = new PromptSetMap(id, promptIds);
            promptSets.put(sourceId, map);
            return map;
        }

        private static List<Object[]> promptsOf(Connection c, long setId) throws SQLException {
            return Db.rows(
                    c,
                    "SELECT id, idx, text, reference, split, content_hash FROM prompt"
                            + " WHERE prompt_set_id = ? ORDER BY idx",
                    setId);
        }

        private static String fingerprint(List<Object[]> prompts) {
            MessageDigest d = ContentHash.digest();
            for (Object[] p : prompts) {
                String line =
                        p[1]
                                + "\u0000"
                                + p[5]
                                + "\u0000"
                                + p[4]
                                + "\u0000"
                                + (p[3] == null ? "\u0001" : p[3])
                                + "\n";
                d.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        }

        // ---- runs -------------------------------------------------------------------------

        void run(String name) throws SQLException {
            Object[] r =
                    Db.first(
                                    s,
                                    "SELECT id, prompt_set_id, k, seed, params, status,"
                                            + " created_at, updated_at FROM run WHERE name = ?",
                                    name)
                            .orElseThrow();
            long sourceRun = Db.id(r[0]);
            PromptSetMap ps = promptSet(Db.id(r[1]));
            List<Object[]> teachers =
                    Db.rows(
                            s,
                            "SELECT id, idx, spec, model_id, provenance FROM run_teacher"
                                    + " WHERE run_id = ? ORDER BY idx",
                            sourceRun);
            // A key in an endpoint URL's user-info is never stored (also not when an older file
            // carries one); matched without it, so a re-import still finds its run.
            r[4] = Secrets.stripUserInfo((String) r[4]);
            for (Object[] teacher : teachers) {
                teacher[2] = Secrets.stripUserInfo((String) teacher[2]);
                teacher[4] = Secrets.stripUserInfo((String) teacher[4]);
            }
            String teacherKey = teacherKey(teachers);
            Long id = null;
            for (Object[] c :
                    Db.rows(
                            t,
                            "SELECT id FROM run WHERE prompt_set_id = ? AND k = ? AND seed = ?"
                                    + " AND params = ? ORDER BY (name = ?) DESC, id",
                            ps.id(),
                            r[2],
                            r[3],
                            r[4],
                            name)) {
                long cid = Db.id(c[0]);
                if (teacherKey(teachersOf(t, cid)).equals(teacherKey)) {
                    id = cid;
                    break;
                }
            }
            boolean reused = id != null;
            if (reused) {
                report.reuse("runs");
            } else {
                id =
                        Db.insert(
                                t,
                                "INSERT INTO run(name, prompt_set_id, k, seed, params, status,"
                                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                freeName("run", "run", name),
                                ps.id(),
                                r[2],
                                r[3],
                                r[4],
                                r[5],
                                r[6],
                                r[7]);
                copy(
                        ChildRows.RUN_TEACHERS,
                        sourceRun,
                        id,
                        Map.of(
                                "spec", v -> Secrets.stripUserInfo((String) v),
                                "model_id", this::modelOrNull,
                                "provenance", v -> Secrets.stripUserInfo((String) v)));
                report.added("runs", 1);
            }
            Map<Long, Long> teacherIds = new HashMap<>();
            Map<Object, Long> targetTeacherByIdx = new HashMap<>();
            for (Object[] tt : teachersOf(t, id)) {
                targetTeacherByIdx.put(Db.id(tt[1]), Db.id(tt[0]));
            }
            for (Object[] st : teachers) {
                teacherIds.put(Db.id(st[0]), targetTeacherByIdx.get(Db.id(st[1])));
            }
            long targetRun = id;
            long addedCandidates = copyCandidates(sourceRun, targetRun, ps, teacherIds);
            if (reused && addedCandidates > 0) {
                // The source had got further than the copy held here: take its status.
                Db.update(
                        t,
                        "UPDATE run SET status = ?, updated_at = ? WHERE id = ?",
                        r[5],
                        Instant.now().toString(),
                        targetRun);
            }
            Map<Long, Long> candidates = candidateMap(sourceRun, targetRun, ps, teacherIds);
            copyScores(sourceRun, candidates);
            copySelections(sourceRun, targetRun, ps, candidates);
            for (Object[] tr :
                    Db.rows(
                            s,
                            "SELECT t.id FROM training t JOIN selection x ON x.id = t.selection_id"
                                    + " WHERE x.run_id = ? ORDER BY t.id",
                            sourceRun)) {
                training(Db.id(tr[0]));
            }
        }

        private List<Object[]> teachersOf(Connection c, long runId) throws SQLException {
            return Db.rows(
                    c,
                    "SELECT id, idx, spec, model_id, provenance FROM run_teacher"
                            + " WHERE run_id = ? ORDER BY idx",
                    runId);
        }

        private static String teacherKey(List<Object[]> teachers) {
            StringBuilder sb = new StringBuilder();
            for (Object[] tt : teachers) {
                sb.append(tt[1]).append('\u0000').append(tt[2]).append('\n');
            }
            return sb.toString();
        }

        private long copyCandidates(
                long sourceRun, long targetRun, PromptSetMap ps, Map<Long, Long> teacherIds)
                throws SQLException {
            return copy(
                    ChildRows.CANDIDATES,
                    sourceRun,
                    targetRun,
                    Map.of(
                            "prompt_id", v -> ps.prompt(Db.id(v)),
                            "teacher_id", v -> teacherIds.get(Db.id(v))));
        }

        /** Source candidate id → target candidate id, through the key (prompt, teacher, index). */
        private Map<Long, Long> candidateMap(
                long sourceRun, long targetRun, PromptSetMap ps, Map<Long, Long> teacherIds)
                throws SQLException {
            Map<CandidateKey, Long> targetIds = new HashMap<>();
            Db.each(
                    t,
                    "SELECT prompt_id, teacher_id, idx, id FROM candidate WHERE run_id = ?",
                    c ->
                            targetIds.put(
                                    new CandidateKey(Db.id(c[0]), Db.id(c[1]), Db.id(c[2])),
                                    Db.id(c[3])),
                    targetRun);
            Map<Long, Long> out = new HashMap<>();
            Db.each(
                    s,
                    "SELECT id, prompt_id, teacher_id, idx FROM candidate WHERE run_id = ?",
                    c ->
                            out.put(
                                    Db.id(c[0]),
                                    Objects.requireNonNull(
                                            targetIds.get(
                                                    new CandidateKey(
                                                            ps.prompt(Db.id(c[1])),
                                                            teacherIds.get(Db.id(c[2])),
                                                            Db.id(c[3]))))),
                    sourceRun);
            return out;
        }

        private void copyScores(long sourceRun, Map<Long, Long> candidates) throws SQLException {
            copy(
                    ChildRows.SCORES,
                    sourceRun,
                    null,
                    Map.of(
                            "candidate_id", v -> candidates.get(Db.id(v)),
                            "metric_id", v -> metric(Db.id(v))));
        }

        private long metric(long sourceId) throws SQLException {
            Long known = metrics.get(sourceId);
            if (known != null) {
                return known;
            }
            Object[] m =
                    Db.first(s, "SELECT name, version, params FROM metric WHERE id = ?", sourceId)
                            .orElseThrow();
            long id =
                    Db.first(
                                    t,
                                    "SELECT id FROM metric WHERE name = ? AND version = ? AND params = ?",
                                    m[0],
                                    m[1],
                                    m[2])
                            .map(r -> Db.id(r[0]))
                            .orElse(-1L);
            if (id < 0) {
                id =
                        Db.insert(
                                t,
                                "INSERT INTO metric(name, version, params) VALUES (?, ?, ?)",
                                m[0],
                                m[1],
                                m[2]);
                report.added("metrics", 1);
            }
            metrics.put(sourceId, id);
            return id;
        }

        private void copySelections(
                long sourceRun, long targetRun, PromptSetMap ps, Map<Long, Long> candidates)
                throws SQLException {
            for (Object[] sel :
                    Db.rows(
                            s,
                            "SELECT id, name, strategy, summary, created_at FROM selection"
                                    + " WHERE run_id = ? ORDER BY id",
                            sourceRun)) {
                String name = (String) sel[1];
                Long id =
                        Db.first(
                                        t,
                                        "SELECT id FROM selection WHERE run_id = ? AND strategy = ?"
                                                + " ORDER BY (name = ?) DESC, id",
                                        targetRun,
                                        sel[2],
                                        name)
                                .map(r -> Db.id(r[0]))
                                .orElse(null);
                if (id != null) {
                    report.reuse("selections");
                } else {
                    id =
                            Db.insert(
                                    t,
                                    "INSERT INTO selection(run_id, name, strategy, summary,"
                                            + " created_at) VALUES (?, ?, ?, ?, ?)",
                                    targetRun,
                                    freeName("selection", "selection", name),
                                    sel[2],
                                    sel[3],
                                    sel[4]);
                    report.added("selections", 1);
                }
                copy(
                        ChildRows.SELECTED,
                        Db.id(sel[0]),
                        id,
                        Map.of(
                                "prompt_id", v -> ps.prompt(Db.id(v)),
                                "candidate_id", v -> candidates.get(Db.id(v))));
                selections.put(Db.id(sel[0]), id);
            }
        }

        // ---- trainings --------------------------------------------------------------------

        void trainingNamed(String name) throws SQLException {
            training(
                    Db.id(
                            Db.first(s, "SELECT id FROM training WHERE name = ?", name)
                                    .orElseThrow()[0]));
        }

        void training(long sourceId) throws SQLException {
            if (!trainingsDone.add(sourceId)) {
                return;
            }
            Object[] tr =
                    Db.first(
                                    s,
                                    "SELECT name, base_model_id, base_location, data_source,"
                                            + " data_hash, selection_id, config, seed, replicate,"
                                            + " total_steps, status, output_model_id, created_at,"
                                            + " finished_at FROM training WHERE id = ?",
                                    sourceId)
                            .orElseThrow();
            String name = (String) tr[0];
            Long selection = null;
            if (tr[5] != null) {
                selection = selections.get(Db.id(tr[5]));
                if (selection == null) {
                    throw new IllegalStateException(
                            "training '" + name + "' is imported only with its run");
                }
            }
            Long base = modelOrNull(tr[1]);
            Long output = modelOrNull(tr[11]);
            Object[] existing =
                    Db.first(
                                    t,
                                    "SELECT id, status FROM training WHERE data_hash = ? AND config = ?"
                                            + " AND seed = ? AND replicate = ? AND base_location = ?"
                                            + " ORDER BY (name = ?) DESC, id",
                                    tr[4],
                                    tr[6],
                                    tr[7],
                                    tr[8],
                                    tr[2],
                                    name)
                            .orElse(null);
            long id;
            if (existing != null) {
                id = Db.id(existing[0]);
                report.reuse("trainings");
                if (!"done".equals(existing[1]) && "done".equals(tr[10])) {
                    Db.update(
                            t,
                            "UPDATE training SET status = ?, output_model_id = ?, finished_at = ?"
                                    + " WHERE id = ?",
                            tr[10],
                            output,
                            tr[13],
                            id);
                }
            } else {
                id =
                        Db.insert(
                                t,
                                "INSERT INTO training(name, base_model_id, base_location,"
                                        + " data_source, data_hash, selection_id, config, seed,"
                                        + " replicate, total_steps, status, output_model_id,"
                                        + " created_at, finished_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                freeName("training", "training", name),
                                base,
                                tr[2],
                                tr[3],
                                tr[4],
                                selection,
                                tr[6],
                                tr[7],
                                tr[8],
                                tr[9],
                                tr[10],
                                output,
                                tr[12],
                                tr[13]);
                report.added("trainings", 1);
            }
            copy(ChildRows.TRAINING_LOG, sourceId, id, Map.of());
        }

        // ---- profiles ---------------------------------------------------------------------

        void profile(long sourceId) throws SQLException {
            Object[] p =
                    Db.first(
                                    s,
                                    "SELECT model_id, suite, config, status, summary, created_at"
                                            + " FROM profile WHERE id = ?",
                                    sourceId)
                            .orElseThrow();
            long model = model(Db.id(p[0]));
            Object[] existing =
                    Db.first(
                                    t,
                                    "SELECT id, status FROM profile WHERE model_id = ? AND suite = ?"
                                            + " AND config = ?",
                                    model,
                                    p[1],
                                    p[2])
                            .orElse(null);
            long id;
            if (existing != null) {
                id = Db.id(existing[0]);
                report.reuse("profiles");
                if (!"complete".equals(existing[1]) && "complete".equals(p[3])) {
                    Db.update(
                            t,
                            "UPDATE profile SET status = ?, summary = ? WHERE id = ?",
                            p[3],
                            p[4],
                            id);
                }
            } else {
                id =
                        Db.insert(
                                t,
                                "INSERT INTO profile(model_id, suite, config, status, summary,"
                                        + " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                model,
                                p[1],
                                p[2],
                                p[3],
                                p[4],
                                p[5]);
                report.added("profiles", 1);
            }
            copy(ChildRows.PROFILE_ITEMS, sourceId, id, Map.of());
        }

        /** Copies the rows one owner has, through {@link ChildRows}; returns the rows added. */
        private long copy(
                ChildRows.Spec spec,
                long sourceOwner,
                Long targetOwner,
                Map<String, ChildRows.Remap> remaps)
                throws SQLException {
            return ChildRows.copy(spec, s, t, sourceOwner, targetOwner, remaps, report);
        }
    }

    private record CandidateKey(long prompt, long teacher, long index) {}

    /** A source prompt set's counterpart in the target, with prompt ids mapped. */
    private record PromptSetMap(long id, Map<Long, Long> prompts) {
        long prompt(long sourcePromptId) {
            return Objects.requireNonNull(prompts.get(sourcePromptId), "prompt not mapped");
        }
    }
}
