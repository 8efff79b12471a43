package org.heirloom.train;

import java.nio.file.Path;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobContext;
import org.heirloom.job.Progress;
import org.heirloom.project.Project;

/** Child-process main for {@link TrainingServiceTest}: trains until it is killed. */
public final class TrainChild {

    private TrainChild() {}

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        TrainingPlan plan = TrainingServiceTest.plan(args[1], Path.of(args[2]));
        Progress p =
                new Progress() {
                    private long done;

                    @Override
                    public void start(long total, String message) {
                        done = 0;
                    }

                    @Override
                    public synchronized void advance(long units) {
                        done += units;
                        System.out.println("done " + done);
                        System.out.flush();
                    }

                    @Override
                    public void message(String message) {}
                };
        try (Project pr = Project.open(project)) {
            new TrainingService(pr).train(plan, new JobContext(p, new CancellationToken()));
        }
        System.out.println("finished");
    }
}
