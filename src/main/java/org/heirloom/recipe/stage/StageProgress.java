package org.heirloom.recipe.stage;

import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;

/**
 * The progress of one recipe stage: what the stage's services report (their own done/total: steps,
 * prompts, items) with the stage's name and its unit counter in front of the message, e.g. {@code
 * students 3/4 steered-r0 · step 12/40 loss 2.31}.
 */
public final class StageProgress implements Progress {

    private final Progress inner;
    private final String stage;
    private volatile String prefix;

    StageProgress(Progress inner, String stage) {
        this.inner = inner;
        this.stage = stage;
        this.prefix = stage + " · ";
    }

    /** A context reporting through a new stage progress, with the same cancellation. */
    public static StageProgress of(JobContext ctx, String stage) {
        return new StageProgress(ctx.progress(), stage);
    }

    public JobContext context(JobContext ctx) {
        return new JobContext(this, ctx.cancellation());
    }

    /** Starts unit {@code done + 1} of {@code total}. */
    public void unit(int done, int total, String what) {
        prefix = stage + " " + (done + 1) + "/" + total + " " + what + " · ";
        inner.start(0, prefix + "starting");
    }

    @Override
    public void start(long total, String message) {
        inner.start(total, prefix + message);
    }

    @Override
    public void advance(long units) {
        inner.advance(units);
    }

    @Override
    public void message(String message) {
        inner.message(prefix + message);
    }
}
