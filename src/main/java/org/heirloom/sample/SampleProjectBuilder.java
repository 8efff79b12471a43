package org.heirloom.sample;

import java.nio.file.Path;
import org.heirloom.project.Project;
import org.heirloom.project.PromptInput;
import org.heirloom.project.PromptSetRepository;

/** Builds the bundled sample project from content our own code holds (nothing downloaded). */
public final class SampleProjectBuilder {

    public static final String NAME = "Sample: active inheritance";
    public static final String PROMPT_SET = "instructions";

    private SampleProjectBuilder() {}

    /** Creates the sample project at {@code file} (which must not exist). */
    public static void build(Path file) {
        try (Project p = Project.create(file, NAME)) {
            new PromptSetRepository(p)
                    .create(
                            PROMPT_SET,
                            "written for Heirloom's sample project",
                            SamplePrompts.INSTRUCTIONS.stream().map(PromptInput::of).toList());
        }
    }
}
