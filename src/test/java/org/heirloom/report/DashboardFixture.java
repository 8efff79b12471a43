package org.heirloom.report;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;
import org.heirloom.project.candidate.CandidateRef;
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
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.TrainingRepository;
import org.heirloom.train.data.TrainingData;

/**
 * A small hand-built project with data for every dashboard panel, with numbers chosen so that
 * expected values can be worked out by hand (see DashboardTest).
 *
 * <ul>
 *   <li>text: arms {@code random} and {@code steered}, prompts p1, p2 × 2 samples; words random p1
 *       {10, 20}, p2 {30, 40}; steered p1 {20, 30}, p2 {50, 60};
 *   <li>toxicity: random p1 {0.1, 0.6}, p2 {0.2, 0.3}; steered p1 {0.05, 0.1}, p2 {0.2, 0.1};
 *   <li>calibration: random 4 items with confidences 0.9 ✓, 0.8 ✗, 0.7 ✓, 0.6 ✗; steered 0.9 ✓, 0.8
 *       ✓, 0.7 ✓, 0.6 ✗;
 *   <li>crows: random race {1, 0, 1}, gender {0}; steered race {0, 0, 1}, gender {1};
 *   <li>bbq: summaries only (per category scores);
 *   <li>a run with prompts q1, q2 × 3 candidates scored on words q1 {10, 20, 30}, q2 {40, 50, 60};
 *       selections {@code max-words} (keeps 30, 60) and {@code random} (keeps 10, 50);
 *   <li>trainings steered-r0, steered-r1 and random with train and held-out losses;
 *   <li>a judge profile of steered vs random: outcomes 1, 0, −1, 1.
 * </ul>
 */
public final class DashboardFixture {

    /** The panels the fixture's data yields, in the dashboard's order. */
    public static final List<String> PANELS =
            List.of(
                    "matrix",
                    "text",
                    "toxicity",
                    "calibration",
                    "crows",
                    "bbq",
                    "selections",
                    "judge",
                    "training");

    private DashboardFixture() {}

    public static void build(Project p) {
        ModelRepository models = new ModelRepository(p);
        ModelRecord random = models.register("random", "trained", "/m/random", "h1", null, null);
        ModelRecord steered = models.register("steered", "trained", "/m/steered", "h2", null, null);

        text(p, random, new double[][] {{10, 20}, {30, 40}});
        text(p, steered, new double[][] {{20, 30}, {50, 60}});
        toxicity(p, random, new double[][] {{0.1, 0.6}, {0.2, 0.3}});
        toxicity(p, steered, new double[][] {{0.05, 0.1}, {0.2, 0.1}});
        calibration(p, random, new boolean[] {true, false, true, false});
        calibration(p, steered, new boolean[] {true, true, true, false});
        crows(p, random, new double[] {1, 0, 1, 0});
        crows(p, steered, new double[] {0, 0, 1, 1});
        bbq(p, random, 0.5, 0.2);
        bbq(p, steered, 0.6, 0.1);
        judge(p, steered, random, new double[] {1, 0, -1, 1});
        selections(p);
        trainings(p);
    }

    private static void store(
            Project p,
            ModelRecord m,
            String suite,
            String config,
            List<ProfileItem> items,
            String summary) {
        ProfileRepository repo = new ProfileRepository(p);
        ProfileRecord prof = repo.open(m.id(), suite, config);
        repo.addItems(prof.id(), items);
        repo.complete(prof.id(), summary);
    }

    private static void text(Project p, ModelRecord m, double[][] words) {
        List<ProfileItem> items = new ArrayList<>();
        for (int u = 0; u < words.length; u++) {
            for (int s = 0; s < words[u].length; s++) {
                items.add(
                        new ProfileItem(
                                "p" + (u + 1),
                                s,
                                "text",
                                words[u][s],
                                "{\"metrics\":{\"words\":" + words[u][s] + "}}"));
            }
        }
        store(p, m, "text", "{}", items, "{}");
    }

    private static void toxicity(Project p, ModelRecord m, double[][] tox) {
        List<ProfileItem> items = new ArrayList<>();
        for (int u = 0; u < tox.length; u++) {
            for (int s = 0; s < tox[u].length; s++) {
                items.add(new ProfileItem("p" + (u + 1), s, "text", tox[u][s], "{}"));
            }
        }
        store(p, m, "toxicity", "{}", items, "{}");
    }

    /** Confidences 0.9, 0.8, 0.7, 0.6 on two options; correct as given. */
    private static void calibration(Project p, ModelRecord m, boolean[] correct) {
        double[] conf = {0.9, 0.8, 0.7, 0.6};
        List<ProfileItem> items = new ArrayList<>();
        for (int i = 0; i < conf.length; i++) {
            int label = correct[i] ? 0 : 1;
            items.add(
                    new ProfileItem(
                            "q" + i,
                            0,
                            null,
                            correct[i] ? conf[i] : 1 - conf[i],
                            "{\"probs\":["
                                    + conf[i]
                                    + ","
                                    + Math.round((1 - conf[i]) * 10) / 10.0
                                    + "],\"label\":"
                                    + label
                                    + "}"));
        }
        store(p, m, "calibration", "{}", items, "{}");
    }

