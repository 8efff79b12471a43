package org.heirloom.share;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.candidate.CandidateRow;
import org.heirloom.project.candidate.ScoreRepository;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.project.profile.ProfileItem;
import org.heirloom.project.profile.ProfileRecord;
import org.heirloom.project.profile.ProfileRepository;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.run.RunRecord;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.SelectedRow;
import org.heirloom.project.run.SelectionRepository;
import org.heirloom.score.MetricId;

/**
 * Hand-built projects for import tests. A run {@code name} over prompts {@code "<set> i"} has k=2
 * candidates per prompt with text {@code "<run> p<i> c<j>"}, a {@code words} score of {@code 10*i +
 * j}, a selection {@code "<run>-best"} keeping candidate 1 of every prompt, and a training on that
 * selection whose output model {@code "<run>-student"} has one stored file.
 */
public final class ImportFixtures {

    private ImportFixtures() {}

    public static Project create(Path dir, String name) {
        return Project.create(dir.resolve(name + ".heirloom"), name);
    }

    public static long promptSet(Project p, String name, int n) {
        List<PromptInput> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add(PromptInput.of(name + " " + i));
        }
        return new PromptSetRepository(p).create(name, "test", prompts);
    }

    public static List<Long> promptIds(Project p, long set) {
        return new PromptSetRepository(p).prompts(set).stream().map(sp -> sp.id()).toList();
    }

    /** A complete run over {@code promptSet} with candidates 0..candidatesPerPrompt-1 stored. */
    public static RunRecord run(Project p, String name, long promptSet, long seed, int stored) {
        ModelRecord teacher =
                new ModelRepository(p)
                        .register("teacher", "local", "/models/t", "hash-t", "teacher", null);
        RunRecord run =
                new RunRepository(p)
                        .create(
                                name,
                                promptSet,
                                2,
                                seed,
                                "{\"k\":2}",
                                List.of("local:/models/t"),
                                List.of("{}"));
        long teacherId = new RunRepository(p).teachers(run.id()).get(0).id();
        p.write(
                c ->
                        exec(
                                c,
                                "UPDATE run_teacher SET model_id = ? WHERE id = ?",
                                teacher.id(),
                                teacherId));
        addCandidates(p, run, teacherId, promptSet, 0, stored);
        return run;
    }

    /** Stores candidates with index in [from, to) for every prompt. */
    public static void addCandidates(
            Project p, RunRecord run, long teacherId, long set, int from, int to) {
        List<Long> prompts = promptIds(p, set);
        List<CandidateRow> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            for (int j = from; j < to; j++) {
                rows.add(
                        new CandidateRow(
                                0,
                                run.id(),
                                prompts.get(i),
                                teacherId,
                                j,
                                100 * i + j,
                                run.name() + " p" + i + " c" + j,
                                3,
                                "stop",
                                -1.5,
                                null,
                                j == 1 ? "reasoning p" + i : null));
            }
        }
        new CandidateRepository(p).insert(rows);
    }

    /** Scores, the selection and a training with logs and an output model with a file. */
    public static void scoreSelectTrain(Project p, RunRecord run, long set) {
        ScoreRepository scores = new ScoreRepository(p);
        long metric = scores.metricId(MetricId.of("words", "1"));
        List<Long> prompts = promptIds(p, set);
        var refs = new CandidateRepository(p).refs(run.id());
        long[] ids = new long[refs.size()];
        double[] values = new double[refs.size()];
        List<SelectedRow> best = new ArrayList<>();
        for (int n = 0; n < refs.size(); n++) {
            var r = refs.get(n);
            int i = prompts.indexOf(r.promptId());
            ids[n] = r.id();
            values[n] = 10 * i + r.index();
            if (r.index() == 1) {
                best.add(new SelectedRow(r.promptId(), r.id(), values[n]));
            }
        }
        scores.insert(metric, ids, values);
        long selection =
                new SelectionRepository(p)
                        .create(run.id(), run.name() + "-best", "best_of_k(words)", "{}", best);
        ModelRecord student =
                new ModelRepository(p)
                        .register(
                                run.name() + "-student",
                                "trained",
                                null,
                                "hash-" + run.name(),
                                "steered",
                                null);
        p.write(
                c -> {
                    exec(
                            c,
                            "INSERT INTO model_file(model_id, path, data) VALUES (?, 'model.safetensors', ?)",
                            student.id(),
                            new byte[] {1, 2, 3});
                    exec(
                            c,
                            "INSERT INTO training(name, base_location, data_source, data_hash, selection_id,"
                                    + " config, seed, replicate, total_steps, status, output_model_id, created_at)"
                                    + " VALUES (?, '/models/base', 'selection', ?, ?, '{}', 7, 0, 2, 'done', ?, 'now')",
                            run.name() + "-train",
                            "data-" + run.name(),
                            selection,
                            student.id());
                    long training =
                            single(
                                    c,
                                    "SELECT id FROM training WHERE name = ?",
                                    run.name() + "-train");
                    exec(
                            c,
                            "INSERT INTO training_log VALUES (?, 1, 'train', 2.5, 0.001, 10)",
                            training);
                    exec(
                            c,
                            "INSERT INTO training_log VALUES (?, 2, 'train', 2.0, 0.001, 20)",
                            training);
                    return null;
                });
    }

    public static ProfileRecord profile(Project p, String model, int items) {
        ModelRecord m = new ModelRepository(p).find(model).orElseThrow();
        ProfileRepository repo = new ProfileRepository(p);
        ProfileRecord rec = repo.open(m.id(), "text", "{\"n\":" + items + "}");
        List<ProfileItem> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add(new ProfileItem("item" + i, 0, "gen " + i, i / 10.0, null));
        }
        repo.addItems(rec.id(), list);
        return rec;
    }

    public static Void exec(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
        return null;
    }

    public static long single(java.sql.Connection c, String sql, Object... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static long count(Project p, String sql, Object... args) {
        return p.read(c -> single(c, sql, args));
    }

    public static List<String> strings(Project p, String sql, Object... args) {
        return p.read(
                c -> {
                    List<String> out = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < args.length; i++) {
                            ps.setObject(i + 1, args[i]);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(rs.getString(1));
                            }
                        }
                    }
                    return out;
                });
    }
}
