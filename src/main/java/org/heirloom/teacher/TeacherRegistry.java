package org.heirloom.teacher;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.heirloom.teacher.endpoint.OpenAiTeacherFactory;
import org.heirloom.teacher.imported.ImportedTeacherFactory;

/** Resolves teacher specs ({@code scheme:location}) to the factory of their scheme. */
public final class TeacherRegistry {

    private static final Map<String, TeacherFactory> FACTORIES = new ConcurrentHashMap<>();

    static {
        register(new OpenAiTeacherFactory());
        register(new ImportedTeacherFactory());
        for (TeacherFactory f : ServiceLoader.load(TeacherFactory.class)) {
            register(f);
        }
    }

    private TeacherRegistry() {}

    /** Adds or replaces the factory for its scheme. */
    public static void register(TeacherFactory factory) {
        FACTORIES.put(factory.scheme(), factory);
    }

    /** The factory for a spec; an {@link IllegalArgumentException} naming the spec if none. */
    public static TeacherFactory factoryFor(String spec) {
        int colon = spec == null ? -1 : spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "teacher spec '"
                            + spec
                            + "' is not SCHEME:LOCATION (e.g. local:DIR, openai:URL#MODEL,"
                            + " import:FILE)");
        }
        String scheme = spec.substring(0, colon);
        TeacherFactory f = FACTORIES.get(scheme);
        if (f == null) {
            String hint =
                    scheme.equals("local")
                            ? " (the engine registers local: through META-INF/services)"
                            : "";
            throw new IllegalArgumentException(
                    "teacher spec '"
                            + spec
                            + "': unknown scheme '"
                            + scheme
                            + "' (known: "
                            + String.join(", ", new TreeMap<>(FACTORIES).keySet())
                            + ")"
                            + hint);
        }
        return f;
    }

    /** The spec's identity (see {@link TeacherFactory#identity}). */
    public static String identity(String spec, TeacherEnvironment env) {
        return factoryFor(spec).identity(location(spec), env);
    }

    public static Teacher create(String spec, TeacherEnvironment env) throws Exception {
        return factoryFor(spec).create(location(spec), env);
    }

    private static String location(String spec) {
        String loc = spec.substring(spec.indexOf(':') + 1);
        if (loc.isBlank()) {
            throw new IllegalArgumentException("teacher spec '" + spec + "' has nothing after ':'");
        }
        return loc;
    }
}
