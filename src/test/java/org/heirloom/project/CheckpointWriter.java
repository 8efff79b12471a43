package org.heirloom.project;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;

/**
 * Child-process main for {@link CheckpointKillTest}: commits large prompt sets and checkpoints
 * every few, so a kill or a reader lands during a checkpoint now and then.
 */
public final class CheckpointWriter {

    private CheckpointWriter() {}

    public static void main(String[] args) {
        try (Project p = Project.open(Path.of(args[0]))) {
            PromptSetRepository repo = new PromptSetRepository(p);
            for (int i = 0; ; i++) {
                // ~200 KB per set; a checkpoint every 8 sets writes ~400 pages past the old end.
                repo.create(
                        "set-" + i,
                        "checkpoint test",
                        List.of(PromptInput.of(("set " + i + " ").repeat(20_000))));
                System.out.println("committed " + i);
                System.out.flush();
                if (i % 8 != 7) {
                    continue; // let the WAL grow: a larger checkpoint, a wider window
                }
                p.read(
                        c -> {
                            try (var st = c.createStatement()) {
                                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
                            }
                            return null;
                        });
            }
        }
    }
}
