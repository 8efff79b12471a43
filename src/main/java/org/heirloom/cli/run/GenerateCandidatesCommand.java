package org.heirloom.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heirloom.cli.ConsoleProgress;
import org.heirloom.project.Project;
import org.heirloom.run.GenerationRunner;
import org.heirloom.run.RunResult;
import org.heirloom.run.RunSkips;
import org.heirloom.run.RunSpec;
import org.heirloom.teacher.OnOverlong;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom generate-candidates PROJECT --prompts NAME --teacher SPEC --k K --name RUN}. */
@Command(
        name = "generate-candidates",
        mixinStandardHelpOptions = true,
        description = {
            "Generate k candidates per prompt from one or more teachers into a named run.",
            "Re-running the same command resumes the run where it stopped."
        })
public final class GenerateCandidatesCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(
            names = "--prompts",
            paramLabel = "NAME",
            required = true,
            description = "Prompt set name.")
    String prompts;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "Only prompts of this split (e.g. train).")
    String split;

    @Option(
            names = "--teacher",
            paramLabel = "SPEC",
            required = true,
            description =
                    "local:DIR, openai:BASE_URL#MODEL[;option=value...] or import:FILE;"
                            + " repeat to pool several teachers.")
    List<String> teachers;

    @Option(
            names = "--k",
            paramLabel = "K",
            required = true,
            description = "Candidates per prompt and teacher.")
    int k;

    @Option(
            names = "--max-new-tokens",
            paramLabel = "N",
            defaultValue = "256",
            description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "1.0",
            description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(
            names = "--top-p",
            paramLabel = "P",
            defaultValue = "1.0",
            description = "Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "0",
            description = "0 = off. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(
            names = "--repetition-penalty",
            paramLabel = "R",
            defaultValue = "1.0",
            description = "1 = off. Default: ${DEFAULT-VALUE}.")
    double repetitionPenalty;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Run seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--name", paramLabel = "RUN", required = true, description = "Run name.")
    String name;

    @Option(
            names = "--on-overlong",
            paramLabel = "WHAT",
            defaultValue = "skip",
            description =
                    "Prompts that do not fit a local teacher's context with --max-new-tokens:"
                            + " skip (recorded and reported), truncate-left, or fail."
                            + " Default: ${DEFAULT-VALUE}.")
    String onOverlong;

    @Override
    public Integer call() throws Exception {
        SamplingParams sampling =
                new SamplingParams(temperature, topP, topK, maxNewTokens, repetitionPenalty);
        RunSpec run =
                new RunSpec(
                        name,
                        prompts,
                        split,
                        teachers,
                        k,
                        sampling,
                        seed,
                        OnOverlong.parse(onOverlong));
        TeacherEnvironment env = TeacherEnvironment.system();
        // Teachers open (files read, models loaded) before the project does: a teacher that
        // cannot be used fails the command with the project file untouched.
        Map<String, Deque<Teacher>> ready = new HashMap<>();
        RunResult r;
        try {
            Map<Integer, Teacher> byIndex = new HashMap<>();
            for (String t : teachers) {
                Teacher opened = TeacherRegistry.create(t, env);
                ready.computeIfAbsent(t, x -> new ArrayDeque<>()).add(opened);
                byIndex.put(byIndex.size(), opened);
            }
            // Prompts are checked against the teachers on a read-only view first: a refusal
            // (--on-overlong fail, an unknown prompt set) leaves the file byte-identical.
            try (Project ro = Project.open(project, Project.Mode.READ_ONLY)) {
                new GenerationRunner(ro, env).checkFit(run, byIndex);
            }
            GenerationRunner.TeacherOpener opener =
                    t -> {
                        Deque<Teacher> q = ready.get(t);
                        return q != null && !q.isEmpty()
                                ? q.poll()
                                : TeacherRegistry.create(t, env);
                    };
            try (Project p = Project.open(project)) {
                r =
                        new GenerationRunner(p, env, opener)
                                .run(run, ConsoleProgress.context(spec.commandLine().getErr()));
            }
        } finally {
            for (Deque<Teacher> q : ready.values()) {
                for (Teacher t : q) {
                    try {
                        t.close();
                    } catch (Exception ignored) {
                        // unused teacher; nothing depends on it
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Run '%s': %d candidates (%d already stored, %d generated now)%n",
                r.name(), r.expected(), r.alreadyStored(), r.generated());
        if (!r.skips().isEmpty()) {
            long skipped = r.skips().stream().filter(s -> s.action().equals("skipped")).count();
            out.printf(
                    "%d prompts skipped and %d truncated: they do not fit the teacher's context"
                            + " (recorded in the run)%n",
                    skipped, r.skips().size() - skipped);
            int shown = 0;
            for (RunSkips.Skip s : r.skips()) {
                if (shown++ == 10) {
                    out.printf("  … and %d more%n", r.skips().size() - 10);
                    break;
                }
                out.printf("  prompt id %d: %s (%s)%n", s.promptId(), s.action(), s.reason());
            }
        }
        out.flush();
        return 0;
    }
}