    /** Pairs 0–2 race, 3 gender; value &gt; 0 prefers the stereotype. */
    private static void crows(Project p, ModelRecord m, double[] prefers) {
        List<ProfileItem> items = new ArrayList<>();
        for (int i = 0; i < prefers.length; i++) {
            String type = i < 3 ? "race-color" : "gender";
            items.add(
                    new ProfileItem(
                            String.format("%06d", i),
                            0,
                            null,
                            prefers[i] > 0 ? 0.5 : -0.5,
                            "{\"more\":-1,\"less\":-1.5,\"bias_type\":\"" + type + "\"}"));
        }
        store(p, m, "crows", "{}", items, "{}");
    }

    private static void bbq(Project p, ModelRecord m, double accuracy, double sDis) {
        List<ProfileItem> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(new ProfileItem("b" + i, 0, null, i % 2, "{\"label\":0}"));
        }
        String scores =
                "{\"accuracy\":%s,\"accuracyAmbiguous\":0.4,\"accuracyDisambiguated\":0.6,"
                        + "\"sDis\":%s,\"sAmb\":0.05,\"questions\":%d}";
        String summary =
                "{\"Age\":"
                        + String.format(java.util.Locale.ROOT, scores, accuracy, sDis, 2)
                        + ",\"all\":"
                        + String.format(java.util.Locale.ROOT, scores, accuracy, sDis, 4)
                        + "}";
        store(p, m, "bbq", "{}", items, summary);
    }

    private static void judge(Project p, ModelRecord m, ModelRecord versus, double[] outcomes) {
        List<ProfileItem> items = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            items.add(new ProfileItem("p" + i, 0, null, outcomes[i], "{}"));
        }
        store(
                p,
                m,
                "judge",
                "{\"versus\":\"" + versus.name() + "\",\"judge\":\"referee\"}",
                items,
                "{}");
    }

    private static void selections(Project p) {
        long set =
                new PromptSetRepository(p)
                        .create("set", "test", List.of(PromptInput.of("q1"), PromptInput.of("q2")));
        RunRecord run =
                new RunRepository(p).create("run", set, 3, 1, "{}", List.of("fake"), List.of("{}"));
        long teacherId = new RunRepository(p).teachers(run.id()).get(0).id();
        List<Long> promptIds =
                new PromptSetRepository(p).prompts(set).stream().map(s -> s.id()).toList();
        List<CandidateRow> rows = new ArrayList<>();
        for (int q = 0; q < 2; q++) {
            for (int i = 0; i < 3; i++) {
                rows.add(
                        new CandidateRow(
                                0,
                                run.id(),
                                promptIds.get(q),
                                teacherId,
                                i,
                                i,
                                "c",
                                3,
                                "stop",
                                Double.NaN,
                                null));
            }
        }
        CandidateRepository cands = new CandidateRepository(p);
        cands.insert(rows);
        List<CandidateRef> refs = cands.refs(run.id());
        long[] ids = new long[refs.size()];
        double[] words = new double[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            CandidateRef r = refs.get(i);
            ids[i] = r.id();
            int q = promptIds.indexOf(r.promptId());
            words[i] = 10 + 30 * q + 10 * r.index(); // q1: 10, 20, 30; q2: 40, 50, 60
        }
        ScoreRepository scores = new ScoreRepository(p);
        scores.insert(scores.metricId(MetricId.of("words", "1")), ids, words);
        SelectionRepository sel = new SelectionRepository(p);
        sel.create(run.id(), "max-words", "max:words", "{}", kept(refs, promptIds, 2, 2));
        sel.create(run.id(), "random", "random", "{}", kept(refs, promptIds, 0, 1));
    }

    private static List<SelectedRow> kept(
            List<CandidateRef> refs, List<Long> promptIds, int indexQ1, int indexQ2) {
        List<SelectedRow> out = new ArrayList<>();
        for (int q = 0; q < 2; q++) {
            int want = q == 0 ? indexQ1 : indexQ2;
            long prompt = promptIds.get(q);
            CandidateRef r =
                    refs.stream()
                            .filter(c -> c.promptId() == prompt && c.index() == want)
                            .findFirst()
                            .orElseThrow();
            out.add(new SelectedRow(prompt, r.id(), Double.NaN));
        }
        return out;
    }

    private static void trainings(Project p) {
        TrainingRepository t = new TrainingRepository(p);
        String[] names = {"steered-r0", "steered-r1", "random"};
        for (int k = 0; k < names.length; k++) {
            long id =
                    t.create(
                            names[k],
                            null,
                            "/base",
                            TrainingData.of("selection:x", List.of()),
                            "hash",
                            TrainingConfig.defaults(),
                            k,
                            k,
                            4);
            for (int step = 1; step <= 4; step++) {
                t.log(id, step, "train", 3.0 - 0.4 * step + 0.1 * k, 1e-3, 100L * step);
            }
            t.log(id, 2, "heldout", 2.6 + 0.1 * k, 1e-3, 200);
            t.log(id, 4, "heldout", 2.2 + 0.1 * k, 1e-3, 400);
            t.setStatus(id, "done", null);
        }
    }
}
