package org.heirloom.project;

import java.nio.file.Path;

/** A project file could not be opened, read or written; the message is one clear line. */
public class ProjectException extends RuntimeException {

    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "FILE: problem" — the form every user-facing project error takes. */
    public static ProjectException about(Path file, String problem) {
        return new ProjectException(file + ": " + problem);
    }

    public static ProjectException about(Path file, String problem, Throwable cause) {
        return new ProjectException(file + ": " + problem, cause);
    }
}
