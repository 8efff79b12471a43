package org.heirloom.settings;

import java.nio.file.Path;

/**
 * Where Heirloom keeps per-user data: settings, the working copy of the sample project, logs.
 * {@code HEIRLOOM_DATA} (environment) or {@code heirloom.data} (system property) override it;
 * otherwise {@code $XDG_DATA_HOME/heirloom} or {@code ~/.local/share/heirloom}.
 */
public final class AppDirs {

    private AppDirs() {}

    public static Path dataDir() {
        String override = System.getProperty("heirloom.data", System.getenv("HEIRLOOM_DATA"));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base =
                xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("heirloom");
    }

    /**
     * The installation root: the folder holding {@code sample-projects/} and {@code assets/}. Set
     * by the launcher ({@code heirloom.install}); otherwise derived from where the jar lies ({@code
     * target/heirloom.jar} in a checkout).
     */
    public static Path installDir() {
        String prop = System.getProperty("heirloom.install");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        try {
            Path code =
                    Path.of(
                            AppDirs.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            // target/heirloom.jar or target/classes → the checkout root.
            Path parent = code.getParent();
            return parent != null && parent.getParent() != null ? parent.getParent() : Path.of(".");
        } catch (Exception e) {
            return Path.of(".");
        }
    }
}
