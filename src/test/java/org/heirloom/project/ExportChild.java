package org.heirloom.project;

import java.nio.file.Path;

/** Child-process main for {@link ExportKillTest}: exports a project until it is killed. */
public final class ExportChild {

    private ExportChild() {}

    public static void main(String[] args) {
        try (Project p = Project.open(Path.of(args[0]), Project.Mode.READ_ONLY)) {
            System.out.println("exporting");
            System.out.flush();
            p.exportForSharing(Path.of(args[1]), true);
        }
        System.out.println("done");
    }
}
