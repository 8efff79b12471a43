package org.heirloom.train;

/**
 * Linear warm-up then cosine decay to zero, as transformers' {@code
 * get_cosine_schedule_with_warmup}: optimizer step {@code s} (0-based) uses {@code peak · s / w}
 * during warm-up, then {@code peak · ½(1 + cos(π · (s − w) / (total − w)))}.
 */
public record LrSchedule(double peak, int warmupSteps, int totalSteps) {

    public LrSchedule {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "schedule needs 0 <= warmup ("
                            + warmupSteps
                            + ") <= total ("
                            + totalSteps
                            + ")");
        }
    }

    /** Learning rate of optimizer step {@code step} (0-based). */
    public double at(int step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return peak * Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
    }
}
