package org.heirloom.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;

/** Child-process main for {@link CrashSafetyTest}: commits prompt sets until it is killed. */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (Project p = Project.open(file)) {
            PromptSetRepository repo = new PromptSetRepository(p);
            for (int i = 0; ; i++) {
                List<PromptInput> prompts = new ArrayList<>();
                for (int j = 0; j < 5; j++) {
                    prompts.add(PromptInput.of("set " + i + " prompt " + j));
                }
                repo.create("set-" + i, "crash test", prompts);
                System.out.println("committed " + i);
                System.out.flush();
                Thread.sleep(2);
            }
        }
    }
}
