package org.heirloom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.project.Project;
import org.heirloom.train.TrainingRepository;

/**
 * Loss curves of the project's trainings: train (solid) and held-out (dashed) loss against step,
 * one line per replicate, coloured by arm ({@code NAME-r0}, {@code NAME-r1}, … form arm NAME).
 */
public final class TrainingCurves {

    private TrainingCurves() {}

    /** One training's curve. */
    public record Curve(
            String training,
            String arm,
            String status,
            double[] trainSteps,
            double[] trainLoss,
            double[] heldoutSteps,
            double[] heldoutLoss) {}

    public static List<Curve> load(Project project) {
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

    static String arm(String training) {
        return training.replaceFirst("-r\\d+$", "");
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    public static Optional<Figure> figure(List<Curve> curves, ArmRoles roles) {
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        List<ChartSpec.Line> lines = new ArrayList<>();
        for (Curve c : curves) {
            ArmRoles.Role r = roles.role(c.arm());
            if (c.trainSteps().length > 0) {
                lines.add(
                        new ChartSpec.Line(
                                c.arm() + " train",
                                c.training() + " (train)",
                                r.role(),
                                r.index(),
                                c.trainSteps(),
                                c.trainLoss(),
                                false));
            }
            if (c.heldoutSteps().length > 0) {
                lines.add(
                        new ChartSpec.Line(
                                c.arm() + " held-out",
                                c.training() + " (held-out)",
                                r.role(),
                                r.index(),
                                c.heldoutSteps(),
                                c.heldoutLoss(),
                                true));
            }
        }
        return Optional.of(
                new Figure(
                        "training-loss",
                        "trainings: train (solid) and held-out (dashed) loss against step, one line"
                                + " per replicate, coloured by arm",
                        null,
                        null,
                        new ChartSpec.Lines("Training loss", "step", "loss", lines)));
    }
}
