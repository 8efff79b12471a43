package org.heirloom.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.heirloom.io.ContentHash;
import org.heirloom.project.ProjectException;
import org.heirloom.settings.AppDirs;

/**
 * The bundled sample project is a template: the app opens a working copy in the user's data folder,
 * so the installation (or the git checkout) is never written to. A newer bundled version replaces
 * the copy; the old copy is kept beside it as {@code .bak}.
 */
public final class SampleProjects {

    public static final String FILE_NAME = "sample.heirloom";

    private SampleProjects() {}

    /** The bundled template: {@code sample-projects/sample.heirloom} under the install folder. */
    public static Path bundled() {
        return AppDirs.installDir().resolve("sample-projects").resolve(FILE_NAME);
    }

    /** Returns the user's working copy of the sample project, creating or refreshing it. */
    public static Path workingCopy() {
        Path source = bundled();
        Path dir = AppDirs.dataDir().resolve("projects");
        Path copy = dir.resolve(FILE_NAME);
        Path marker = dir.resolve(FILE_NAME + ".source-sha256");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(source)) {
                // No bundle (e.g. a bare jar): the sample prompts, so the app opens on data.
                if (!Files.exists(copy)) {
                    SampleProjectBuilder.buildPromptsOnly(copy);
                }
                return copy;
            }
            String hash = ContentHash.of(Files.readAllBytes(source));
            String seen = Files.exists(marker) ? Files.readString(marker).trim() : "";
            if (!Files.exists(copy) || !hash.equals(seen)) {
                if (Files.exists(copy)) {
                    Files.move(
                            copy,
                            dir.resolve(FILE_NAME + ".bak"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
                Path tmp = dir.resolve(FILE_NAME + ".tmp");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(marker, hash);
            }
            return copy;
        } catch (IOException e) {
            throw ProjectException.about(copy, "cannot prepare the sample project (" + e + ")", e);
        }
    }
}
