package org.heirloom;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application version, from the build (a filtered resource). */
public final class Version {

    private static final String VERSION = load();

    private Version() {}

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("heirloom.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
