package org.heirloom.train;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;

/** The project's trainings as loss curves, for figures that must not query. */
public final class TrainingSummaries {

    private TrainingSummaries() {}

    /**
     * One training's curve.
     *
     * @param arm the training's arm ({@link #arm})
     * @param status {@code running}, {@code done}, … (a curve of an unfinished training stops
     *     early)
     */
    public record Curve(
            String training,
            String arm,
            String status,
            double[] trainSteps,
            double[] trainLoss,
            double[] heldoutSteps,
            double[] heldoutLoss) {}

    /** Every training with at least one logged point, in creation order. */
    public static List<Curve> curves(Project project) {
        TrainingRepository repo = new TrainingRepository(project);
        List<Curve> out = new ArrayList<>();
        for (TrainingRepository.Training t : repo.list()) {
            List<TrainingRepository.LogRow> rows = repo.curve(t.id());
            if (rows.isEmpty()) {
                continue;
            }
            List<double[]> train = new ArrayList<>();
            List<double[]> held = new ArrayList<>();
            for (TrainingRepository.LogRow r : rows) {
                (r.split().equals("train") ? train : held).add(new double[] {r.step(), r.loss()});
            }
            out.add(
                    new Curve(
                            t.name(),
                            arm(t.name()),
                            t.status(),
                            column(train, 0),
                            column(train, 1),
                            column(held, 0),
                            column(held, 1)));
        }
        return out;
    }

    /** The arm of a training or model: replicates {@code NAME-r0}, {@code NAME-r1}, … form NAME. */
    public static String arm(String training) {
        return training.replaceFirst("-r\\d+$", "");
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }
}
