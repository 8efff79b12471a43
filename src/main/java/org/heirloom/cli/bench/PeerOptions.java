package org.heirloom.cli.bench;

import java.nio.file.Path;
import org.heirloom.bench.peer.PeerScript;
import picocli.CommandLine.Option;

/** The independent peer's options, shared by the benches that run one side by side. */
public final class PeerOptions {

    @Option(
            names = "--peers",
            paramLabel = "DIR",
            description = "Folder of the peer scripts (default: ../shared/bench-peers).")
    Path peers;

    @Option(
            names = "--python",
            description =
                    "Python that runs the peer script (default: /usr/bin/python3, then python3 on"
                            + " PATH).")
    String python;

    @Option(names = "--no-peer", description = "Measure Heirloom only.")
    boolean noPeer;

    /** The peer scripts' folder. */
    Path dir() {
        return PeerScript.peersDir(peers);
    }
}
