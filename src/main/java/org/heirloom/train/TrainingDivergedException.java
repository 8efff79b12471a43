package org.heirloom.train;

/** Training produced a loss that is not a finite number; the message says which and when. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
