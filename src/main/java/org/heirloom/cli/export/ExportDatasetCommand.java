package org.heirloom.cli.export;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import org.heirloom.run.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom export-dataset PROJECT --selection S --format jsonl|chat --out FILE}. */
@Command(
        name = "export-dataset",
        mixinStandardHelpOptions = true,
        description = "Write a selection as a fine-tuning dataset with a manifest beside it.")
public final class ExportDatasetCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(names = "--selection", required = true, description = "Selection name.")
    String selection;

    @Option(
            names = "--format",
            defaultValue = "jsonl",
            description =
                    "jsonl ({\"prompt\",\"completion\"}) or chat ({\"messages\":[...]})."
                            + " Default: ${DEFAULT-VALUE}.")
    Exporter.DatasetFormat format;

    @Option(names = "--split", description = "Only prompts of this split.")
    String split;

    @Option(names = "--out", required = true, description = "Dataset file to write.")
    Path out;

    @Option(names = "--manifest", description = "Manifest file (default: OUT with .manifest.json).")
    Path manifest;

    @Override
    public Integer call() throws Exception {
        Path man = manifest != null ? manifest : Exporter.defaultManifest(out);
        long n;
        try (Project p = Project.open(project, Project.Mode.READ_ONLY)) {
            n = new Exporter(p).exportDataset(selection, format, split, out, man);
        }
        spec.commandLine()
                .getOut()
                .println("Wrote " + n + " examples to " + out + " (manifest " + man + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
