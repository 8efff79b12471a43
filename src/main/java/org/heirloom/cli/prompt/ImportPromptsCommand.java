package org.heirloom.cli.prompt;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.project.Project;
import org.heirloom.prompt.PromptFormat;
import org.heirloom.prompt.PromptImportOptions;
import org.heirloom.prompt.PromptImporter;
import org.heirloom.prompt.SplitSpec;
import org.heirloom.prompt.TextDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom import-prompts PROJECT FILE --name NAME}. */
@Command(
        name = "import-prompts",
        mixinStandardHelpOptions = true,
        description =
                "Import prompts (JSONL, CSV, TSV, text, JSON, Parquet or a Hugging Face data set"
                        + " folder) as a named prompt set.")
public final class ImportPromptsCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Parameters(
            index = "1",
            paramLabel = "FILE",
            description = "Prompt file, or a data set folder of .parquet files.")
    Path file;

    @Option(names = "--name", required = true, description = "Name of the new prompt set.")
    String name;

    @Option(
            names = "--field",
            description =
                    "Field/column holding the prompt (default: prompt, inputs, input,"
                            + " instruction, question or text, whichever is present).")
    String field;

    @Option(
            names = "--reference-field",
            description =
                    "Field with a reference answer (default: targets, reference, response,"
                            + " output or answer if present; '' for none).")
    String referenceField;

    @Option(
            names = "--format",
            description =
                    "jsonl, csv, tsv, text, json or parquet (default: from the extension; a folder"
                            + " is parquet).")
    String format;

    @Option(
            names = "--encoding",
            description =
                    "Encoding of a CSV/TSV file: utf-8, utf-16, cp1252, ... (default: detected).")
    String encoding;

    @Option(names = "--limit", description = "Keep at most N prompts (after deduplication).")
    int limit;

    @Option(names = "--split", description = "Named splits as fractions, e.g. train=0.9,eval=0.1.")
    String split;

    @Option(names = "--seed", description = "Seed of the split shuffle (default 0).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PromptFormat f = null;
        if (format != null) {
            try {
                f = PromptFormat.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(
                        "--format: expected jsonl, csv, tsv, text, json or parquet, got '"
                                + format
                                + "'");
            }
        }
        SplitSpec splits = split == null ? SplitSpec.none() : SplitSpec.parse(split, seed);
        PromptImportOptions options =
                new PromptImportOptions(
                        f,
                        field,
                        referenceField,
                        limit,
                        splits,
                        encoding == null ? null : TextDecoder.charset(encoding));
        // The file is read and checked before the project opens for writing.
        PromptImporter.Prepared prepared = PromptImporter.prepare(file, options);
        PromptImporter.Result r;
        try (Project p = Project.open(project)) {
            r = new PromptImporter(p).store(name, prepared);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Imported %d prompts into '%s' (%d read, %d duplicates dropped; splits %s)%n",
                r.stored(), name, r.read(), r.duplicates(), r.splits());
        out.flush();
        return 0;
    }
}
