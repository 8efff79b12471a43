package org.heirloom;

import org.heirloom.cli.HeirloomCommand;

/**
 * Entry point of the jar. Deliberately not a JavaFX {@code Application}, so that {@code java -jar}
 * works with JavaFX on the class path. Sets DJL's offline switches before any DJL class loads: DJL
 * would otherwise try the network at start.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        EngineEnvironment.configureOffline();
        System.exit(HeirloomCommand.execute(args));
    }
}
