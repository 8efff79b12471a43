package org.heirloom.job;

/**
 * Receives progress of long work: units done out of a total, and a short message. Core code reports
 * through this interface only; the UI turns it into bars and the CLI into a line on stderr.
 * Implementations must be thread-safe.
 */
public interface Progress {

    /** Sets (or resets) the total number of units; {@code done} restarts from 0. */
    void start(long total, String message);

    /** Adds {@code units} to the units done. */
    void advance(long units);

    /** Replaces the message without changing the counts. */
    void message(String message);

    /** Progress that goes nowhere. */
    Progress NONE =
            new Progress() {
                @Override
                public void start(long total, String message) {}

                @Override
                public void advance(long units) {}

                @Override
                public void message(String message) {}
            };
}
