package org.heirloom.cli.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.profile.compare.ProfileComparison;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.stats.Estimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom compare PROJECT --models A,B[,C] --suite S [--json]}. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare models' profiles on a suite: means with 95%% bootstrap CIs, and each model vs the"
                    + " first (difference, %% change, paired CI and paired permutation test)."
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(
            names = "--models",
            required = true,
            split = ",",
            description =
                    "Model names, the baseline first; an arm of replicates is LABEL=M1+M2+M3"
                            + " (e.g. baseline=b0+b1+b2,steered=s0+s1+s2).")
    List<String> models;

    @Option(names = "--suite", required = true, description = "Suite whose profiles to compare.")
    String suite;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ProfileComparison.Report report;
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            ModelRepository repo = new ModelRepository(p);
            List<ProfileComparison.Arm> arms = new ArrayList<>();
            for (String arg : models) {
                // NAME, or LABEL=M1+M2+M3 for an arm of replicates.
                int eq = arg.indexOf('=');
                String label = eq > 0 ? arg.substring(0, eq) : arg;
                List<ModelRecord> reps = new ArrayList<>();
                for (String name : (eq > 0 ? arg.substring(eq + 1) : arg).split("\\+")) {
                    String n = name.strip();
                    reps.add(
                            repo.find(n)
                                    .orElseThrow(
                                            () ->
                                                    new UserInputException(
                                                            "no model named '"
                                                                    + n
                                                                    + "' in "
                                                                    + project)));
                }
                arms.add(new ProfileComparison.Arm(label, reps));
            }
            report = ProfileComparison.compareArms(p, arms, suite);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(report));
        } else {
            out.printf("Suite %s; baseline %s%n", report.suite(), report.arms().get(0));
            for (ProfileComparison.Attribute a : report.attributes()) {
                out.printf("%n%s%n", a.name());
                for (Map.Entry<String, Estimate> e : a.means().entrySet()) {
                    Estimate m = e.getValue();
                    out.printf(
                            Locale.ROOT,
                            "  %-24s %10.4g  [%.4g, %.4g]  n=%d",
                            e.getKey(),
                            m.value(),
                            m.low(),
                            m.high(),
                            m.n());
                    double[] reps = a.replicateMeans().get(e.getKey());
                    if (reps != null && reps.length > 1) {
                        StringBuilder pts = new StringBuilder("  replicates:");
                        for (double r : reps) {
                            pts.append(String.format(Locale.ROOT, " %.4g", r));
                        }
                        out.print(pts);
                    }
                    ProfileComparison.Versus c = a.versusBaseline().get(e.getKey());
                    if (c != null) {
                        out.printf(
                                Locale.ROOT,
                                "   Δ %+.4g [%+.4g, %+.4g] (%+.1f%%)  p=%.3g p_holm=%.3g%s",
                                c.difference().value(),
                                c.difference().low(),
                                c.difference().high(),
                                c.percentChange().value(),
                                c.pValue(),
                                c.pHolm(),
                                c.significant() ? "  *" : "");
                    }
                    out.println();
                }
            }
            out.printf(
                    "%np: two-sided, from the same resamples as the difference's 95%% CI (%s);"
                            + " p_holm: Holm-adjusted over every arm x attribute comparison above;"
                            + " * = p_holm < 0.05 and the CI excludes 0%n",
                    tests(report));
            for (String w : report.warnings()) {
                out.println("warning: " + w);
            }
        }
        out.flush();
        return 0;
    }

    /** The distinct tests behind the report's p-values. */
    static String tests(ProfileComparison.Report report) {
        java.util.Set<String> t = new java.util.LinkedHashSet<>();
        for (ProfileComparison.Attribute a : report.attributes()) {
            a.versusBaseline().values().forEach(v -> t.add(v.test()));
        }
        return String.join("; ", t);
    }
}
