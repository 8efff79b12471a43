package org.heirloom.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.io.ContentHash;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSplitRepository;
import org.heirloom.project.StoredPrompt;

/** Imports a prompt file into a project as a named prompt set. */
public final class PromptImporter {

    /**
     * What an import did.
     *
     * @param read prompts read from the file
     * @param duplicates prompts dropped because their text repeats an earlier one
     * @param stored prompts in the new set
     * @param splits prompts per split
     */
    public record Result(
            long promptSetId,
            String source,
            int read,
            int duplicates,
            int stored,
            Map<String, Integer> splits) {}

    private final Project project;

    public PromptImporter(Project project) {
        this.project = project;
    }

    /**
     * The {@code source} text stored with a set: file name, how it was read, and the file's content
     * hash, so that a recipe can tell whether an existing set came from the same input.
     */
    public static String describeSource(Path file, PromptImportOptions options) throws IOException {
        PromptFormat format =
                options.format() != null ? options.format() : PromptFormat.detect(file);
        return file.getFileName()
                + " format="
                + format.name().toLowerCase(java.util.Locale.ROOT)
                + (options.field() != null ? " field=" + options.field() : "")
                + (options.encoding() != null ? " encoding=" + options.encoding().name() : "")
                + (options.limit() > 0 ? " limit=" + options.limit() : "")
                + (options.splits().fractions().isEmpty()
                        ? ""
                        : " splits="
                                + options.splits().fractions()
                                + " seed="
                                + options.splits().seed())
                + " sha256="
                + (Files.isDirectory(file)
                        ? SourceHash.ofFolder(file)
                        : ContentHash.of(Files.readAllBytes(file)));
    }

    public Result importFile(Path file, String name, PromptImportOptions options)
            throws IOException {
        return store(name, prepare(file, options));
    }

    /**
     * A file read, checked and de-duplicated, not yet stored.
     *
     * @param fileSplits per unique prompt, the split its file named (a data set folder), or null
     * @param keepFileSplits whether those splits are kept (no --split given and some were named)
     */
    public record Prepared(
            PromptImportOptions options,
            String source,
            int read,
            int duplicates,
            List<PromptInput> unique,
            List<String> fileSplits,
            boolean keepFileSplits) {}

    /**
     * Reads and checks a file without touching any project, so a caller can do this before it opens
     * the project for writing: bad input then leaves the project file as it was.
     */
    public static Prepared prepare(Path file, PromptImportOptions options) throws IOException {
        PromptFormat format =
                options.format() != null ? options.format() : PromptFormat.detect(file);
        List<RawPrompt> raw =
                PromptFileReader.read(
                        file,
                        format,
                        options.field(),
                        options.referenceField(),
                        options.encoding());
        if (raw.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts found");
        }
        List<PromptInput> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        List<String> fileSplits = new ArrayList<>(); // a data set folder's own splits
        for (RawPrompt p : raw) {
            // Surrounding whitespace is noise from files; the text itself is kept as written.
            String text = p.text().strip();
            if (!seen.add(text)) {
                duplicates++;
                continue;
            }
            if (options.limit() > 0 && unique.size() >= options.limit()) {
                continue;
            }
            unique.add(new PromptInput(text, p.reference()));
            fileSplits.add(p.split());
        }
        boolean keepFileSplits =
                options.splits().fractions().isEmpty()
                        && fileSplits.stream().anyMatch(x -> x != null);
        String source = describeSource(file, options);
        return new Prepared(
                options, source, raw.size(), duplicates, unique, fileSplits, keepFileSplits);
    }

    /** Stores a prepared file as the prompt set {@code name}. */
    public Result store(String name, Prepared prepared) {
        PromptImportOptions options = prepared.options();
        String source = prepared.source();
        List<PromptInput> unique = prepared.unique();
        List<String> fileSplits = prepared.fileSplits();
        boolean keepFileSplits = prepared.keepFileSplits();
        PromptSetRepository sets = new PromptSetRepository(project);
        long id = sets.create(name, source, unique);
        List<StoredPrompt> stored = sets.prompts(id);
        List<String> assignment =
                keepFileSplits
                        ? fileSplits.stream().map(x -> x == null ? "train" : x).toList()
                        : options.splits().assign(stored.size());
        Map<Long, String> byId = new HashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            byId.put(stored.get(i).id(), assignment.get(i));
            counts.merge(assignment.get(i), 1, Integer::sum);
        }
        if (!options.splits().fractions().isEmpty() || keepFileSplits) {
            new PromptSplitRepository(project).assign(byId);
        }
        return new Result(
                id, source, prepared.read(), prepared.duplicates(), stored.size(), counts);
    }
}
