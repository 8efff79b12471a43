package org.heirloom.teacher;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a teacher factory may consult besides the spec.
 *
 * @param baseDir relative paths in specs resolve against it (the recipe's folder, or the working
 *     directory)
 * @param env environment lookup, for API keys (tests inject their own)
 */
public record TeacherEnvironment(Path baseDir, Function<String, String> env) {

    public static TeacherEnvironment system() {
        return new TeacherEnvironment(Path.of("").toAbsolutePath(), System::getenv);
    }

    public TeacherEnvironment withBaseDir(Path dir) {
        return new TeacherEnvironment(dir, env);
    }

    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }
}
