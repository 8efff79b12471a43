package org.heirloom;

/** Process-wide settings that must be in place before DJL is first touched. */
public final class EngineEnvironment {

    private EngineEnvironment() {}

    /**
     * No downloads, no usage tracking. DJL reads both as environment variables or system
     * properties; only system properties can be set from inside the process.
     */
    public static void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            // Keep DJL's extracted native libraries with our other per-user data.
            System.setProperty(
                    "DJL_CACHE_DIR",
                    org.heirloom.settings.AppDirs.dataDir().resolve("djl").toString());
        }
    }
}
