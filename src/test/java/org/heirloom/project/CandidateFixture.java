package org.heirloom.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.candidate.CandidateRepository;
import org.heirloom.project.candidate.CandidateRow;
import org.heirloom.project.candidate.ScoreRepository;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.prompt.StoredPrompt;
import org.heirloom.project.run.RunRecord;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.RunTeacherRecord;
import org.heirloom.project.run.SelectedRow;
import org.heirloom.project.run.SelectionRepository;
import org.heirloom.score.MetricId;

/**
 * A small project whose candidate table is known by hand: 3 prompts × 2 teachers × k=2, ids 1..12
 * in (prompt, teacher, index) order, metrics {@code words} (all scored) and {@code tox} (#2
 * undefined, #4 unscored), selection {@code best-words} keeping #4, #6, #11.
 */
public final class CandidateFixture {

    public static final String RUN = "run-a";
    public static final String SELECTION = "best-words";

    /** text, words, tox (NaN = NULL; null = no score row), tokens (-1 = NULL), finish. */
    record Spec(String text, double words, Double tox, int tokens, String finish) {}

    static final List<Spec> CANDIDATES =
            List.of(
                    new Spec("red fox jumps", 3, 0.5, 5, "eos"),
                    new Spec("blue whale sings loudly", 4, Double.NaN, 7, "length"),
                    new Spec("green frog", 2, 0.1, 3, "eos"),
                    new Spec("a red barn in the field", 6, null, -1, "eos"),
                    new Spec("quiet river", 2, 0.9, 4, "eos"),
                    new Spec("the fox and the hound", 5, 0.3, 9, "eos"),
                    new Spec("50% off_sale today", 3, 0.2, 6, null),
                    new Spec("sunny day", 2, 0.7, 2, "eos"),
                    new Spec("foxglove blooms", 2, 0.4, 4, "eos"),
                    new Spec("red red red red", 4, 0.6, 4, "length"),
                    new Spec("night sky full of stars", 5, 0.8, 8, "eos"),
                    new Spec("Redwood forest", 2, 0.05, 3, "eos"));

    private CandidateFixture() {}

    /**
     * Creates the project; a second run {@code run-big} holds {@code bigK} candidates of 1 prompt.
     */
    public static Path create(Path file, int bigK) {
        try (Project p = Project.create(file, "candidates")) {
            PromptSetRepository sets = new PromptSetRepository(p);
            long set =
                    sets.create(
                            "prompts",
                            "test",
                            List.of(
                                    PromptInput.of("Tell me about animals."),
                                    PromptInput.of("Describe the weather."),
                                    PromptInput.of("Write about nature.")));
            List<StoredPrompt> prompts = sets.prompts(set);
            RunRepository runs = new RunRepository(p);
            RunRecord run =
                    runs.create(RUN, set, 2, 1, "{}", List.of("t:a", "t:b"), List.of("{}", "{}"));
            List<RunTeacherRecord> teachers = runs.teachers(run.id());
            List<CandidateRow> rows = new ArrayList<>();
            int n = 0;
            for (StoredPrompt sp : prompts) {
                for (RunTeacherRecord t : teachers) {
                    for (int i = 0; i < 2; i++) {
                        Spec s = CANDIDATES.get(n);
                        rows.add(
                                new CandidateRow(
                                        0,
                                        run.id(),
                                        sp.id(),
                                        t.id(),
                                        i,
                                        100 + n,
                                        s.text(),
                                        s.tokens(),
                                        s.finish(),
                                        -1.5,
                                        null));
                        n++;
                    }
                }
            }
            new CandidateRepository(p).insert(rows);
            ScoreRepository scores = new ScoreRepository(p);
            long words = scores.metricId(MetricId.of("words", "1"));
            long tox = scores.metricId(MetricId.of("tox", "1"));
            long[] ids = new long[12];
            double[] w = new double[12];
            List<Long> toxIds = new ArrayList<>();
            List<Double> toxValues = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids[i] = i + 1;
                w[i] = CANDIDATES.get(i).words();
                if (CANDIDATES.get(i).tox() != null) {
                    toxIds.add(i + 1L);
                    toxValues.add(CANDIDATES.get(i).tox());
                }
            }
            scores.insert(words, ids, w);
            scores.insert(
                    tox,
                    toxIds.stream().mapToLong(Long::longValue).toArray(),
                    toxValues.stream().mapToDouble(Double::doubleValue).toArray());
            new SelectionRepository(p)
                    .create(
                            run.id(),
                            SELECTION,
                            "best-of-k words",
                            "{}",
                            List.of(
                                    new SelectedRow(prompts.get(0).id(), 4, 6),
                                    new SelectedRow(prompts.get(1).id(), 6, 5),
                                    new SelectedRow(prompts.get(2).id(), 11, 5)));
            if (bigK > 0) {
                RunRecord big =
                        runs.create("run-big", set, bigK, 2, "{}", List.of("t:big"), List.of("{}"));
                long teacher = runs.teachers(big.id()).get(0).id();
                List<CandidateRow> more = new ArrayList<>();
                for (int i = 0; i < bigK; i++) {
                    more.add(
                            new CandidateRow(
                                    0,
                                    big.id(),
                                    prompts.get(0).id(),
                                    teacher,
                                    i,
                                    i,
                                    "big candidate " + i,
                                    i,
                                    "eos",
                                    Double.NaN,
                                    null));
                }
                new CandidateRepository(p).insert(more);
            }
        }
        return file;
    }
}
