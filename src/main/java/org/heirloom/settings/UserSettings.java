package org.heirloom.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user preferences (recent projects, window layout, theme), kept as JSON in the data folder.
 * Never holds secrets: API keys come from the environment.
 *
 * @param recentProjects most recent first
 * @param window last window bounds
 * @param theme "light" or "dark"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserSettings(List<String> recentProjects, WindowLayout window, String theme) {

    private static final Logger LOG = LoggerFactory.getLogger(UserSettings.class);
    private static final int MAX_RECENT = 10;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Window position and size. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowLayout(
            double x, double y, double width, double height, double dividerPosition) {}

    public UserSettings {
        recentProjects = recentProjects == null ? List.of() : List.copyOf(recentProjects);
        theme = theme == null ? "light" : theme;
    }

    public static UserSettings defaults() {
        return new UserSettings(List.of(), null, "light");
    }

    public static Path file() {
        return AppDirs.dataDir().resolve("settings.json");
    }

    /** Loads settings; a missing or unreadable file gives defaults (settings are never vital). */
    public static UserSettings load() {
        return load(file());
    }

    /** Saves to {@link #file()}. */
    public void save() {
        save(file());
    }

    /** Loads from {@code f}; a missing or unreadable file gives defaults. */
    public static UserSettings load(Path f) {
        if (!Files.exists(f)) {
            return defaults();
        }
        try {
            return JSON.readValue(f.toFile(), UserSettings.class);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable settings {}: {}", f, e.getMessage());
            return defaults();
        }
    }

    /** Saves atomically (write a temporary file, then move it over). */
    public void save(Path f) {
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save settings {}: {}", f, e.getMessage());
        }
    }

    public UserSettings withRecent(Path project) {
        String p = project.toAbsolutePath().normalize().toString();
        List<String> list = new ArrayList<>(recentProjects);
        list.remove(p);
        list.add(0, p);
        while (list.size() > MAX_RECENT) {
            list.remove(list.size() - 1);
        }
        return new UserSettings(list, window, theme);
    }

    public UserSettings withWindow(WindowLayout layout) {
        return new UserSettings(recentProjects, layout, theme);
    }

    public UserSettings withTheme(String newTheme) {
        return new UserSettings(recentProjects, window, newTheme);
    }
}
