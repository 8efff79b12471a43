package org.heirloom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.train.TrainingSummaries;
import org.heirloom.train.TrainingSummaries.Curve;

/**
 * Loss curves of the project's trainings: train (solid) and held-out (dashed) loss against step,
 * one line per replicate, coloured by arm ({@code NAME-r0}, {@code NAME-r1}, … form arm NAME),
 * drawn from {@link TrainingSummaries}.
 */
public final class TrainingCurves {

    private TrainingCurves() {}

    /** The arm a model or training belongs to, for its colour. */
    static String arm(String training) {
        return TrainingSummaries.arm(training);
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
