package org.heirloom.run;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.project.Project;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.TeacherEnvironment;

/** Child-process entry of {@link KillResumeTest}: generates a run with a slow teacher. */
public final class SlowRunMain {

    static final SamplingParams SAMPLING = new SamplingParams(1.0, 0.9, 0, 32, 1);

    private SlowRunMain() {}

    static RunSpec spec(String delay) {
        return new RunSpec(
                "killed", "set", null, List.of("fake:a" + delay, "fake:b" + delay), 3, SAMPLING, 7);
    }

    public static void main(String[] args) throws Exception {
        FakeTeacher.register();
        try (Project p = Project.open(Path.of(args[0]))) {
            new GenerationRunner(p, TeacherEnvironment.system())
                    .run(spec(";delay=40"), JobContext.none());
        }
        // Reaching here means the parent was too slow to kill us; it will notice.
        System.out.println("FINISHED");
    }
}
